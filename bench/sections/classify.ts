import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadSentiRuEval } from '../../scripts/data/sentirueval.js';
import type { BrandSpec } from '../../src/classify/brands.js';
import { createClassifier } from '../../src/classify/classifier.js';
import { detectCuesPrepared } from '../../src/classify/cue-detect.js';
import { prepareText } from '../../src/classify/text.js';
import { loadConfigFile } from '../../src/config/load.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { generatePages } from '../generate.js';

interface Text {
  text: string;
  lang: string | null;
}

const FILES = ['banks-train.xml', 'banks-test.xml', 'telecoms-train.xml', 'telecoms-test.xml'];

/** Texts per second of `read` over `texts`, after one warm-up pass; the best of three rounds. */
function rate(texts: readonly Text[], read: (t: Text) => unknown): number {
  for (const t of texts) read(t);
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    for (const t of texts) read(t);
    best = Math.max(best, (texts.length / (performance.now() - start)) * 1000);
  }
  return Math.round(best);
}

/** The real tweets of ../shared (SentiRuEval-2015, 18,394 tweets about banks and telecom operators), or null. */
function realTweets(): Text[] | null {
  const texts: Text[] = [];
  for (const file of FILES) {
    const rows = loadSentiRuEval(file);
    if (!rows) return null;
    for (const row of rows) texts.push({ text: row.text, lang: 'ru' });
  }
  return texts;
}

function sentiRuEvalBrands(): BrandSpec[] {
  const raw = parse(readFileSync(join('test', 'fixtures', 'sentirueval-brands.yaml'), 'utf8')) as Record<
    'banks' | 'telecoms',
    { brands: BrandSpec[] }
  >;
  return [...raw.banks.brands, ...raw.telecoms.brands].map((b) => ({ ...b, exclude: b.exclude ?? [] }));
}

/**
 * Tweets read per second on one core (this process, one thread): label, vacancy facts, brands and sentiment
 * toward each brand. Measured on the real tweets of ../shared with their brands configured (the workload a
 * team watching banks has), and on the demo corpus plus generated tweets with the demo config. Beside them,
 * the floor every reading pays: tokenizing and scanning the cues, on the same real tweets.
 */
export function runClassifyBench() {
  const demo = readFileSync('data/demo/search-pages.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => (JSON.parse(l) as { data: { text: string; lang?: string }[] }).data);
  const generated = generatePages(20_000, { seed: 7 }).flatMap(
    (l) => (JSON.parse(l) as { data: { text: string; lang?: string }[] }).data,
  );
  const synthetic = [...demo, ...generated].map((t) => ({ text: t.text, lang: t.lang ?? null }));
  const demoClassifier = createClassifier({
    brands: brandSpecsOf(watchSpecsFromConfig(loadConfigFile('kestrel.config.yaml'))),
  });
  const tweets_per_s = rate(synthetic, (t) => demoClassifier.classify(t.text, t.lang));
  const real = realTweets();
  if (!real) return { real_tweets_per_s: null, skipped: '../shared/data is absent', tweets_per_s };
  const classifier = createClassifier({ brands: sentiRuEvalBrands() });
  return {
    real_tweets_per_s: rate(real, (t) => classifier.classify(t.text, t.lang)),
    real_tweets: real.length,
    real_tokenize_and_cues_per_s: rate(real, (t) => detectCuesPrepared(prepareText(t.text))),
    tweets_per_s,
    synthetic_tweets: synthetic.length,
  };
}
