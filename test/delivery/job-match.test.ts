import { describe, expect, it } from 'vitest';
import { parseJobFilters } from '../../commands/args/job-filters.js';
import { createClassifier } from '../../src/classify/classifier.js';
import type { Salary } from '../../src/classify/salary.js';
import { convertAmount, monthlyAmount } from '../../src/delivery/currency.js';
import {
  keywordMatches,
  type MatchableVacancy,
  matchesJob,
  prepareVacancy,
  salaryPasses,
  wordsOf,
} from '../../src/delivery/job-match.js';
import type { JobCriteria } from '../../src/store/subscription-store.js';

const RATES = { RUB: 1, USD: 90, EUR: 98, GBP: 115, KZT: 0.18 };
const classifier = createClassifier({ brands: [] });

/** A vacancy as the classifier reads it. */
function read(text: string): MatchableVacancy {
  const reading = classifier.classify(text, /[а-яё]/iu.test(text) ? 'ru' : 'en');
  expect(reading.label).toBe('vacancy');
  const facts = reading.vacancy;
  return {
    text,
    salary: facts?.salary ?? null,
    remote: facts?.remote ?? null,
    location: facts?.location ?? null,
  };
}

/** The filter `/jobs add <args>` would store. */
function filter(args: string): JobCriteria {
  const parsed = parseJobFilters(args);
  if (!parsed.ok) throw new Error(parsed.problem.en);
  return parsed.filter;
}

const matches = (vacancy: MatchableVacancy, args: string) =>
  matchesJob(prepareVacancy(vacancy), filter(args), RATES);
const salary = (partial: Partial<Salary>): Salary => ({
  min: null,
  max: null,
  currency: null,
  period: null,
  ...partial,
});

const GO_RU = 'Ищем разработчика на Golang в команду платежей, удалёнка, 250–300 тыс ₽. Пишите @hr_pay';
const GO_EN = 'Hiring a senior Golang developer, fully remote, $5,000–6,000/month. DM @jobs_acme';
const PY_BERLIN = 'We are hiring a Python engineer in Berlin, €70–85k/yr. Apply: jobs@acme.io';
const PY_MOSCOW = 'Вакансия: Python-разработчик в Москве, офис, от 200 000 ₽. Резюме на hr@corp.ru';
const DESIGN_SPB = 'Ищем дизайнера в Питере, гибрид. Пишите @design_hr';
const RUST_HOURLY = 'Hiring a contract Rust developer, $60/hour, remote. DM @rusty';

describe('keywords', () => {
  it('match inflected forms by stem, in any order, all of them', () => {
    expect(matches(read(GO_RU), 'golang разработчик')).toBe(true);
    expect(matches(read(GO_RU), 'разработчики golang')).toBe(true);
    expect(matches(read(GO_RU), 'golang тестировщик')).toBe(false);
    expect(matches(read(GO_EN), 'golang developers')).toBe(true);
    expect(matches(read(GO_EN), 'python')).toBe(false);
  });

  it('a phrase needs its words in a row', () => {
    const words = wordsOf('Senior product manager wanted; no engineering managers');
    expect(keywordMatches(words, 'product manager')).toBe(true);
    expect(keywordMatches(words, 'product managers')).toBe(true);
    expect(keywordMatches(words, 'manager product')).toBe(false);
    expect(keywordMatches(words, 'senior manager')).toBe(false);
  });

  it('hyphenated words match whole, by part and joined; hashtags count as words; ё is е', () => {
    const words = wordsOf('Нужен backend-разработчика в full-stack команду #golang, опыт с ёлками');
    expect(keywordMatches(words, 'разработчик')).toBe(true);
    expect(keywordMatches(words, 'backend-разработчик')).toBe(true);
    expect(keywordMatches(words, 'fullstack')).toBe(true);
    expect(keywordMatches(words, 'full stack')).toBe(true);
    expect(keywordMatches(words, 'golang')).toBe(true);
    expect(keywordMatches(words, 'елки')).toBe(true);
    expect(keywordMatches(words, 'frontend')).toBe(false);
  });
});

describe('remote', () => {
  it('passes only vacancies read as fully remote', () => {
    expect(matches(read(GO_RU), 'golang remote')).toBe(true);
    expect(matches(read(PY_MOSCOW), 'python remote')).toBe(false);
    expect(matches(read(DESIGN_SPB), 'дизайнер удалёнка')).toBe(false);
    expect(matches(read(DESIGN_SPB), 'дизайнер')).toBe(true);
  });
});

describe('salary', () => {
  it('converts between currencies with the configured rates', () => {
    expect(convertAmount(300_000, 'RUB', 'USD', RATES)).toBeCloseTo(3333.33, 2);
    expect(convertAmount(5000, 'USD', 'EUR', RATES)).toBeCloseTo(4591.84, 2);
    expect(convertAmount(10, 'CHF', 'CHF', RATES)).toBe(10);
    expect(convertAmount(10, 'CHF', 'RUB', RATES)).toBeNull();
    expect(convertAmount(100, 'USDT', 'RUB', RATES)).toBe(9000);
  });

  it('compares monthly amounts: per year ÷ 12, per hour × 168', () => {
    expect(monthlyAmount(120_000, 'year')).toBe(10_000);
    expect(monthlyAmount(60, 'hour')).toBe(10_080);
    expect(monthlyAmount(5000, 'month')).toBe(5000);
    expect(monthlyAmount(5000, null)).toBe(5000);
  });

  it('a USD filter against a RUB vacancy: its maximum converted (300,000 ₽ = 3,333 $)', () => {
    expect(matches(read(GO_RU), 'golang salary>=3000 USD')).toBe(true);
    expect(matches(read(GO_RU), 'golang salary>=$3.4k')).toBe(false);
    expect(matches(read(GO_RU), 'golang salary>=300k RUB')).toBe(true);
  });

  it('a RUB filter against a USD vacancy (6,000 $/mo = 540,000 ₽)', () => {
    expect(matches(read(GO_EN), 'golang salary>=500k RUB')).toBe(true);
    expect(matches(read(GO_EN), 'golang salary>=550k RUB')).toBe(false);
  });

  it('yearly and hourly pay is brought to a month', () => {
    // €85k a year = €7,083 a month = 694,167 ₽.
    expect(matches(read(PY_BERLIN), 'python salary>=650k RUB')).toBe(true);
    expect(matches(read(PY_BERLIN), 'python salary>=7000 EUR')).toBe(true);
    expect(matches(read(PY_BERLIN), 'python salary>=700k RUB')).toBe(false);
    // $60 an hour = $10,080 a month.
    expect(matches(read(RUST_HOURLY), 'rust salary>=10k USD')).toBe(true);
    expect(matches(read(RUST_HOURLY), 'rust salary>=11k USD')).toBe(false);
  });

  it('uses the minimum when there is no maximum', () => {
    expect(matches(read(PY_MOSCOW), 'python salary>=200k RUB')).toBe(true);
    expect(matches(read(PY_MOSCOW), 'python salary>=201k RUB')).toBe(false);
  });

  it('a vacancy without a salary passes only filters without a salary condition', () => {
    expect(matches(read(DESIGN_SPB), 'дизайнер')).toBe(true);
    expect(matches(read(DESIGN_SPB), 'дизайнер salary>=1 RUB')).toBe(false);
  });

  it('an unknown currency, or one without a rate, does not pass a salary condition', () => {
    const criteria = filter('go salary>=1000 USD');
    expect(salaryPasses(salary({ max: 10_000 }), criteria, RATES)).toBe(false);
    expect(salaryPasses(salary({ max: 10_000, currency: 'CHF' }), criteria, RATES)).toBe(false);
    expect(salaryPasses(salary({ max: 10_000, currency: 'CHF' }), filter('go salary>=1000 CHF'), RATES)).toBe(
      true,
    );
    expect(salaryPasses(null, filter('go'), RATES)).toBe(true);
  });
});

describe('location', () => {
  it('matches the place in either script and any of its names in the text', () => {
    expect(matches(read(PY_MOSCOW), 'python in Moscow')).toBe(true);
    expect(matches(read(PY_MOSCOW), 'python in Москва')).toBe(true);
    expect(matches(read(PY_MOSCOW), 'python in Berlin')).toBe(false);
    expect(matches(read(PY_BERLIN), 'python in Берлин')).toBe(true);
    expect(matches(read(DESIGN_SPB), 'дизайнер in Saint Petersburg')).toBe(true);
    expect(matches(read(DESIGN_SPB), 'дизайнер in СПб')).toBe(true);
  });

  it('a vacancy that names no place does not pass a location filter', () => {
    expect(matches(read(GO_RU), 'golang in Moscow')).toBe(false);
  });

  it('a second place named in the text counts too', () => {
    const text = 'Ищем Python-разработчика, офисы в Москве и Новосибирске, от 250 000 ₽. Пишите @hr';
    expect(matches(read(text), 'python in Novosibirsk')).toBe(true);
  });
});
