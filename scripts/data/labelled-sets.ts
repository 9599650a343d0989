/**
 * The labelled sets the models learn from and are measured on, joined at run time:
 * - the real set: SentiRuEval-2015 tweets from `../shared` with our labels (`test/fixtures/labelled/real.tsv`,
 *   ids and labels only) and the dataset's own per-brand sentiment;
 * - the development set (`test/fixtures/labelled/dev.jsonl`, written for Kestrel) with its sentiment labels
 *   (`dev-sentiment.tsv`).
 * Real-set loaders return null when `../shared` is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type BrandSpan, type BrandSpec, createBrandMatcher, handlesOf } from '../../src/classify/brands.js';
import type { SentimentLabel } from '../../src/classify/classes.js';
import { LABELS, type Label } from '../../src/classify/classes.js';
import { templateKeys } from '../../src/classify/template-key.js';
import type { SentimentTarget } from '../../src/classify/tweet-features.js';
import { loadSentiRuEval, repositoryRoot, type SentiRuEvalRow } from './sentirueval.js';

/** The fixtures of the checkout (also when this file runs compiled from `dist/`). */
const FIXTURES = join(repositoryRoot(), 'test', 'fixtures');
export const REAL_LABELS = join(FIXTURES, 'labelled', 'real.tsv');
const DEV = join(FIXTURES, 'labelled', 'dev.jsonl');
const DEV_SENTIMENT = join(FIXTURES, 'labelled', 'dev-sentiment.tsv');

export const DOMAINS = ['banks', 'telecoms'] as const;
export type Domain = (typeof DOMAINS)[number];
export const SENTIRUEVAL_FILES = [
  'banks-train.xml',
  'banks-test.xml',
  'telecoms-train.xml',
  'telecoms-test.xml',
];

/** A tweet with its topic label. `keys` tie near-duplicates together for cross-validation. */
export interface LabelItem {
  id: string;
  set: 'real' | 'dev';
  text: string;
  lang: string | null;
  label: Label;
  keys: string[];
  /** Offsets of brand accounts named (`handlesOf` of the matcher's spans). */
  handles: number[];
}

/** A tweet's sentiment, or its sentiment toward one brand (`brand` and `target` set). */
export interface SentimentItem {
  id: string;
  set: Domain | 'dev';
  text: string;
  label: SentimentLabel;
  brand: string | null;
  target: SentimentTarget | undefined;
  keys: string[];
  handles: number[];
  /** A brand item of a tweet whose brands do not all get the same tone. */
  contrast: boolean;
}

interface DevLine {
  id: string;
  text: string;
  lang: string;
  label: Label;
  brands: { brand: string; start: number; end: number }[];
}

function brandFixture(): Record<Domain, BrandSpec[]> {
  const raw = parse(readFileSync(join(FIXTURES, 'sentirueval-brands.yaml'), 'utf8')) as Record<
    Domain,
    { brands: BrandSpec[] }
  >;
  return {
    banks: raw.banks.brands.map((b) => ({ ...b, exclude: b.exclude ?? [] })),
    telecoms: raw.telecoms.brands.map((b) => ({ ...b, exclude: b.exclude ?? [] })),
  };
}

const domainOf = (file: string): Domain => (file.startsWith('banks') ? 'banks' : 'telecoms');

/** Every SentiRuEval row with its file and brand spans, or null without `../shared`. */
export function loadSentiRuEvalRows(): { file: string; row: SentiRuEvalRow; spans: BrandSpan[] }[] | null {
  const brands = brandFixture();
  const matchers = { banks: createBrandMatcher(brands.banks), telecoms: createBrandMatcher(brands.telecoms) };
  const out: { file: string; row: SentiRuEvalRow; spans: BrandSpan[] }[] = [];
  for (const file of SENTIRUEVAL_FILES) {
    const rows = loadSentiRuEval(file);
    if (!rows) return null;
    const matcher = matchers[domainOf(file)];
    for (const row of rows) out.push({ file, row, spans: matcher.match(row.text) });
  }
  return out;
}

/** The real labelled set: `real.tsv` joined with the texts in `../shared`; null without them. */
export function loadRealLabelItems(path = REAL_LABELS): LabelItem[] | null {
  const rows = loadSentiRuEvalRows();
  if (!rows || !existsSync(path)) return null;
  const byKey = new Map(rows.map((r) => [`${r.file}:${r.row.id}`, r]));
  const items: LabelItem[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .forEach((line, n) => {
      if (line.trim() === '') return;
      const [file, id, label] = line.split('\t');
      const row = byKey.get(`${file}:${id}`);
      if (!row) throw new Error(`${path}:${n + 2}: no tweet ${file}:${id} in ../shared`);
      if (!(LABELS as readonly string[]).includes(label ?? ''))
        throw new Error(`${path}:${n + 2}: unknown label "${label}"`);
      items.push({
        id: `${file}:${id}`,
        set: 'real',
        text: row.row.text,
        lang: 'ru',
        label: label as Label,
        keys: templateKeys(row.row.text, row.spans),
        handles: handlesOf(row.spans),
      });
    });
  return items;
}

/** Offsets of the brand accounts a development tweet names (its annotated spans that are handles). */
function devHandles(d: DevLine): number[] {
  return d.brands.filter((b) => d.text[b.start] === '@').map((b) => b.start);
}

function devLines(): DevLine[] {
  return readFileSync(DEV, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevLine);
}

/** The development set with its labels. */
export function loadDevLabelItems(): LabelItem[] {
  return devLines().map((d) => ({
    id: d.id,
    set: 'dev' as const,
    text: d.text,
    lang: d.lang,
    label: d.label,
    keys: templateKeys(d.text, d.brands),
    handles: devHandles(d),
  }));
}

const TONES: Record<string, SentimentLabel> = { '-1': 'negative', '0': 'neutral', '1': 'positive' };

/**
 * SentiRuEval's per-brand sentiment as training items: one per (tweet, brand) with -1/0/1 (`--`, not about the
 * brand, and `+-`, mixed, are left out), plus one tweet-level item per tweet whose brand labels do not
 * conflict (the polar label if any, else neutral). Null without `../shared`.
 */
export function loadRealSentimentItems(): SentimentItem[] | null {
  const rows = loadSentiRuEvalRows();
  if (!rows) return null;
  const items: SentimentItem[] = [];
  for (const { file, row, spans } of rows) {
    const set = domainOf(file);
    const keys = templateKeys(row.text, spans);
    const handles = handlesOf(spans);
    const tones = new Set<SentimentLabel>();
    const first = items.length;
    for (const [brand, raw] of Object.entries(row.labels)) {
      const label = raw === null ? undefined : TONES[raw];
      if (label === undefined) continue;
      tones.add(label);
      const mine = spans.filter((s) => s.brand === brand);
      const target =
        mine.length > 0 ? { spans: mine, others: spans.filter((s) => s.brand !== brand) } : undefined;
      items.push({
        id: `${file}:${row.id}`,
        set,
        text: row.text,
        label,
        brand,
        target,
        keys,
        handles,
        contrast: false,
      });
    }
    if (tones.size > 1) for (let i = first; i < items.length; i++) items[i]!.contrast = true;
    if (tones.has('positive') && tones.has('negative')) continue;
    const tweet = tones.has('positive') ? 'positive' : tones.has('negative') ? 'negative' : 'neutral';
    if (tones.size > 0)
      items.push({
        id: `${file}:${row.id}`,
        set,
        text: row.text,
        label: tweet,
        brand: null,
        target: undefined,
        keys,
        handles,
        contrast: false,
      });
  }
  return items;
}

/** The development set's sentiment (`dev-sentiment.tsv`): one tweet-level item per tweet, one per brand named. */
export function loadDevSentimentItems(): SentimentItem[] {
  const lines = new Map(devLines().map((d) => [d.id, d]));
  const items: SentimentItem[] = [];
  for (const line of readFileSync(DEV_SENTIMENT, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('id\t')) continue;
    const [id, tweet, brands = ''] = line.split('\t');
    const d = lines.get(id ?? '');
    if (!d) throw new Error(`${DEV_SENTIMENT}: unknown id ${id}`);
    const keys = templateKeys(d.text, d.brands);
    const handles = devHandles(d);
    items.push({
      id: d.id,
      set: 'dev',
      text: d.text,
      label: tweet as SentimentLabel,
      brand: null,
      target: undefined,
      keys,
      handles,
      contrast: false,
    });
    const pairs = brands.split(';').filter(Boolean);
    const contrast = new Set(pairs.map((p) => p.split('=')[1])).size > 1;
    for (const pair of pairs) {
      const [brand, label] = pair.split('=');
      const mine = d.brands.filter((b) => b.brand === brand);
      const others = d.brands.filter((b) => b.brand !== brand);
      items.push({
        id: d.id,
        set: 'dev',
        text: d.text,
        label: label as SentimentLabel,
        brand: brand ?? null,
        target: mine.length > 0 ? { spans: mine, others } : undefined,
        keys,
        handles,
        contrast,
      });
    }
  }
  return items;
}
