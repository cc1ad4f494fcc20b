// A dependency-free SVG bar chart of throughput relative to node:crypto, for the README: one row per
// contender, one bar per workload, and a dashed line at 1.0 (node:crypto itself).

const WORKLOAD_COLORS = ['#2563eb', '#93c5fd'];
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 400;
const VALUE_WIDTH = 60;
const BAR_HEIGHT = 16;
const BAR_GAP = 3;
const ROW_GAP = 14;
const TOP = 92;

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * workloads: [{ label }]; contenders: [{ name, ratios: [one per workload, null when not measured] }];
 * subtitle: where and when the figures were measured.
 */
export function renderRatioChart({ title, subtitle, workloads, contenders }) {
  const measured = contenders.flatMap((c) => c.ratios).filter((r) => r !== null);
  const scaleMax = Math.max(1, Math.ceil(Math.max(...measured) * 2) / 2); // next multiple of 0.5
  const x = (ratio) => LABEL_WIDTH + (ratio / scaleMax) * PLOT_WIDTH;
  const rowHeight = workloads.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + ROW_GAP;
  const plotHeight = contenders.length * rowHeight;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const height = TOP + plotHeight + 30;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="40" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  workloads.forEach((w, i) => {
    const lx = LABEL_WIDTH + i * 170;
    parts.push(
      `<rect x="${lx}" y="52" width="12" height="12" fill="${WORKLOAD_COLORS[i % WORKLOAD_COLORS.length]}"/>`,
      `<text x="${lx + 17}" y="62">${escapeXml(w.label)}</text>`,
    );
  });
  for (let tick = 0; tick <= scaleMax; tick += 0.5) {
    parts.push(
      `<line x1="${x(tick)}" y1="${TOP - 4}" x2="${x(tick)}" y2="${TOP + plotHeight - ROW_GAP + 4}" stroke="#e5e7eb"/>`,
      `<text x="${x(tick)}" y="${TOP + plotHeight + 4}" text-anchor="middle" fill="#555">${tick.toFixed(1)}×</text>`,
    );
  }
  contenders.forEach((c, row) => {
    const rowTop = TOP + row * rowHeight;
    const labelY = rowTop + (rowHeight - ROW_GAP) / 2 + 4;
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${labelY}" text-anchor="end">${escapeXml(c.name)}</text>`);
    c.ratios.forEach((ratio, i) => {
      const y = rowTop + i * (BAR_HEIGHT + BAR_GAP);
      if (ratio === null) {
        parts.push(`<text x="${LABEL_WIDTH + 4}" y="${y + BAR_HEIGHT - 4}" fill="#999">not measured</text>`);
        return;
      }
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${(x(ratio) - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${WORKLOAD_COLORS[i % WORKLOAD_COLORS.length]}"/>`,
        `<text x="${(x(ratio) + 4).toFixed(1)}" y="${y + BAR_HEIGHT - 4}">${ratio.toFixed(2)}×</text>`,
      );
    });
  });
  parts.push(
    `<line x1="${x(1)}" y1="${TOP - 8}" x2="${x(1)}" y2="${TOP + plotHeight - ROW_GAP + 8}" stroke="#111" stroke-dasharray="4 3"/>`,
    `<text x="${x(1) + 4}" y="${TOP - 10}" font-size="11">node:crypto = 1.0×</text>`,
    `<text x="${LABEL_WIDTH + PLOT_WIDTH / 2}" y="${height - 6}" text-anchor="middle" fill="#555">verifications per second ÷ node:crypto's, same round (higher is better)</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
