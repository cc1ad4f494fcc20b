// Draws docs/architecture.svg, the folder-level picture of sdk/ and assembly/, from the imports the
// code really has (dependency-cruiser's JSON), so that the picture cannot drift from the code:
//
//   node scripts/architectureGraph.mjs            writes docs/architecture.svg
//   node scripts/architectureGraph.mjs --check    exits 1 when the file is not what the code draws
//
// Each folder (and each file at the root of sdk/ or assembly/) is a box; a box sits one row above the
// highest box it imports, so every arrow points down. Folders that import each other (cli/ and
// serve/) share a row and a two-headed link. An arrow that a longer path of arrows already implies
// is left out, so the picture shows the layering rather than every import.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'docs/architecture.svg';
const PACKAGES = ['sdk', 'assembly'];

/** The unit a file belongs to: its folder under sdk/ or assembly/, or itself at their root. */
function unitOf(path) {
  const parts = path.split('/');
  if (!PACKAGES.includes(parts[0]) || parts.length < 2) return undefined;
  return parts.length === 2 ? path : `${parts[0]}/${parts[1]}/`;
}

/** Units and the imports between them, from dependency-cruiser. */
export function folderGraph() {
  const json = execFileSync(process.execPath, [
    `${REPO}/node_modules/dependency-cruiser/bin/dependency-cruise.mjs`, ...PACKAGES,
    '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--no-progress',
  ], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const units = new Set();
  const edges = new Set();
  for (const m of JSON.parse(json).modules) {
    const from = unitOf(m.source);
    if (!from || !/\.ts$/.test(m.source)) continue;
    units.add(from);
    for (const d of m.dependencies) {
      const to = unitOf(d.resolved);
      if (to && to !== from) edges.add(`${from} ${to}`);
    }
  }
  return { units: [...units].sort(), edges: [...edges].sort().map((e) => e.split(' ')) };
}

/** Strongly connected components (Tarjan), each sorted, in a deterministic order. */
function components(units, out) {
  let index = 0;
  const idx = new Map(), low = new Map(), stack = [], on = new Set(), comps = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    for (const w of out.get(v)) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
      comps.push(c.sort());
    }
  };
  for (const u of units) if (!idx.has(u)) visit(u);
  return comps;
}

/** Rows, arrows to draw and mutual links, for one package. */
export function layout({ units, edges }) {
  const out = new Map(units.map((u) => [u, []]));
  for (const [a, b] of edges) out.get(a).push(b);
  for (const l of out.values()) l.sort();
  const comps = components(units, out);
  const compOf = new Map();
  comps.forEach((c, i) => c.forEach((u) => compOf.set(u, i)));
  const rank = new Map();
  const rankOf = (ci) => {
    if (rank.has(ci)) return rank.get(ci);
    rank.set(ci, 0);
    let r = 0;
    for (const u of comps[ci]) for (const w of out.get(u)) if (compOf.get(w) !== ci) r = Math.max(r, rankOf(compOf.get(w)) + 1);
    rank.set(ci, r);
    return r;
  };
  comps.forEach((_, ci) => rankOf(ci));
  // Reachability between components, to leave out the arrows a longer path implies.
  const cOut = comps.map((c, ci) => new Set(c.flatMap((u) => out.get(u).map((w) => compOf.get(w))).filter((x) => x !== ci)));
  const reach = new Map();
  const reachable = (ci) => {
    if (reach.has(ci)) return reach.get(ci);
    const s = new Set();
    for (const x of cOut[ci]) { s.add(x); for (const y of reachable(x)) s.add(y); }
    reach.set(ci, s);
    return s;
  };
  const arrows = [];
  const mutual = [];
  for (const [a, b] of edges) {
    const ca = compOf.get(a), cb = compOf.get(b);
    if (ca === cb) { if (a < b) mutual.push([a, b]); continue; }
    const implied = [...cOut[ca]].some((x) => x !== cb && reachable(x).has(cb));
    if (!implied) arrows.push([a, b]);
  }
  // Rows, bottom (rank 0) first; within a row, boxes ordered by where what they import sits.
  const rows = [];
  for (const u of units) (rows[rank.get(compOf.get(u))] ??= []).push(u);
  const position = new Map();
  rows.forEach((row, r) => {
    const weight = (u) => {
      const xs = out.get(u).filter((w) => position.has(w)).map((w) => position.get(w));
      return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0.5;
    };
    row.sort((a, b) => (r === 0 ? 0 : weight(a) - weight(b)) || (a < b ? -1 : 1));
    row.forEach((u, i) => position.set(u, (i + 0.5) / row.length));
  });
  return { rows, arrows, mutual };
}

const FONT = 12;
const CHAR = 7.3; // monospace advance at 12 px
const BOX_H = 26;
const ROW_GAP = 58;
const GAP = 24;
const PAD = 24;
const LANE = 7; // between the lanes of long arrows

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (u) => u.replace(/^(sdk|assembly)\//, '');

/** One package's panel: its boxes and arrows, at (x0, y0); returns its SVG and size. */
function panel(title, { rows, arrows, mutual }, x0, y0) {
  const widths = new Map();
  for (const row of rows) for (const u of row) widths.set(u, Math.ceil(label(u).length * CHAR) + 18);
  const rowWidth = (row) => row.reduce((s, u) => s + widths.get(u), 0) + GAP * (row.length - 1);
  const longArrows = arrows.filter(([a, b]) => rows.findIndex((r) => r.includes(a)) - rows.findIndex((r) => r.includes(b)) > 1).length;
  const width = Math.max(...rows.map(rowWidth), title.length * CHAR * 1.2) + 2 * PAD + 2 * LANE * longArrows;
  const height = rows.length * BOX_H + (rows.length - 1) * ROW_GAP + 2 * PAD + 28;
  const box = new Map();
  rows.forEach((row, r) => {
    let x = x0 + (width - rowWidth(row)) / 2;
    const y = y0 + height - PAD - BOX_H - r * (BOX_H + ROW_GAP);
    for (const u of row) { box.set(u, { x, y, w: widths.get(u) }); x += widths.get(u) + GAP; }
  });
  const parts = [`<rect x="${x0}" y="${y0}" width="${width}" height="${height}" rx="8" class="panel"/>`,
    `<text x="${x0 + PAD}" y="${y0 + PAD}" class="title">${esc(title)}</text>`];
  // Arrows leave a box's bottom and reach a box's top, spread along the edges they share.
  const leaving = new Map(), arriving = new Map();
  for (const [a, b] of arrows) { (leaving.get(a) ?? leaving.set(a, []).get(a)).push(b); (arriving.get(b) ?? arriving.set(b, []).get(b)).push(a); }
  const cx = (u) => box.get(u).x + box.get(u).w / 2;
  for (const l of leaving.values()) l.sort((p, q) => cx(p) - cx(q));
  for (const l of arriving.values()) l.sort((p, q) => cx(p) - cx(q));
  const spread = (u, list, other) => {
    const b = box.get(u), i = list.indexOf(other), n = list.length;
    return b.x + (b.w * (i + 1)) / (n + 1);
  };
  // An arrow over more than one row runs down a lane beside the rows, so that it crosses no box.
  const rowOf = new Map();
  rows.forEach((row, r) => row.forEach((u) => rowOf.set(u, r)));
  const lanes = { left: 0, right: 0 };
  const mid = x0 + width / 2;
  const f = (n) => n.toFixed(1);
  for (const [a, b] of arrows) {
    const x1 = spread(a, leaving.get(a), b), y1 = box.get(a).y + BOX_H;
    const x2 = spread(b, arriving.get(b), a), y2 = box.get(b).y - 4;
    if (rowOf.get(a) - rowOf.get(b) <= 1) {
      const dy = Math.max(24, (y2 - y1) / 2);
      parts.push(`<path d="M${f(x1)},${y1} C${f(x1)},${f(y1 + dy)} ${f(x2)},${f(y2 - dy)} ${f(x2)},${y2}" class="arrow"/>`);
      continue;
    }
    const side = (x1 + x2) / 2 < mid ? 'left' : 'right';
    const lane = side === 'left' ? x0 + LANE * (1 + lanes.left++) : x0 + width - LANE * (1 + lanes.right++);
    const ya = y1 + ROW_GAP / 2, yb = y2 - ROW_GAP / 2 + 4;
    parts.push(`<path d="M${f(x1)},${y1} C${f(x1)},${f(ya)} ${f(x1)},${f(ya)} ${f(lane)},${f(ya)} L${f(lane)},${f(yb)} C${f(x2)},${f(yb)} ${f(x2)},${f(yb)} ${f(x2)},${y2}" class="arrow"/>`);
  }
  for (const [a, b] of mutual) {
    const [l, r] = box.get(a).x < box.get(b).x ? [box.get(a), box.get(b)] : [box.get(b), box.get(a)];
    const y = l.y + BOX_H / 2;
    parts.push(`<path d="M${l.x + l.w + 3},${y} L${r.x - 3},${y}" class="arrow both"/>`);
  }
  for (const [u, b] of box) {
    const entry = !u.endsWith('/');
    parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${BOX_H}" rx="4" class="${entry ? 'file' : 'folder'}"/>`,
      `<text x="${b.x + b.w / 2}" y="${b.y + BOX_H / 2 + FONT / 3}" class="name">${esc(label(u))}</text>`);
  }
  return { svg: parts.join('\n'), width, height };
}

/** The whole picture, from the code as it is. */
export function architectureSvg(graph = folderGraph()) {
  const panels = [];
  let x = 0;
  for (const pkg of PACKAGES) {
    const units = graph.units.filter((u) => u.startsWith(`${pkg}/`));
    const edges = graph.edges.filter(([a, b]) => units.includes(a) && units.includes(b));
    const p = panel(pkg === 'sdk' ? 'sdk/ (TypeScript)' : 'assembly/ (AssemblyScript → build/passgate.wasm)', layout({ units, edges }), x, 0);
    panels.push(p);
    x += p.width + 20;
  }
  const width = x - 20;
  const height = Math.max(...panels.map((p) => p.height)) + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="${FONT}">
<!-- Generated by scripts/architectureGraph.mjs from the imports of sdk/ and assembly/; do not edit. -->
<defs><marker id="head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#5a6b7b"/></marker></defs>
<style>
.panel { fill: #f7f9fb; stroke: #c8d1da; }
.title { font-weight: bold; fill: #1f2d3a; }
.folder { fill: #e3eefa; stroke: #3d6f9e; }
.file { fill: #fdf0d9; stroke: #a8772a; }
.name { text-anchor: middle; fill: #13202c; }
.arrow { fill: none; stroke: #5a6b7b; stroke-width: 1.1; marker-end: url(#head); }
.both { marker-start: url(#head); }
.note { fill: #44505c; font-size: 11px; }
</style>
${panels.map((p) => p.svg).join('\n')}
<text x="4" y="${height - 10}" class="note">An arrow: the upper box imports the lower one (arrows a longer path implies are left out). Blue: a folder; amber: a file at the root.</text>
</svg>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const svg = architectureSvg();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(`${REPO}/${OUT}`, 'utf8'); } catch { /* missing: not current */ }
    if (current !== svg) {
      console.error(`${OUT} does not match the code's imports: run node scripts/architectureGraph.mjs`);
      process.exit(1);
    }
    console.log(`${OUT} is current`);
  } else {
    writeFileSync(`${REPO}/${OUT}`, svg);
    console.log(`wrote ${OUT}`);
  }
}
