import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The fonts charts are drawn with, shipped as an npm package so Cyrillic renders the same everywhere. */
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];

/** The font family to name in chart SVGs. */
export const CHART_FONT = 'DejaVu Sans';

/** Renders an SVG document to PNG with the bundled fonts only (system fonts are never consulted). */
export function renderPng(svg: string, options: { width?: number } = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    ...(options.width ? { fitTo: { mode: 'width' as const, value: options.width } } : {}),
    background: 'white',
  });
  return resvg.render().asPng();
}

/** Escapes text for an SVG text node or attribute. */
export function escapeSvg(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
