import { describe, expect, it } from 'vitest';
import {
  currencyCode,
  describeJobFilter,
  parseAmount,
  parseJobFilters,
} from '../../commands/args/job-filters.js';
import { canonicalTerm, termOfToken, tokenize } from '../../commands/args/words.js';

function ok(input: string) {
  const result = parseJobFilters(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.problem.en}`);
  return result.filter;
}

function problem(input: string) {
  const result = parseJobFilters(input);
  if (result.ok) throw new Error(`expected ${input} to be refused, got ${JSON.stringify(result.filter)}`);
  return result.problem;
}

describe('tokenize', () => {
  it('splits words and keeps quoted phrases together, typographic quotes included', () => {
    expect(tokenize('a  "b c"  «d e» “f”')).toEqual([
      { text: 'a', quoted: false },
      { text: 'b c', quoted: true },
      { text: 'd e', quoted: true },
      { text: 'f', quoted: true },
    ]);
  });

  it('leaves an unpaired quote inside its word', () => {
    expect(tokenize('"x y')).toEqual([
      { text: '"x', quoted: false },
      { text: 'y', quoted: false },
    ]);
  });

  it('neutralises operators in single tokens', () => {
    const render = (text: string) => {
      const term = termOfToken({ text, quoted: false });
      return term ? canonicalTerm(term) : null;
    };
    expect(render('from:elon')).toBe('from elon');
    expect(render('-foo')).toBe('foo');
    expect(render('(x')).toBe('x');
    expect(render('"x')).toBe('x');
    expect(render('-')).toBeNull();
    expect(render('()')).toBeNull();
  });
});

describe('parseJobFilters: valid forms', () => {
  it('reads keywords only', () => {
    expect(ok('golang backend')).toEqual({
      keywords: ['golang', 'backend'],
      remoteOnly: false,
      minSalary: null,
      salaryCurrency: null,
      location: null,
    });
  });

  it('reads every filter together', () => {
    expect(ok('golang remote salary>=200k RUB in Berlin')).toEqual({
      keywords: ['golang'],
      remoteOnly: true,
      minSalary: 200_000,
      salaryCurrency: 'RUB',
      location: 'Berlin',
    });
  });

  it.each([
    ['salary>=200k RUB', 200_000, 'RUB'],
    ['salary>=200000 ₽', 200_000, 'RUB'],
    ['salary>=200000₽', 200_000, 'RUB'],
    ['salary>=150 000 ₽', 150_000, 'RUB'],
    ['salary>=5k USD', 5_000, 'USD'],
    ['salary>=$5000', 5_000, 'USD'],
    ['salary>=€4k', 4_000, 'EUR'],
    ['salary>=£3.5k', 3_500, 'GBP'],
    ['salary>=300k kzt', 300_000, 'KZT'],
    ['salary>=1.5 млн руб', 1_500_000, 'RUB'],
    ['salary >= 200 тыс рублей', 200_000, 'RUB'],
    ['salary ≥ 4000 EUR', 4_000, 'EUR'],
    ['зп>=250к ₽', 250_000, 'RUB'],
    ['salary>=200,000 usd', 200_000, 'USD'],
    ['salary>= 3000 евро', 3_000, 'EUR'],
    ['SALARY>=7k gbp', 7_000, 'GBP'],
  ])('reads %s', (filter, amount, currency) => {
    const f = ok(`golang ${filter}`);
    expect(f.keywords).toEqual(['golang']);
    expect(f.minSalary).toBe(amount);
    expect(f.salaryCurrency).toBe(currency);
  });

  it.each(['remote', 'Remote', 'удалённо', 'удаленно', 'удаленка', 'удалёнка'])(
    'reads %s as remote',
    (word) => {
      expect(ok(`дизайнер ${word}`)).toMatchObject({ keywords: ['дизайнер'], remoteOnly: true });
    },
  );

  it('lets flags stand before keywords and keeps quoted words as keywords', () => {
    expect(ok('remote golang "remote" "in"')).toMatchObject({
      keywords: ['golang', 'remote', 'in'],
      remoteOnly: true,
    });
  });

  it('reads multi-word and quoted locations up to the next filter', () => {
    expect(ok('golang in New York remote')).toMatchObject({ location: 'New York', remoteOnly: true });
    expect(ok('golang in "Нижний Новгород"').location).toBe('Нижний Новгород');
    expect(ok('in Berlin "product manager"')).toMatchObject({
      location: 'Berlin',
      keywords: ['product manager'],
    });
  });

  it('normalises known places through the gazetteer', () => {
    expect(ok('golang in Питере').location).toBe('Санкт-Петербург');
  });

  it('keeps phrases and reads FTS5 or SQL syntax in quotes as words', () => {
    expect(ok('"product manager" hiring').keywords).toEqual(['product manager', 'hiring']);
    expect(ok('golang "from:elon" "NEAR(x)"').keywords).toEqual(['golang', 'from elon', 'near x']);
  });

  it('drops repeated keywords', () => {
    expect(ok('go Go GO').keywords).toEqual(['go']);
  });
});

describe('parseJobFilters: refusals name what was wrong', () => {
  it.each([
    ['golang salary>=abc', 'salary>=abc'],
    ['golang salary>=200k XYZ', 'XYZ'],
    ['golang salary>=200k', 'no currency'],
    ['golang salary>=200k remote', 'no currency'],
    ['golang salary>=', 'amount is missing'],
    ['golang salary=200k RUB', 'salary>=N CUR'],
    ['golang salary<=200k RUB', 'salary>=N CUR'],
    ['golang salary>=0 RUB', 'not a sensible salary'],
    ['golang salary>=$5k EUR', 'two currencies'],
    ['golang salary>=5k RUB salary>=6k RUB', 'twice'],
    ['golang in', '"in" needs a location'],
    ['golang in remote', '"in" needs a location'],
    ['golang in Berlin in Paris', 'twice'],
    ['golang in a b c d e', 'in a b c d e'],
    ['golang in Berlin!', 'in Berlin!'],
    ['golang foo=bar', 'foo=bar'],
    ['golang level>=senior', 'level>=senior'],
    ['golang >=5k', '>=5k'],
    ['remote', 'No keywords'],
    ['-- remote', '"-" at position 1: /jobs add takes words and "phrases" only.'],
    ['golang () remote', '"(" at position 8'],
    ['golang OR rust', '"OR" at position 8: /jobs add takes words'],
    ['golang from:elon', '"from:elon" at position 8'],
    ['golang "y', 'The quote at position 8 is not closed.'],
    ['a b c d e f g h i', 'Too many keywords'],
  ])('refuses %s', (input, fragment) => {
    expect(problem(input).en).toContain(fragment);
  });

  it('explains in Russian too', () => {
    expect(problem('golang salary>=200k XYZ').ru).toContain('«XYZ» — не валюта');
    expect(problem('golang foo=bar').ru).toContain('Неизвестный фильтр «foo=bar»');
    expect(problem('golang in').ru).toContain('После «in» нужен город');
    expect(problem('remote').ru).toContain('Нет ключевых слов');
  });
});

describe('amounts and currencies', () => {
  it.each([
    ['$', 'USD'],
    ['€', 'EUR'],
    ['£', 'GBP'],
    ['₽', 'RUB'],
    ['₸', 'KZT'],
    ['rub', 'RUB'],
    ['RUR', 'RUB'],
    ['руб.', 'RUB'],
    ['доллара', 'USD'],
    ['тенге', 'KZT'],
    ['chf', 'CHF'],
  ])('%s is %s', (token, code) => {
    expect(currencyCode(token)).toBe(code);
  });

  it('knows no made-up currencies', () => {
    expect(currencyCode('XYZ')).toBeNull();
    expect(currencyCode('golang')).toBeNull();
  });

  it('reads grouped digits and decimals', () => {
    expect(parseAmount('1.500.000 ₽')).toEqual({ amount: 1_500_000, currency: 'RUB' });
    expect(parseAmount('2.5k USD')).toEqual({ amount: 2_500, currency: 'USD' });
    expect(parseAmount('3m RUB')).toEqual({ amount: 3_000_000, currency: 'RUB' });
  });
});

describe('describeJobFilter', () => {
  it('describes a filter in both languages', () => {
    const filter = ok('"product manager" remote salary>=200k RUB in Berlin');
    expect(describeJobFilter(filter, 'en')).toBe(
      '"product manager" · remote · salary ≥ 200,000 RUB · in Berlin',
    );
    expect(describeJobFilter(filter, 'ru')).toBe(
      '"product manager" · удалённо · зарплата от 200 000 RUB · место: Berlin',
    );
  });
});
