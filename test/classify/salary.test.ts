import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSalary, parseSalary, type Salary } from '../../src/classify/salary.js';

const s = (
  min: number | null,
  max: number | null,
  currency: string | null = null,
  period: Salary['period'] = null,
): Salary => ({ min, max, currency, period });

const FORMS: ReadonlyArray<readonly [string, Salary]> = [
  ['от 200 000 ₽', s(200_000, null, 'RUB', 'month')],
  ['200-250к', s(200_000, 250_000)],
  ['до 300 тыс. руб.', s(null, 300_000, 'RUB', 'month')],
  ['150к на руки', s(150_000, 150_000)],
  ['$5k/mo', s(5000, 5000, 'USD', 'month')],
  ['€70–85k/yr', s(70_000, 85_000, 'EUR', 'year')],
  ['3000-4000$ net', s(3000, 4000, 'USD')],
  ['$60/hr', s(60, 60, 'USD', 'hour')],
  ['250 000 – 350 000 руб. gross', s(250_000, 350_000, 'RUB', 'month')],
  ['ЗП 180-220 тыс', s(180_000, 220_000)],
  ['зарплата до 4000 евро', s(null, 4000, 'EUR')],
  ['вилка 300–400k', s(300_000, 400_000)],
  ['£60k', s(60_000, 60_000, 'GBP')],
  ['120 000 рублей в месяц', s(120_000, 120_000, 'RUB', 'month')],
  ['от 3к$', s(3000, null, 'USD')],
  ['5 000 USD', s(5000, 5000, 'USD')],
  ['4.5k EUR', s(4500, 4500, 'EUR')],
  ['200 000,00 руб', s(200_000, 200_000, 'RUB', 'month')],
  ['200т.р.', s(200_000, 200_000, 'RUB', 'month')],
  ['150 тр', s(150_000, 150_000, 'RUB', 'month')],
  ['1,5 млн руб в год', s(1_500_000, 1_500_000, 'RUB', 'year')],
  ['$120,000 - $150,000/year', s(120_000, 150_000, 'USD', 'year')],
  ['$120K–$150K', s(120_000, 150_000, 'USD')],
  ['up to €90k', s(null, 90_000, 'EUR')],
  ['from 4000 USD', s(4000, null, 'USD')],
  ['$50-70/hour', s(50, 70, 'USD', 'hour')],
  ['зарплата от 200 до 300 тыс', s(200_000, 300_000)],
  ['оклад: 250 000', s(250_000, 250_000)],
  ['$5000+', s(5000, null, 'USD')],
  ['200к + бонусы', s(200_000, 200_000)],
  ['1.500.000 руб', s(1_500_000, 1_500_000, 'RUB', 'month')],
  ['$1.2M per year', s(1_200_000, 1_200_000, 'USD', 'year')],
  ['€65k p.a.', s(65_000, 65_000, 'EUR', 'year')],
  ['5000 EUR/month', s(5000, 5000, 'EUR', 'month')],
  ['3000 $ monthly', s(3000, 3000, 'USD', 'month')],
  ['100 000 р. в мес', s(100_000, 100_000, 'RUB', 'month')],
  ['1500 руб/час', s(1500, 1500, 'RUB', 'hour')],
  ['$40 per hour', s(40, 40, 'USD', 'hour')],
  ['$45 hourly', s(45, 45, 'USD', 'hour')],
  ['€80k annual', s(80_000, 80_000, 'EUR', 'year')],
  ['Base starts at $100k', s(100_000, null, 'USD')],
  ['C$95–120k', s(95_000, 120_000, 'CAD')],
  ['от 150 000 рублей и выше', s(150_000, null, 'RUB', 'month')],
];

const CURRENCIES: ReadonlyArray<readonly [string, string]> = [
  ['100 000 ₽', 'RUB'],
  ['100 000 руб', 'RUB'],
  ['100 000 рублей', 'RUB'],
  ['100 000 р.', 'RUB'],
  ['100 000 RUB', 'RUB'],
  ['3000 USD', 'USD'],
  ['3000 долларов', 'USD'],
  ['3000 баксов', 'USD'],
  ['3000 евро', 'EUR'],
  ['3000 EUR', 'EUR'],
  ['3000 €', 'EUR'],
  ['£3000', 'GBP'],
  ['3000 GBP', 'GBP'],
  ['900 000 KZT', 'KZT'],
  ['900 000 тенге', 'KZT'],
  ['3000 BYN', 'BYN'],
  ['50 000 UAH', 'UAH'],
  ['50 000 грн', 'UAH'],
];

const NEGATIVES: readonly string[] = [
  '2024',
  'Работаем с 2019 года',
  '3+ years of experience with Go',
  'опыт от 3 лет',
  'Команда из 15 человек',
  'скидка 50% на курс',
  'Только сегодня -30%',
  'Звоните +7 (999) 123-45-67',
  'Откликайтесь: https://hh.ru/vacancy/123456789',
  'Поддержка 24/7',
  'Node 20.11.1 и TypeScript 5.4',
  'Релиз v2.0 вышел',
  'Старт 12.05.2024',
  '5k followers and counting',
  '5m read',
  'ЗП обсуждается, мы с 2019 года на рынке',
  'Salary: competitive. 3+ years required',
  'AMD 7950X в подарок',
  'Try 3 months free',
  'с 1 марта',
  '10k RPS в пике',
  'График 5/2, с 10:00 до 19:00',
  'Ищем Go-разработчика, удалёнка',
];

describe('parseSalary', () => {
  it.each(FORMS)('parses %s', (text, expected) => {
    expect(parseSalary(text)).toEqual(expected);
  });

  it.each(CURRENCIES)('maps %s to %s', (text, code) => {
    expect(parseSalary(text)?.currency).toBe(code);
  });

  it.each(NEGATIVES)('finds no salary in %s', (text) => {
    expect(parseSalary(text)).toBeNull();
  });

  it('takes the first real mention in a tweet', () => {
    const text =
      'Senior Go, опыт от 5 лет, команда 12 человек. ЗП 350-450к gross, после ИС до 500к. +7 999 123 45 67';
    expect(parseSalary(text)).toEqual(s(350_000, 450_000));
  });

  it('does not read a phone number after a salary keyword', () => {
    expect(parseSalary('зп обсуждаем, звоните +7 999 123-45-67')).toBeNull();
  });

  it('reports where the salary was found', () => {
    const text = 'Ищем бэкенд-разработчика. Вилка 250–320 тыс. на руки, удалёнка';
    const found = findSalary(text);
    expect(found?.raw).toBe('250–320 тыс. на руки');
    expect(found && text.slice(found.start, found.end)).toBe(found?.raw);
    expect(found?.salary).toEqual(s(250_000, 320_000));
  });

  it('keeps offsets of the original text with no-break spaces', () => {
    const text = 'Оплата:\u00a0от\u00a0200\u00a0000\u00a0₽';
    const found = findSalary(text);
    expect(found?.salary).toEqual(s(200_000, null, 'RUB', 'month'));
    expect(found?.raw).toBe('от\u00a0200\u00a0000\u00a0₽');
  });

  it('fills a caller-given currency only when none is written', () => {
    expect(parseSalary('вилка 300–400k', { fallbackCurrency: 'RUB' })?.currency).toBe('RUB');
    expect(parseSalary('$5k/mo', { fallbackCurrency: 'RUB' })?.currency).toBe('USD');
  });
});

interface LabelledLine {
  text: string;
  vacancy?: { salary?: Salary | null } | null;
}

const DEV = new URL('../fixtures/labelled/dev.jsonl', import.meta.url);
const CYRILLIC = /\p{Script=Cyrillic}/u;

function sameSalary(a: Salary | null, b: Salary | null): boolean {
  if (a === null || b === null) return a === b;
  return a.min === b.min && a.max === b.max && a.currency === b.currency && a.period === b.period;
}

describe.skipIf(!existsSync(DEV))('salary on the labelled dev set', () => {
  const lines = existsSync(DEV)
    ? readFileSync(DEV, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as LabelledLine)
        .filter((l) => l.vacancy != null && l.vacancy.salary !== undefined)
    : [];

  function rate(fallback: (text: string) => string | null): number {
    const hits = lines.filter((l) =>
      sameSalary(parseSalary(l.text, { fallbackCurrency: fallback(l.text) }), l.vacancy?.salary ?? null),
    );
    return hits.length / lines.length;
  }

  it('matches ≥ 0.85 of labelled salaries exactly (labels read a bare Russian figure as RUB)', () => {
    expect(lines.length).toBeGreaterThan(0);
    const withRub = rate((t) => (CYRILLIC.test(t) ? 'RUB' : null));
    const strict = rate(() => null);
    console.info(
      `salary exact match on ${lines.length} dev vacancies: ${withRub.toFixed(3)} (RUB fallback), ${strict.toFixed(3)} (strict)`,
    );
    expect(withRub).toBeGreaterThanOrEqual(0.85);
  });
});
