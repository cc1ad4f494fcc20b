/**
 * One bash process that runs commands one at a time, as a reader pastes them into a terminal: shell
 * variables, `$!` and background jobs carry over from one command to the next. Each command's standard
 * output and error are kept apart and returned with its exit status; its standard input is /dev/null
 * unless it redirects its own. The shell leads a process group of its own, so that close() ends it
 * and whatever it left running in the background.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class PersistentShell {
  private readonly shell: ChildProcess;
  private readonly control = mkdtempSync(join(tmpdir(), 'passgate-shell-'));
  private received = '';
  private count = 0;
  private exited = false;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.shell = spawn('bash', ['--noprofile', '--norc'], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'inherit'] });
    this.shell.stdout!.setEncoding('utf8');
    this.shell.stdout!.on('data', (chunk: string) => { this.received += chunk; });
    this.shell.on('exit', () => { this.exited = true; });
    this.shell.stdin!.write('set -o pipefail\n');
  }

  /** Runs one command (it may span lines); rejects when it does not finish within timeoutMs. */
  async run(command: string, timeoutMs: number): Promise<CommandRun> {
    const n = ++this.count;
    const file = (name: string): string => join(this.control, `${n}.${name}`);
    writeFileSync(file('sh'), command + '\n');
    const done = `__passgate_done_${n}__`;
    this.shell.stdin!.write(`. '${file('sh')}' > '${file('out')}' 2> '${file('err')}' < /dev/null; echo "${done} $?"\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = new RegExp(`${done} (\\d+)\\n`).exec(this.received);
      if (m) {
        this.received = this.received.slice(m.index + m[0].length);
        return { status: Number(m[1]), stdout: readFileSync(file('out'), 'utf8'), stderr: readFileSync(file('err'), 'utf8') };
      }
      if (this.exited) throw new Error('the shell exited (a command ran exit?)');
      if (Date.now() > deadline) throw new Error(`no end within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Ends the shell and every process it started that is still running (its process group). */
  close(): void {
    if (this.shell.pid !== undefined) {
      try {
        process.kill(-this.shell.pid, 'SIGKILL');
      } catch {
        // Nothing of it is left.
      }
    }
    rmSync(this.control, { recursive: true, force: true });
  }
}
