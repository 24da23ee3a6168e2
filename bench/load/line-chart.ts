// A small SVG line chart for the benchmark reports: panels stacked one above the other, each with
// its axes, ticks and a legend. Pure: data in, SVG text out.

export interface Line {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

export interface Panel {
  readonly title: string;
  readonly yLabel: string;
  readonly lines: readonly Line[];
  /** A horizontal reference (a target), drawn dotted. */
  readonly reference?: { readonly value: number; readonly label: string };
}

const WIDTH = 1200;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 80, right: 220, top: 40, bottom: 40 };

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** 4–6 round tick values from 0 to at least `max`. */
export function ticks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const out: number[] = [];
  for (let value = 0; value < max + step * 0.999; value += step) out.push(Math.round(value * 1e6) / 1e6);
  return out;
}

function panelSvg(panel: Panel, top: number, xMax: number): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const yMax = Math.max(panel.reference?.value ?? 0, ...panel.lines.flatMap((line) => line.points.map(([, y]) => y)), 0);
  const yTicks = ticks(yMax);
  const yTop = yTicks.at(-1) ?? 1;
  const xTicks = ticks(xMax);
  const xTop = xTicks.at(-1) ?? 1;
  const x = (value: number): number => MARGIN.left + (value / xTop) * plotW;
  const y = (value: number): number => top + MARGIN.top + plotH - (value / yTop) * plotH;
  const parts: string[] = [`<text x="${MARGIN.left}" y="${top + 24}" font-size="17" font-weight="bold">${escape(panel.title)}</text>`];
  for (const value of yTicks) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(value) + 4}" font-size="12" text-anchor="end">${value}</text>`);
  }
  for (const value of xTicks) parts.push(`<text x="${x(value)}" y="${top + MARGIN.top + plotH + 18}" font-size="12" text-anchor="middle">${value}</text>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${top + MARGIN.top}" y2="${top + MARGIN.top + plotH}" stroke="#333"/>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${top + MARGIN.top + plotH}" y2="${top + MARGIN.top + plotH}" stroke="#333"/>`);
  parts.push(`<text transform="translate(18 ${top + MARGIN.top + plotH / 2}) rotate(-90)" font-size="13" text-anchor="middle">${escape(panel.yLabel)}</text>`);
  if (panel.reference) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(panel.reference.value)}" y2="${y(panel.reference.value)}" stroke="#c00" stroke-dasharray="2 4"/>`);
    parts.push(`<text x="${MARGIN.left + plotW - 4}" y="${y(panel.reference.value) - 5}" font-size="12" fill="#c00" text-anchor="end">${escape(panel.reference.label)}</text>`);
  }
  panel.lines.forEach((line, i) => {
    const d = line.points.map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${line.color}" stroke-width="2"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    const ly = top + MARGIN.top + 10 + i * 22;
    parts.push(`<line x1="${WIDTH - MARGIN.right + 16}" x2="${WIDTH - MARGIN.right + 44}" y1="${ly}" y2="${ly}" stroke="${line.color}" stroke-width="3"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right + 50}" y="${ly + 4}" font-size="13">${escape(line.name)}</text>`);
  });
  return parts.join('\n');
}

/** Panels stacked, sharing the x axis (seconds into the run). */
export function chartSvg(title: string, xLabel: string, panels: readonly Panel[]): string {
  const xMax = Math.max(1, ...panels.flatMap((panel) => panel.lines.flatMap((line) => line.points.map(([px]) => px))));
  const height = 50 + panels.length * PANEL_HEIGHT + 30;
  const body = panels.map((panel, i) => panelSvg(panel, 50 + i * PANEL_HEIGHT, xMax)).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="30" font-size="20" font-weight="bold">${escape(title)}</text>`,
    body,
    `<text x="${MARGIN.left + (WIDTH - MARGIN.left - MARGIN.right) / 2}" y="${height - 10}" font-size="13" text-anchor="middle">${escape(xLabel)}</text>`,
    '</svg>',
  ].join('\n');
}
