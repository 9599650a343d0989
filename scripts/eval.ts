/**
 * `npm run eval`: how well Kestrel reads tweets.
 * - Development set (test/fixtures/labelled/dev.jsonl): per-label precision, recall, F1, macro-F1, the
 *   confusion matrix, salary exact-match rate on vacancies, brand span precision/recall.
 * - SentiRuEval-2015 (../shared, real Russian tweets): per-brand precision/recall of "brand mentioned",
 *   against a plain substring search of the same aliases. Skipped with a message when ../shared is absent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type BrandSpec, createBrandMatcher } from '../src/classify/brands.js';
import { createClassifier } from '../src/classify/classifier.js';
import { LABELS, type Label } from '../src/classify/labels.js';
import type { Salary } from '../src/classify/salary.js';
import { extractVacancy } from '../src/classify/vacancy.js';
import { loadSentiRuEval, SENTIRUEVAL_DIR } from '../test/classify/sentirueval.js';

interface DevLine {
  id: string;
  text: string;
  lang: string;
  label: Label;
  vacancy: { remote: string | null; salary: Salary | null } | null;
  brands: { brand: string; start: number; end: number }[];
}

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fixtures');
const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const prf = (tp: number, fp: number, fn: number) => {
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  return { p, r, f1: (2 * p * r) / (p + r) || 0 };
};

function evalDevSet(): void {
  const lines = readFileSync(join(fixtures, 'labelled', 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevLine);
  const { brands } = parse(readFileSync(join(fixtures, 'labelled', 'brands.yaml'), 'utf8')) as {
    brands: BrandSpec[];
  };
  const classifier = createClassifier({ brands: brands.map((b) => ({ ...b, exclude: b.exclude ?? [] })) });

  const confusion = new Map<Label, Map<Label, number>>(
    LABELS.map((g) => [g, new Map(LABELS.map((p) => [p, 0]))]),
  );
  let salaryTotal = 0;
  let salaryExact = 0;
  let spanTp = 0;
  let spanFp = 0;
  let spanFn = 0;
  for (const line of lines) {
    const result = classifier.classify(line.text, line.lang);
    const row = confusion.get(line.label);
    row?.set(result.label, (row.get(result.label) ?? 0) + 1);
    if (line.label === 'vacancy' && line.vacancy) {
      salaryTotal++;
      const russian = /[а-яё]/i.test(line.text) && line.lang !== 'en';
      const got = extractVacancy(line.text, russian ? { fallbackCurrency: 'RUB' } : {}).salary;
      if (JSON.stringify(got) === JSON.stringify(line.vacancy.salary)) salaryExact++;
    }
    const gold = new Set(line.brands.map((b) => `${b.brand}:${b.start}:${b.end}`));
    const predicted = new Set(result.brands.map((b) => `${b.brand}:${b.start}:${b.end}`));
    for (const p of predicted) (gold.has(p) ? () => spanTp++ : () => spanFp++)();
    for (const g of gold) if (!predicted.has(g)) spanFn++;
  }

  console.log(`Development set: ${lines.length} tweets (test/fixtures/labelled/dev.jsonl)\n`);
  console.log('label         precision  recall     F1   support');
  let macro = 0;
  for (const label of LABELS) {
    const tp = confusion.get(label)?.get(label) ?? 0;
    const fn = [...(confusion.get(label)?.values() ?? [])].reduce((a, b) => a + b, 0) - tp;
    const fp = LABELS.reduce((sum, g) => sum + (g === label ? 0 : (confusion.get(g)?.get(label) ?? 0)), 0);
    const m = prf(tp, fp, fn);
    macro += m.f1 / LABELS.length;
    console.log(
      `${label.padEnd(12)}  ${pct(m.p).padStart(9)}  ${pct(m.r).padStart(6)}  ${pct(m.f1)}  ${String(tp + fn).padStart(7)}`,
    );
  }
  console.log(`macro-F1      ${pct(macro)}\n`);
  console.log(
    `confusion (rows: truth, columns: predicted)\n${''.padEnd(12)} ${LABELS.map((l) => l.slice(0, 8).padStart(9)).join('')}`,
  );
  for (const g of LABELS) {
    console.log(
      `${g.padEnd(12)} ${LABELS.map((p) => String(confusion.get(g)?.get(p) ?? 0).padStart(9)).join('')}`,
    );
  }
  console.log(
    `\nsalary exact match on vacancies: ${salaryExact}/${salaryTotal} = ${pct(salaryExact / salaryTotal)}`,
  );
  const spans = prf(spanTp, spanFp, spanFn);
  console.log(
    `brand spans: precision ${pct(spans.p)}, recall ${pct(spans.r)} (${spanTp} exact, ${spanFp} extra, ${spanFn} missed)\n`,
  );
}

function evalSentiRuEval(): void {
  const fixture = parse(readFileSync(join(fixtures, 'sentirueval-brands.yaml'), 'utf8')) as Record<
    'banks' | 'telecoms',
    { file: string; brands: BrandSpec[] }
  >;
  console.log('SentiRuEval-2015 brand mentions (real Russian tweets, raw labels)\n');
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

evalDevSet();
evalSentiRuEval();
