// A dependency-free SVG bar chart of every ratio the benchmark reports, for the README. Rows are
// grouped in sections (Ed25519, presentations, other ratios); each bar runs from 1× (the baseline,
// a dashed line) to the ratio on a logarithmic axis, so 0.08× and 30× fit on one chart. A row with a
// target shows it as a tick, and the bar is green when the target is met, red when it is missed
// (a row marked lowerIsBetter, such as a size over its bound, meets its target from below).

const LABEL_WIDTH = 400;
const PLOT_WIDTH = 420;
const VALUE_WIDTH = 150;
const BAR_HEIGHT = 15;
const ROW_STEP = 20;
const SECTION_GAP = 30;
const TOP = 70;
const TICKS = [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
const COLOR = { met: '#16a34a', missed: '#dc2626', none: '#2563eb' };

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const formatRatio = (r) => (r >= 10 ? r.toFixed(1) : r.toFixed(2));

/**
 * sections: [{ title, rows: [{ name, ratio (null when not measured), target?, lowerIsBetter? }] }];
 * subtitle: where and when the figures were measured.
 */
export function renderRatioChart({ title, subtitle, sections }) {
  const values = sections.flatMap((s) => s.rows.flatMap((r) => [r.ratio, r.target])).filter((v) => typeof v === 'number' && v > 0);
  const lo = [...TICKS].reverse().find((t) => t <= Math.min(1, ...values)) ?? TICKS[0];
  const hi = TICKS.find((t) => t >= Math.max(1, ...values)) ?? TICKS[TICKS.length - 1];
  const x = (ratio) => LABEL_WIDTH + ((Math.log(ratio) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * PLOT_WIDTH;
  const rowCount = sections.reduce((n, s) => n + s.rows.length, 0);
  const plotBottom = TOP + sections.length * SECTION_GAP + rowCount * ROW_STEP;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const height = plotBottom + 58;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="40" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  for (const tick of TICKS.filter((t) => t >= lo && t <= hi)) {
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" y1="${TOP - 4}" x2="${x(tick).toFixed(1)}" y2="${plotBottom}" stroke="#e5e7eb"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${plotBottom + 14}" text-anchor="middle" fill="#555">${tick}×</text>`,
    );
  }
  let y = TOP;
  for (const section of sections) {
    y += SECTION_GAP;
    parts.push(`<text x="10" y="${y - 8}" font-weight="bold">${escapeXml(section.title)}</text>`);
    for (const row of section.rows) {
      const mid = y + BAR_HEIGHT - 4;
      parts.push(`<text x="${LABEL_WIDTH - 8}" y="${mid}" text-anchor="end">${escapeXml(row.name)}</text>`);
      if (row.ratio === null || row.ratio === undefined) {
        parts.push(`<text x="${x(1) + 4}" y="${mid}" fill="#999">not measured</text>`);
      } else {
        const met = row.lowerIsBetter ? row.ratio <= row.target : row.ratio >= row.target;
        const status = row.target === undefined ? 'none' : met ? 'met' : 'missed';
        const left = Math.min(x(1), x(row.ratio));
        const right = Math.max(x(1), x(row.ratio));
        parts.push(
          `<rect x="${left.toFixed(1)}" y="${y}" width="${Math.max(1, right - left).toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOR[status]}"/>`,
          `<text x="${(Math.max(right, row.target ? x(row.target) : 0) + 4).toFixed(1)}" y="${mid}">${formatRatio(row.ratio)}×${row.target ? ` (target ${row.lowerIsBetter ? '≤' : '≥'} ${row.target < 10 ? row.target.toFixed(Number.isInteger(row.target * 10) ? 1 : 2) : row.target})` : ''}</text>`,
        );
        if (row.target) {
          parts.push(`<line x1="${x(row.target).toFixed(1)}" y1="${y - 3}" x2="${x(row.target).toFixed(1)}" y2="${y + BAR_HEIGHT + 3}" stroke="#111" stroke-width="2"/>`);
        }
      }
      y += ROW_STEP;
    }
  }
  parts.push(
    `<line x1="${x(1)}" y1="${TOP - 8}" x2="${x(1)}" y2="${plotBottom}" stroke="#111" stroke-dasharray="4 3"/>`,
    `<text x="${x(1) + 4}" y="${TOP - 10}" font-size="11">baseline = 1×</text>`,
    `<text x="${LABEL_WIDTH + PLOT_WIDTH / 2}" y="${height - 22}" text-anchor="middle" fill="#555">ops/s ÷ the baseline's, same round, median over rounds (log scale, higher is better)</text>`,
    `<text x="${LABEL_WIDTH + PLOT_WIDTH / 2}" y="${height - 7}" text-anchor="middle" fill="#555">black tick: target · green: met · red: missed · blue: no target</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
