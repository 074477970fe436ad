/**
 * An SVG bar chart of req/s per scenario next to its bare-HTTP limit, written by the benchmark (no
 * browser needed). Log scale: the limit is often 10–50× the API, and both must stay readable.
 */
export interface ChartGroup {
  label: string;
  bars: { label: string; value: number; color: string }[];
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function barChartSvg(title: string, groups: ChartGroup[], unit: string): string {
  const barHeight = 16;
  const gap = 4;
  const groupGap = 18;
  const left = 190;
  const width = 860;
  const plotWidth = width - left - 140;
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => v > 0);
  const max = Math.max(10, ...values);
  const min = Math.max(1, Math.min(...values) / 2);
  const x = (v: number) => (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * plotWidth;
  let y = 50;
  const parts: string[] = [];
  for (const group of groups) {
    parts.push(`<text x="${left - 10}" y="${y + barHeight}" text-anchor="end" font-size="13" font-weight="bold">${escape(group.label)}</text>`);
    for (const bar of group.bars) {
      const w = Math.max(1, x(bar.value));
      parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${bar.color}"><title>${escape(`${group.label} ${bar.label}: ${Math.round(bar.value)} ${unit}`)}</title></rect>`);
      parts.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + barHeight - 4}" font-size="11">${escape(`${Math.round(bar.value).toLocaleString('en-US')} ${bar.label}`)}</text>`);
      y += barHeight + gap;
    }
    y += groupGap;
  }
  const height = y + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escape(title)}</text>
<text x="${width / 2}" y="40" text-anchor="middle" font-size="11" fill="#555">${escape(`${unit}, log scale`)}</text>
${parts.join('\n')}
</svg>
`;
}
