#!/usr/bin/env node
// A gate on passgate in Node: the lists in force are kept in a directory (FileStorage), so the gate
// restarts with them and keeps deciding offline; list files given on the command line are applied
// first. Then each line of standard input (a scanner that types the code and Enter) is verified and
// answered with one JSON line on standard output.
//
//   node gate.mjs --root HEX [--root HEX] --storage DIR --venue CATEGORY [--trust FILE]
//                 [--revocations FILE] [--now UNIX]
//
// The venue is required: without one PG1 runs no venue rule, and a red code would be admitted.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createVerifier, FileStorage, PassgateError } from 'passgate/node';

const { values } = parseArgs({
  options: {
    root: { type: 'string', multiple: true },
    storage: { type: 'string' },
    trust: { type: 'string' },
    revocations: { type: 'string' },
    venue: { type: 'string' },
    now: { type: 'string' },
  },
});
if (!values.root?.length || !values.storage || !values.venue) {
  console.error('usage: gate.mjs --root HEX --storage DIR --venue CATEGORY [--trust FILE] [--revocations FILE] [--now UNIX]');
  process.exit(2);
}

const now = values.now === undefined ? undefined : Number(values.now);
const verifier = await createVerifier({
  roots: values.root,
  storage: new FileStorage(values.storage),
  ...(now === undefined ? {} : { now: () => now }),
});
for (const problem of verifier.restoreProblems) console.error(`stored ${problem.list} not used: ${problem.reason}`);
try {
  if (values.trust) await verifier.applyTrustList(await readFile(values.trust));
  if (values.revocations) await verifier.applyRevocations(await readFile(values.revocations));
} catch (e) {
  // A refused list leaves the lists in force: the gate goes on with them.
  console.error(e instanceof PassgateError ? `${e.code}: ${e.message}` : e);
}

const options = { venue: values.venue };
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const text = line.trim();
  if (text === '') continue;
  try {
    const { result, claims } = verifier.verify(text, options);
    console.log(JSON.stringify({ result, ...(claims ? { claims } : {}) }));
  } catch (e) {
    // Misuse (no trust list yet, an unknown venue) is said per line; the gate keeps reading.
    console.log(JSON.stringify({ error: e instanceof PassgateError ? e.code : String(e) }));
  }
}
await verifier.close();
