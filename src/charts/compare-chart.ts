import { formatNumber, type Lang } from '../chat/i18n.js';
import type { Chart } from '../chat/reply.js';
import { renderPng } from './render.js';
import {
  legend,
  line,
  niceTicks,
  plotFrame,
  slotCenter,
  svgDocument,
  svgText,
  xLabels,
  yAxis,
  yScale,
} from './svg.js';

/** Several queries' mentions per bucket over the same period: one line each. */
export interface CompareChartInput {
  title: string;
  labels: readonly string[];
  series: readonly { name: string; counts: readonly number[] }[];
  lang: Lang;
}

const WIDTH = 720;
const HEIGHT = 360;
/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00'] as const;

/** The chart as an SVG document. */
export function compareChartSvg(input: CompareChartInput): string {
  const frame = plotFrame(WIDTH, HEIGHT, { left: 56, right: 24, top: 64, bottom: 40 });
  const max = Math.max(0, ...input.series.flatMap((s) => s.counts));
  const ticks = niceTicks(max, 4, true);
  const y = yScale(frame, ticks[ticks.length - 1] ?? 1);
  const every = Math.max(1, Math.ceil(input.labels.length / 9));
  const color = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length] as string;
  return svgDocument(
    WIDTH,
    HEIGHT,
    [
      svgText(frame.left, 28, input.title, { size: 16, weight: 'bold' }),
      ...legend(
        frame.left,
        50,
        input.series.map((s, i) => ({ label: s.name, color: color(i) })),
      ),
      ...yAxis(frame, ticks, (v) => formatNumber(input.lang, v)),
      ...input.series.map((s, i) =>
        line(
          s.counts.map((n, k) => ({ x: slotCenter(frame, input.labels.length, k), y: y(n) })),
          { color: color(i), width: 2.5, dash: i % 2 === 1 },
        ),
      ),
      ...xLabels(frame, input.labels, every),
    ],
    input.title,
  );
}

/** The chart, drawn and rendered to PNG. */
export function compareChart(input: CompareChartInput & { filename: string; alt: string }): Chart {
  const svg = compareChartSvg(input);
  return { title: input.title, alt: input.alt, svg, png: renderPng(svg), filename: input.filename };
}
