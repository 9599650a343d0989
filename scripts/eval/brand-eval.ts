/**
 * Brand mentions on SentiRuEval-2015 (real Russian tweets, raw labels): per-brand precision and recall of
 * "brand mentioned" against a plain substring search of the same aliases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type BrandSpec, createBrandMatcher } from '../../src/classify/brands.js';
import { loadSentiRuEval, SENTIRUEVAL_DIR } from '../data/sentirueval.js';
import { pct } from './report.js';

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures');
const prf = (tp: number, fp: number, fn: number) => {
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  return { p, r, f1: (2 * p * r) / (p + r) || 0 };
};

export function evalSentiRuEvalBrands(): void {
  const fixture = parse(readFileSync(join(fixtures, 'sentirueval-brands.yaml'), 'utf8')) as Record<
    'banks' | 'telecoms',
    { file: string; brands: BrandSpec[] }
  >;
  console.log('\n# Brand mentions on SentiRuEval-2015 (real Russian tweets, raw labels)\n');
  console.log('brand         mentions  precision  recall  substring P  substring R');
  for (const domain of ['banks', 'telecoms'] as const) {
    const rows = loadSentiRuEval(fixture[domain].file);
    if (!rows) {
      console.log(`(skipped: ${SENTIRUEVAL_DIR} is absent)`);
      return;
    }
    const brands = fixture[domain].brands.map((b) => ({ ...b, exclude: b.exclude ?? [] }));
    const matcher = createBrandMatcher(brands);
    for (const brand of brands) {
      const c = { tp: 0, fp: 0, fn: 0, btp: 0, bfp: 0, bfn: 0 };
      const aliases = brand.aliases.map((a) => a.toLowerCase());
      for (const row of rows) {
        const gold = row.labels[brand.name] != null;
        const hit = matcher.match(row.text).some((s) => s.brand === brand.name);
        const lower = row.text.toLowerCase();
        const base = aliases.some((a) => lower.includes(a));
        if (hit && gold) c.tp++;
        else if (hit) c.fp++;
        else if (gold) c.fn++;
        if (base && gold) c.btp++;
        else if (base) c.bfp++;
        else if (gold) c.bfn++;
      }
      const m = prf(c.tp, c.fp, c.fn);
      const b = prf(c.btp, c.bfp, c.bfn);
      console.log(
        `${brand.name.padEnd(12)}  ${String(c.tp + c.fn).padStart(8)}  ${pct(m.p).padStart(9)}  ${pct(m.r).padStart(6)}  ${pct(b.p).padStart(11)}  ${pct(b.r).padStart(11)}`,
      );
    }
  }
}
