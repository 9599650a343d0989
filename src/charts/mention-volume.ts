import { formatNumber, type Lang, t } from '../chat/i18n.js';
import type { Chart } from '../chat/reply.js';
import { renderPng } from './render.js';
import {
  bars,
  CHART_COLORS,
  legend,
  niceTicks,
  plotFrame,
  svgDocument,
  svgText,
  xLabels,
  yAxis,
} from './svg.js';

/** What the mention volume chart shows: counts per bucket now, and for the previous period (ghosted). */
export interface MentionVolumeInput {
  /** E.g. "Mentions of Yandex, 7 days". */
  title: string;
  /** One label per bucket, e.g. "20 Nov" or "14:00". */
  labels: readonly string[];
  current: readonly number[];
  previous: readonly number[];
  lang: Lang;
}

const WIDTH = 720;
const HEIGHT = 360;

/** The chart as an SVG document: ghost bars of the previous period behind this period's bars. */
export function mentionVolumeSvg(input: MentionVolumeInput): string {
  const frame = plotFrame(WIDTH, HEIGHT, { left: 56, right: 24, top: 64, bottom: 40 });
  const max = Math.max(0, ...input.current, ...input.previous);
  const ticks = niceTicks(max, 4, true);
  const top = ticks[ticks.length - 1] ?? 1;
  // At most 9 x labels (each text costs ~0.5 ms to render): every day of a week, every 3rd hour of a day,
  // every 4th day of a month.
  const every = Math.max(1, Math.ceil(input.labels.length / 9));
  return svgDocument(
    WIDTH,
    HEIGHT,
    [
      svgText(frame.left, 28, input.title, { size: 16, weight: 'bold' }),
      ...legend(frame.left, 50, [
        { label: t(input.lang, { en: 'this period', ru: 'этот период' }), color: CHART_COLORS.primary },
        {
          label: t(input.lang, { en: 'previous period', ru: 'предыдущий период' }),
          color: CHART_COLORS.ghost,
        },
      ]),
      ...yAxis(frame, ticks, (v) => formatNumber(input.lang, v)),
      ...bars(frame, input.previous, top, { color: CHART_COLORS.ghost, widthRatio: 0.85 }),
      ...bars(frame, input.current, top, { color: CHART_COLORS.primary, widthRatio: 0.5 }),
      ...xLabels(frame, input.labels, every),
    ],
    input.title,
  );
}

/** The chart, drawn and rendered to PNG, with an alt text listing the counts. */
export function mentionVolumeChart(input: MentionVolumeInput & { filename: string; alt: string }): Chart {
  const svg = mentionVolumeSvg(input);
  return { title: input.title, alt: input.alt, svg, png: renderPng(svg), filename: input.filename };
}
