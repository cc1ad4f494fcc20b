/**
 * `passgate inspect` on a revocation filter (PG1 §7.3): its shards summed up rather than dumped
 * (a national filter holds megabytes of tables): how many shards, which r, the L and S ranges and
 * table bytes of each stage, and the first shards one by one. A shard that is not the nine fields of
 * §7.3 is shown as it is and counted; nothing is verified.
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { cborJson, jsonObject, type JsonView } from './cborJson.js';

type Fields = [string, JsonView][];

/** Shards shown one by one; the rest are only summed up. */
const LISTED_SHARDS = 16;

interface StageTotals {
  L: [number, number] | null;
  S: [number, number] | null;
  tableBytes: number;
  shards: number;
}

const uint = (v: CborValue | undefined): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);
const range = (r: [number, number] | null, v: number): [number, number] => (r === null ? [v, v] : [Math.min(r[0], v), Math.max(r[1], v)]);

function addStage(t: StageTotals, L: number, S: number, T: Uint8Array): void {
  t.L = range(t.L, L);
  t.S = range(t.S, S);
  t.tableBytes += T.length;
  t.shards++;
}

const stageView = (t: StageTotals): JsonView =>
  jsonObject([['shards', t.shards], ['L', t.L], ['S', t.S], ['table_bytes', t.tableBytes]]);

/** The shard fields when they have the types of §7.3 (ranges are not checked here). */
function shardFields(v: CborValue): { r: number; L1: number; S1: number; T1: Uint8Array; L2: number; S2: number; T2: Uint8Array; view: JsonView } | null {
  if (!Array.isArray(v) || v.length !== 9) return null;
  const a = v as readonly CborValue[];
  const [r, L1, S1, L2, S2] = [uint(a[1]), uint(a[2]), uint(a[3]), uint(a[6]), uint(a[7])];
  const seed1 = a[0]!;
  const seed2 = a[5]!;
  const T1 = a[4];
  const T2 = a[8];
  if (r === null || L1 === null || S1 === null || L2 === null || S2 === null || !(T1 instanceof Uint8Array) || !(T2 instanceof Uint8Array)) return null;
  if ((typeof seed1 !== 'number' && typeof seed1 !== 'bigint') || (typeof seed2 !== 'number' && typeof seed2 !== 'bigint')) return null;
  const view = jsonObject([
    ['seed1', seed1], ['r', r], ['L1', L1], ['S1', S1], ['T1_bytes', T1.length],
    ['seed2', seed2], ['L2', L2], ['S2', S2], ['T2_bytes', T2.length],
  ]);
  return { r, L1, S1, T1, L2, S2, T2, view };
}

/** The `shards` field (9) of a filter, summed up. */
export function describeFilterShards(v: CborValue): JsonView {
  if (!Array.isArray(v)) return cborJson(v);
  const shards = v as readonly CborValue[];
  const byR: Record<string, number> = {};
  const stage1: StageTotals = { L: null, S: null, tableBytes: 0, shards: 0 };
  const stage2: StageTotals = { L: null, S: null, tableBytes: 0, shards: 0 };
  const listed: JsonView[] = [];
  let malformed = 0;
  shards.forEach((item, i) => {
    const s = shardFields(item);
    if (s === null) {
      malformed++;
      if (i < LISTED_SHARDS) listed.push(jsonObject([['malformed', cborJson(item)]]));
      return;
    }
    byR[s.r] = (byR[s.r] ?? 0) + 1;
    if (s.r > 0) addStage(stage1, s.L1, s.S1, s.T1);
    addStage(stage2, s.L2, s.S2, s.T2);
    if (i < LISTED_SHARDS) listed.push(s.view);
  });
  const fields: Fields = [
    ['count', shards.length],
    ['shards_by_r', jsonObject(Object.entries(byR))],
    ['stage1', stageView(stage1)],
    ['stage2', stageView(stage2)],
    ['table_bytes', stage1.tableBytes + stage2.tableBytes],
  ];
  if (malformed > 0) fields.push(['malformed_shards', malformed]);
  fields.push(['first_shards', listed]);
  if (shards.length > LISTED_SHARDS) fields.push(['shards_not_listed', shards.length - LISTED_SHARDS]);
  return jsonObject(fields);
}
