/**
 * Loader for the SentiRuEval-2015 subtask-2 dumps (phpMyAdmin XML: banks and telecoms, train and test).
 * Reads them from `../shared` next to the repository, never from a copy inside it; used by tests, scripts
 * and the benchmark (also when compiled into `dist/`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: the nearest folder above this file with a package.json (source or `dist/`). */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Where the shared data lives: `<repo>/../shared/data/sentirueval-2015`. */
export const SENTIRUEVAL_DIR = resolve(repositoryRoot(), '..', 'shared', 'data', 'sentirueval-2015');

/** A brand cell: `null` when the brand is not mentioned, else the annotators' label (-1, 0, 1, --, +-). */
export type BrandLabel = string | null;

/** One tweet of the dump, with the text's HTML entities decoded. */
export interface SentiRuEvalRow {
  id: string;
  text: string;
  labels: Record<string, BrandLabel>;
  /** When it was posted (epoch seconds, the dump's `date`), or null when the dump has none. */
  date: number | null;
}

const NAMED: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  deg: '°',
  euro: '€',
  times: '×',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

/** Decodes HTML entities (named ones above and numeric), again and again until the text stops changing. */
export function decodeEntities(text: string): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const next = current.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
    if (next === current) return next;
    current = next;
  }
  return current;
}

const ROW = /<table name="[^"]*">([\s\S]*?)<\/table>/g;
const COLUMN = /<column name="([^"]+)">([\s\S]*?)<\/column>/g;
const META = new Set(['id', 'twitid', 'date', 'text']);

/** Parses one dump's rows. Brand columns are every column after `id`, `twitid`, `date` and `text`. */
export function parseSentiRuEval(xml: string): SentiRuEvalRow[] {
  const rows: SentiRuEvalRow[] = [];
  for (const row of xml.matchAll(ROW)) {
    const cells = new Map<string, string>();
    for (const col of (row[1] ?? '').matchAll(COLUMN)) cells.set(col[1] ?? '', col[2] ?? '');
    const labels: Record<string, BrandLabel> = {};
    for (const [name, value] of cells) {
      if (!META.has(name)) labels[name] = value === 'NULL' ? null : decodeEntities(value);
    }
    const date = Number(cells.get('date'));
    rows.push({
      id: cells.get('id') ?? '',
      text: decodeEntities(cells.get('text') ?? ''),
      labels,
      date: Number.isFinite(date) && date > 0 ? date : null,
    });
  }
  return rows;
}

/** Loads `<file>` from the shared data folder, or returns null when the folder is absent. */
export function loadSentiRuEval(file: string): SentiRuEvalRow[] | null {
  const path = join(SENTIRUEVAL_DIR, file);
  if (!existsSync(path)) return null;
  return parseSentiRuEval(readFileSync(path, 'utf8'));
}
