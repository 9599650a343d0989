import { formatPercent, type Lang, t } from '../chat/i18n.js';
import type { ErThresholds } from '../engagement/rating.js';
import { timezoneOr } from '../time/timezone.js';
import { instantOfWallTime, wallClock } from '../time/zone.js';
import { CHART_FONT, escapeSvg, renderPng } from './render.js';

/** What the ER-per-tweet chart shows: one dot per tweet at its time, and the rating thresholds. */
export interface ErChartInput {
  title: string;
  /** Tweets with an ER by followers (ratio), at their creation time (epoch ms). */
  points: readonly { at: number; er: number }[];
  /** The period shown on the x axis, epoch ms. */
  from: number;
  to: number;
  thresholds: ErThresholds;
  /** Median ER by followers, drawn as a solid line when given. */
  median?: number | null;
  /** IANA timezone the day ticks are drawn in (the chat's). */
  timezone: string;
  lang: Lang;
}

const WIDTH = 800;
const HEIGHT = 420;
const LEFT = 64;
const RIGHT = 130;
const TOP = 52;
const BOTTOM = 48;
const DAY_MS = 86_400_000;
const COLORS = { excellent: '#2e7d32', good: '#7cb342', fair: '#f9a825', inert: '#c62828' } as const;

/** The chart as an SVG document (fonts: the bundled DejaVu Sans). */
export function erChartSvg(input: ErChartInput): string {
  const { thresholds: th, lang } = input;
  const zone = timezoneOr(input.timezone);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const span = Math.max(1, input.to - input.from);
  const top = Math.max(th.excellent, ...input.points.map((p) => p.er)) * 1.15;
  const step = niceStep(top / 5);
  const yMax = Math.ceil(top / step) * step;
  const x = (at: number) => LEFT + ((at - input.from) / span) * plotW;
  const y = (er: number) => TOP + plotH - (Math.min(er, yMax) / yMax) * plotH;
  const digits = step < 0.01 ? 1 : 0;
  const out: string[] = [];

  out.push(
    `<text x="${LEFT}" y="30" font-size="18" font-weight="bold">${escapeSvg(input.title)}</text>`,
    `<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#cccccc"/>`,
  );
  for (let i = 0; i <= Math.round(yMax / step); i++) {
    const v = i * step;
    const yy = fixed(y(v));
    out.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${yy}" y2="${yy}" stroke="#eeeeee"/>`,
      `<text x="${LEFT - 8}" y="${fixed(y(v) + 4)}" font-size="12" text-anchor="end" fill="#555555">${escapeSvg(formatPercent(lang, v, digits))}</text>`,
    );
  }
  const ticks = dayTicks(input.from, input.to, zone);
  const every = [1, 2, 3, 5, 7, 10, 14, 15, 30].find((k) => ticks.length / k <= 10) ?? 30;
  const label = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
  });
  ticks.forEach((at, i) => {
    if (i % every !== 0) return;
    const xx = fixed(x(at));
    out.push(
      `<line x1="${xx}" x2="${xx}" y1="${TOP + plotH}" y2="${TOP + plotH + 5}" stroke="#888888"/>`,
      `<line x1="${xx}" x2="${xx}" y1="${TOP}" y2="${TOP + plotH}" stroke="#f0f0f0"/>`,
      `<text x="${xx}" y="${TOP + plotH + 20}" font-size="12" text-anchor="middle" fill="#555555">${escapeSvg(label.format(at))}</text>`,
    );
  });
  const names = {
    excellent: t(lang, { en: 'excellent', ru: 'отлично' }),
    good: t(lang, { en: 'good', ru: 'хорошо' }),
    fair: t(lang, { en: 'fair', ru: 'средне' }),
  };
  for (const key of ['excellent', 'good', 'fair'] as const) {
    const yy = fixed(y(th[key]));
    out.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${yy}" y2="${yy}" stroke="${COLORS[key]}" stroke-dasharray="6 4" stroke-width="1.5"/>`,
      `<text x="${LEFT + plotW + 6}" y="${fixed(y(th[key]) + 4)}" font-size="12" fill="${COLORS[key]}">${escapeSvg(`${formatPercent(lang, th[key], 1)} ${names[key]}`)}</text>`,
    );
  }
  if (input.median !== null && input.median !== undefined && Number.isFinite(input.median)) {
    const yy = fixed(y(input.median));
    out.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${yy}" y2="${yy}" stroke="#455a64" stroke-width="1.5"/>`,
      `<text x="${LEFT + plotW + 6}" y="${fixed(y(input.median) + 4)}" font-size="12" fill="#455a64">${escapeSvg(t(lang, { en: 'median', ru: 'медиана' }))}</text>`,
    );
  }
  for (const p of input.points) {
    const xx = fixed(x(p.at));
    const color =
      COLORS[
        p.er >= th.excellent ? 'excellent' : p.er >= th.good ? 'good' : p.er >= th.fair ? 'fair' : 'inert'
      ];
    out.push(
      `<line x1="${xx}" x2="${xx}" y1="${TOP + plotH}" y2="${fixed(y(p.er))}" stroke="${color}" stroke-width="2"/>`,
      `<circle cx="${xx}" cy="${fixed(y(p.er))}" r="5" fill="${color}" stroke="#ffffff" stroke-width="1"/>`,
    );
  }
  const axis = t(lang, {
    en: 'ER by followers per original tweet',
    ru: 'ER по подписчикам, по каждому оригинальному твиту',
  });
  out.push(`<text x="${LEFT}" y="${HEIGHT - 10}" font-size="12" fill="#555555">${escapeSvg(axis)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CHART_FONT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n');
}

/** The chart as SVG and PNG. */
export function renderErChart(input: ErChartInput): { svg: string; png: Uint8Array } {
  const svg = erChartSvg(input);
  return { svg, png: renderPng(svg) };
}

/** Local midnights (in `zone`) within (from, to], as epoch ms. */
export function dayTicks(from: number, to: number, zone: string): number[] {
  const out: number[] = [];
  const first = wallClock(from, zone);
  for (let i = 0; i <= Math.ceil((to - from) / DAY_MS) + 1; i++) {
    const midnight = instantOfWallTime(first.year, first.month, first.day + i, 0, 0, zone);
    if (midnight > from && midnight <= to) out.push(midnight);
  }
  return out;
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function fixed(n: number): string {
  return n.toFixed(1);
}
