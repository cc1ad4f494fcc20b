/**
 * The runnable parts of a Markdown guide: its fenced code blocks by language, and a ```sh block split
 * into commands (a command runs on over lines ending in `\` and through a here-document) with the
 * output each states, as `# → text` lines under it or at its end (`…` stands for any text).
 */

export interface FencedBlock {
  readonly lang: string;
  readonly body: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
}

export interface ShellCommand {
  readonly text: string;
  /** Lines its standard output must hold, in this order (each a whole line, trimmed; `…` matches any text). */
  readonly expect: readonly string[];
  readonly line: number;
}

export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`unclosed code block at line ${start + 1}`);
    blocks.push({ lang: open[1]!, body: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

const EXPECT = /^\s*#\s*→\s?(.*)$/;
const TRAILING_EXPECT = /\s#\s*→\s?(.*)$/;
const HEREDOC = /<<-?\s*(['"]?)(\w+)\1/;

export function shellCommands(block: FencedBlock): ShellCommand[] {
  const lines = block.body.split('\n');
  const commands: { text: string; expect: string[]; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const stated = EXPECT.exec(line);
    if (stated) {
      const last = commands.at(-1);
      if (!last) throw new Error(`line ${block.line + 1 + i}: an expected output before any command`);
      last.expect.push(stated[1]!.trim());
      continue;
    }
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const start = i;
    const parts = [line];
    while (parts.at(-1)!.endsWith('\\') && i + 1 < lines.length) parts.push(lines[++i]!);
    const heredoc = HEREDOC.exec(parts.join('\n'));
    if (heredoc) {
      while (i + 1 < lines.length && lines[i + 1] !== heredoc[2]) parts.push(lines[++i]!);
      if (i + 1 >= lines.length) throw new Error(`line ${block.line + 1 + start}: here-document ${heredoc[2]} not closed`);
      parts.push(lines[++i]!);
    }
    const trailing = TRAILING_EXPECT.exec(parts.at(-1)!);
    commands.push({ text: parts.join('\n'), expect: trailing ? [trailing[1]!.trim()] : [], line: block.line + 1 + start });
  }
  return commands;
}

/** An expected line as a whole-line pattern: the text as written, `…` any text. */
export function expectedLinePattern(expected: string): RegExp {
  const escaped = expected.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/**
 * Where the expected lines fail to appear in order, each as a whole trimmed line of the output:
 * undefined when they all do, else the first one missing.
 */
export function missingExpectation(output: string, expect: readonly string[]): string | undefined {
  const lines = output.split('\n').map((l) => l.trim());
  let at = 0;
  for (const expected of expect) {
    const pattern = expectedLinePattern(expected);
    while (at < lines.length && !pattern.test(lines[at]!)) at++;
    if (at >= lines.length) return expected;
    at++;
  }
  return undefined;
}
