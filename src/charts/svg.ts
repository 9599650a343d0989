/**
 * Small SVG building blocks shared by the charts: a plot frame, "nice" axis steps, value→pixel scales, a y axis
 * with grid lines, x labels, bars, lines, text and a legend. Every function returns SVG markup as a string;
 * every text passes through {@link escapeSvg}. Fonts: the bundled DejaVu Sans ({@link CHART_FONT}).
 */
import { CHART_FONT, escapeSvg } from './render.js';

/** The plot area inside a chart, in pixels from the document's top left corner. */
export interface PlotFrame {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Colours the charts share, so bars, lines and text look alike across charts. */
export const CHART_COLORS = {
  primary: '#1d6fd8',
  ghost: '#c9d3df',
  axis: '#6b7280',
  grid: '#e5e7eb',
  text: '#1f2937',
  muted: '#6b7280',
} as const;

/** A frame `width`×`height` with the given margins. */
export function plotFrame(
  width: number,
  height: number,
  margin: { left: number; right: number; top: number; bottom: number },
): PlotFrame {
  return {
    left: margin.left,
    top: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
}

/** A round step (1, 2, 2.5 or 5 × 10^n) near `raw`; never 0. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10;
  return nice * power;
}

/** Axis ticks from 0 to a round maximum at or above `max`, about `count` steps; integers when `integer`. */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  let step = niceStep(Math.max(max, integer ? count : 0) / count);
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Maps a value in `[0, max]` to a y pixel of the frame (0 at the bottom). */
export function yScale(frame: PlotFrame, max: number): (value: number) => number {
  const top = max > 0 ? max : 1;
  return (value) => frame.top + frame.height - (Math.max(0, value) / top) * frame.height;
}

/** Text options: size in px, anchor, weight and colour. */
export interface TextStyle {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  color?: string;
}

/** One `<text>` element; the text is escaped. */
export function svgText(x: number, y: number, text: string, style: TextStyle = {}): string {
  const size = style.size ?? 12;
  const anchor = style.anchor ?? 'start';
  const weight = style.weight === 'bold' ? ' font-weight="bold"' : '';
  return `<text x="${r(x)}" y="${r(y)}" font-size="${size}" text-anchor="${anchor}" fill="${style.color ?? CHART_COLORS.text}"${weight}>${escapeSvg(text)}</text>`;
}

/** A whole SVG document of `width`×`height` on a white background, text in the bundled font. */
export function svgDocument(width: number, height: number, body: readonly string[], title?: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT}">`,
    title === undefined ? '' : `<title>${escapeSvg(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Horizontal grid lines at `ticks` with their labels left of the frame, and the x axis line. */
export function yAxis(
  frame: PlotFrame,
  ticks: readonly number[],
  format: (value: number) => string,
): string[] {
  const max = ticks[ticks.length - 1] ?? 1;
  const y = yScale(frame, max);
  const out: string[] = [];
  for (const tick of ticks) {
    const at = y(tick);
    out.push(
      `<line x1="${r(frame.left)}" y1="${r(at)}" x2="${r(frame.left + frame.width)}" y2="${r(at)}" stroke="${tick === 0 ? CHART_COLORS.axis : CHART_COLORS.grid}" stroke-width="1"/>`,
      svgText(frame.left - 8, at + 4, format(tick), { size: 11, anchor: 'end', color: CHART_COLORS.muted }),
    );
  }
  return out;
}

/** The x centre of slot `i` of `count` equal slots across the frame. */
export function slotCenter(frame: PlotFrame, count: number, i: number): number {
  return frame.left + ((i + 0.5) * frame.width) / Math.max(1, count);
}

/**
 * Labels under equal slots (one per bar), centred on their slots: every `every`-th one, and the last one
 * when it does not crowd the one before.
 */
export function xLabels(frame: PlotFrame, labels: readonly string[], every = 1): string[] {
  const out: string[] = [];
  const y = frame.top + frame.height + 16;
  const last = labels.length - 1;
  labels.forEach((label, i) => {
    const shown = i % every === 0 || (i === last && last % every >= Math.ceil(every * 0.75));
    if (!shown) return;
    out.push(
      svgText(slotCenter(frame, labels.length, i), y, label, {
        size: 11,
        anchor: 'middle',
        color: CHART_COLORS.muted,
      }),
    );
  });
  return out;
}

/** Bar drawing options: colour, opacity, and the share of its slot a bar takes (0–1). */
export interface BarStyle {
  color?: string;
  opacity?: number;
  widthRatio?: number;
}

/** One vertical bar per value in equal slots across the frame, on a scale whose top is `max`. */
export function bars(
  frame: PlotFrame,
  values: readonly number[],
  max: number,
  style: BarStyle = {},
): string[] {
  const y = yScale(frame, max);
  const slot = frame.width / Math.max(1, values.length);
  const width = Math.max(1, slot * (style.widthRatio ?? 0.7));
  const opacity = style.opacity === undefined ? '' : ` fill-opacity="${style.opacity}"`;
  const out: string[] = [];
  values.forEach((value, i) => {
    if (!(value > 0)) return;
    const top = y(value);
    const x = slotCenter(frame, values.length, i) - width / 2;
    out.push(
      `<rect x="${r(x)}" y="${r(top)}" width="${r(width)}" height="${r(frame.top + frame.height - top)}" fill="${style.color ?? CHART_COLORS.primary}"${opacity}/>`,
    );
  });
  return out;
}

/** A polyline through points given in pixels; `dash` draws it dashed. */
export function line(
  points: readonly { x: number; y: number }[],
  style: { color?: string; width?: number; dash?: boolean } = {},
): string {
  if (points.length === 0) return '';
  const d = points.map((p) => `${r(p.x)},${r(p.y)}`).join(' ');
  const dash = style.dash ? ' stroke-dasharray="6 4"' : '';
  return `<polyline points="${d}" fill="none" stroke="${style.color ?? CHART_COLORS.primary}" stroke-width="${style.width ?? 2}"${dash}/>`;
}

/** A row of colour swatches with labels, starting at (x, y). */
export function legend(x: number, y: number, items: readonly { label: string; color: string }[]): string[] {
  const out: string[] = [];
  let at = x;
  for (const item of items) {
    out.push(
      `<rect x="${r(at)}" y="${r(y - 10)}" width="12" height="12" fill="${item.color}"/>`,
      svgText(at + 18, y, item.label, { size: 12, color: CHART_COLORS.text }),
    );
    at += 18 + approxTextWidth(item.label, 12) + 18;
  }
  return out;
}

/** A rough width of `text` at `size` px in DejaVu Sans, for layout without measuring. */
export function approxTextWidth(text: string, size: number): number {
  return [...text].length * size * 0.6;
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}
