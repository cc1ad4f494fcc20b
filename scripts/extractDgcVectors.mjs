// Copies from eu-digital-green-certificates/dgc-testdata (../shared/vectors/dgc-testdata, Apache-2.0) only
// the fields test/transcodeCorpus.test.ts uses: PREFIX, TESTCTX.CERTIFICATE, TESTCTX.VALIDATIONCLOCK and
// EXPECTEDRESULTS, one entry per corpus file, into test/vectors/dgc-testdata/corpus.json.
// Usage: node scripts/extractDgcVectors.mjs [corpus folder]
import { readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? new URL('../../shared/vectors/dgc-testdata', import.meta.url).pathname;
const out = new URL('../test/vectors/dgc-testdata/', import.meta.url).pathname;

function* jsonFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* jsonFiles(path);
    else if (name.endsWith('.json') && path.includes('2DCode')) yield path;
  }
}

const entries = [];
for (const path of jsonFiles(root)) {
  const d = JSON.parse(readFileSync(path, 'utf8'));
  entries.push({
    file: relative(root, path),
    PREFIX: d.PREFIX,
    TESTCTX: { CERTIFICATE: d.TESTCTX.CERTIFICATE, VALIDATIONCLOCK: d.TESTCTX.VALIDATIONCLOCK },
    EXPECTEDRESULTS: d.EXPECTEDRESULTS,
  });
}
writeFileSync(join(out, 'corpus.json'), JSON.stringify(entries, null, 0).replace(/\},\{"file"/g, '},\n{"file"') + '\n');
for (const f of ['LICENSE', 'NOTICE']) copyFileSync(join(root, f), join(out, f));
console.log(`${entries.length} files`);
