/**
 * File access for the operator commands: every failure becomes a usage error (exit 2) that names the
 * file. Secrets (key files, token bundles with their salts) are created with mode 0600.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from './args.js';

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
}

/** Parses JSON given inline, or read from a file when the argument is @FILE. */
export async function jsonArgument(text: string, name: string): Promise<unknown> {
  const source = text.startsWith('@') ? new TextDecoder().decode(await readBytes(text.slice(1), `--${name} file`)) : text;
  try {
    return JSON.parse(source) as unknown;
  } catch (e) {
    throw new UsageError(`--${name} is not valid JSON: ${reason(e)}`);
  }
}

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readBytes(path, what));
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${reason(e)}`);
  }
}

/**
 * Writes a new file readable by its owner only. It must not exist yet: a key is never overwritten by
 * accident, and an existing file's wider mode is never inherited.
 */
export async function writeSecretFile(path: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, content, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    throw new UsageError(`cannot create ${path}: ${reason(e)}`);
  }
}

/** Writes (or replaces) a public artefact: a signed list, a presentation. */
export async function writeOutputFile(path: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${reason(e)}`);
  }
}
