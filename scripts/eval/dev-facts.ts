/** Vacancy salaries and brand spans on the development set: exact matches against the annotations. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type BrandSpec, createBrandMatcher } from '../../src/classify/brands.js';
import type { Salary } from '../../src/classify/salary.js';
import { extractVacancy } from '../../src/classify/vacancy.js';
import { pct } from './report.js';

interface DevLine {
  text: string;
  lang: string;
  label: string;
  vacancy: { remote: string | null; salary: Salary | null } | null;
  brands: { brand: string; start: number; end: number }[];
}

const LABELLED = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'labelled');

export function evalDevFacts(): void {
  const lines = readFileSync(join(LABELLED, 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevLine);
  const { brands } = parse(readFileSync(join(LABELLED, 'brands.yaml'), 'utf8')) as { brands: BrandSpec[] };
  const matcher = createBrandMatcher(brands.map((b) => ({ ...b, exclude: b.exclude ?? [] })));
  let salaries = 0;
  let exact = 0;
  const spans = { tp: 0, fp: 0, fn: 0 };
  for (const line of lines) {
    if (line.label === 'vacancy' && line.vacancy) {
      salaries++;
      const russian = /[а-яё]/i.test(line.text) && line.lang !== 'en';
      const got = extractVacancy(line.text, russian ? { fallbackCurrency: 'RUB' } : {}).salary;
      if (JSON.stringify(got) === JSON.stringify(line.vacancy.salary)) exact++;
    }
    const gold = new Set(line.brands.map((b) => `${b.brand}:${b.start}:${b.end}`));
    const found = new Set(matcher.match(line.text).map((b) => `${b.brand}:${b.start}:${b.end}`));
    for (const f of found) gold.has(f) ? spans.tp++ : spans.fp++;
    for (const g of gold) if (!found.has(g)) spans.fn++;
  }
  console.log('\n# Vacancy facts and brand spans (development set)\n');
  console.log(
    `salary exact match (min, max, currency, period) on vacancies: ${exact}/${salaries} = ${pct(exact / salaries)}`,
  );
  const p = spans.tp / (spans.tp + spans.fp);
  const r = spans.tp / (spans.tp + spans.fn);
  console.log(
    `brand spans: precision ${pct(p)}, recall ${pct(r)} (${spans.tp} exact, ${spans.fp} extra, ${spans.fn} missed)`,
  );
}
