import { readFileSync } from 'node:fs';
import { createClassifier } from '../../src/classify/classifier.js';
import { loadConfigFile } from '../../src/config/load.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { generatePages } from '../generate.js';

/**
 * Tweets classified per second on one core (this process, one thread): label, vacancy facts, brands and
 * sentiment, over the demo corpus and generated tweets, after a warm-up pass.
 */
export function runClassifyBench(): { tweets_per_s: number; tweets: number } {
  const demo = readFileSync('data/demo/search-pages.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => (JSON.parse(l) as { data: { text: string; lang?: string }[] }).data);
  const generated = generatePages(20_000, { seed: 7 }).flatMap(
    (l) => (JSON.parse(l) as { data: { text: string; lang?: string }[] }).data,
  );
  const texts = [...demo, ...generated];
  const classifier = createClassifier({
    brands: brandSpecsOf(watchSpecsFromConfig(loadConfigFile('kestrel.config.yaml'))),
  });
  for (const t of texts) classifier.classify(t.text, t.lang ?? null);
  const rounds = 3;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) classifier.classify(t.text, t.lang ?? null);
  const ms = performance.now() - start;
  return { tweets_per_s: Math.round(((texts.length * rounds) / ms) * 1000), tweets: texts.length * rounds };
}
