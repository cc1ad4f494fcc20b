import { UsageError } from './args.js';
import { verifyCommand, VERIFY_USAGE, type Io } from './verifyCommand.js';

const USAGE = `usage: passgate <command> [options]

commands:
  verify       verify presentations read from standard input (PG1 §9)

${VERIFY_USAGE}`;

function nodeIo(): Io {
  return {
    stdin: process.stdin,
    write: (text: string) => { process.stdout.write(text); },
    error: (text: string) => { process.stderr.write(text + '\n'); },
  };
}

/** Runs the command line; returns the exit status. */
export async function main(argv: readonly string[], io: Io = nodeIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return await verifyCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.error(`passgate: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
