import { UsageError } from './args.js';
import { verifyCommand, VERIFY_USAGE } from './verifyCommand.js';
import { keygenCommand, KEYGEN_USAGE } from './keygenCommand.js';
import { issueCommand, ISSUE_USAGE } from './issueCommand.js';
import { presentCommand, PRESENT_USAGE } from './presentCommand.js';
import { trustBuildCommand, TRUST_BUILD_USAGE } from './trustBuildCommand.js';
import { revocationsBuildCommand, REVOCATIONS_BUILD_USAGE } from './revocationsBuildCommand.js';
import { revocationsFilterCommand, REVOCATIONS_FILTER_USAGE } from './revocationsFilterCommand.js';
import { inspectCommand, INSPECT_USAGE } from './inspectCommand.js';
import { serveCommand, SERVE_USAGE } from './serveCommand.js';
import { cardCommand, CARD_USAGE } from './cardCommand.js';
import { transcodeCommand, TRANSCODE_USAGE } from './transcodeCommand.js';
import { packageVersion } from './packageVersion.js';
import type { OperatorIo } from './operatorIo.js';

const USAGE = `usage: passgate <command> [options]

commands:
  verify              verify presentations read from standard input (PG1 §9)
  serve               the gate service: HTTP verify, health and metrics, scheduled sync
  keygen              make an Ed25519 key pair (issuer, root or holder device)
  issue               issue a token with its disclosures
  present             build a presentation from a token bundle (QR text, hex or raw)
  trust build         sign a trust list
  revocations build   sign a revocation list or delta
  revocations filter  build and sign a revocation filter from key files (national scale)
  inspect             decode and show any PG1 artefact, without verifying it
  card read|write     read card passes from a PC/SC reader (read lines for verify), or write one
  transcode           the issuers' gateway: EU Digital COVID Certificates (HC1) to PG1 tokens (§11)
  --version           the version of passgate

${VERIFY_USAGE}

${SERVE_USAGE}

${KEYGEN_USAGE}

${ISSUE_USAGE}

${PRESENT_USAGE}

${TRUST_BUILD_USAGE}

${REVOCATIONS_BUILD_USAGE}

${REVOCATIONS_FILTER_USAGE}

${INSPECT_USAGE}

${CARD_USAGE}

${TRANSCODE_USAGE}`;

function nodeIo(): OperatorIo {
  return {
    stdin: process.stdin,
    write: (text: string) => { process.stdout.write(text); },
    writeBytes: (bytes: Uint8Array) => { process.stdout.write(bytes); },
    error: (text: string) => { process.stderr.write(text + '\n'); },
    errorStream: process.stderr,
  };
}

/** `trust build`, `revocations build|filter`: the subcommand of a group, which must be one of `known`. */
function subcommand(group: string, rest: readonly string[], known: readonly string[] = ['build']): readonly string[] {
  if (rest[0] === undefined || !known.includes(rest[0])) {
    throw new UsageError(`${group}: unknown subcommand ${rest[0] === undefined ? '(none)' : `"${rest[0]}"`}; try ${known.map((k) => `"${group} ${k}"`).join(' or ')}`);
  }
  return rest.slice(1);
}

const COMMAND_USAGE: Readonly<Record<string, string>> = {
  verify: VERIFY_USAGE,
  serve: SERVE_USAGE,
  keygen: KEYGEN_USAGE,
  issue: ISSUE_USAGE,
  present: PRESENT_USAGE,
  trust: TRUST_BUILD_USAGE,
  revocations: `${REVOCATIONS_BUILD_USAGE}\n\n${REVOCATIONS_FILTER_USAGE}`,
  inspect: INSPECT_USAGE,
  card: CARD_USAGE,
  transcode: TRANSCODE_USAGE,
};

/** Runs the command line; returns the exit status. */
export async function main(argv: readonly string[], io: OperatorIo = nodeIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return await verifyCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case '--version':
      case 'version':
        io.write(`passgate ${packageVersion()}\n`);
        return 0;
      case 'keygen':
        return await keygenCommand(rest, io);
      case 'issue':
        return await issueCommand(rest, io);
      case 'present':
        return await presentCommand(rest, io);
      case 'trust':
        return await trustBuildCommand(subcommand('trust', rest), io);
      case 'revocations':
        return rest[0] === 'filter'
          ? await revocationsFilterCommand(subcommand('revocations', rest, ['build', 'filter']), io)
          : await revocationsBuildCommand(subcommand('revocations', rest, ['build', 'filter']), io);
      case 'inspect':
        return await inspectCommand(rest, io);
      case 'card':
        return await cardCommand(rest, io);
      case 'transcode':
        return await transcodeCommand(rest, io);
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
      // The usage of the command that was misused, or all of it.
      const own = command !== undefined && Object.prototype.hasOwnProperty.call(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined;
      io.error(`passgate: ${e.message}\n\n${own === undefined ? USAGE : `usage: ${own}`}`);
      return 2;
    }
    throw e;
  }
}
