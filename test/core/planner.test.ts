import { describe, expect, it } from 'vitest';
import { type Atom, atomsOf, clausesOf, MAX_TERM_CLAUSE, renderAtom } from '../../src/planner/atoms.js';
import { russianCaseForms, termWordForms } from '../../src/planner/inflect.js';
import { minimumQueryCount, packQueries } from '../../src/planner/pack.js';
import { createRouter } from '../../src/planner/router.js';
import { parseTerm, renderTerm, splitWords } from '../../src/planner/terms.js';
import { makeAuthor, makeTweet, randomTexts } from './helpers.js';
import { sampleWatches, watch } from './sample-watches.js';

const T0 = Date.UTC(2026, 10, 20, 12);

describe('terms', () => {
  it('parses words, phrases and mixed terms', () => {
    expect(parseTerm('вакансия backend')).toEqual({ parts: [['вакансия'], ['backend']] });
    expect(parseTerm('"code review"')).toEqual({ parts: [['code', 'review']] });
    expect(parseTerm('"product manager" hiring')).toEqual({ parts: [['product', 'manager'], ['hiring']] });
    expect(renderTerm(parseTerm('"product manager" hiring'))).toBe('("product manager" hiring)');
  });

  it('neutralises X operators in user input', () => {
    expect(renderTerm(parseTerm('a OR from:elon -b (c)'))).toBe('(a "or" from elon b c)');
    expect(renderTerm(parseTerm('full-stack'))).toBe('(full stack)');
    expect(() => parseTerm('"" ()')).toThrow(/no words/);
  });
});

describe('Russian case forms', () => {
  it('inflects brand names for X, which has no morphology', () => {
    expect(russianCaseForms('Яндекс')).toEqual(['Яндекс', 'Яндекса', 'Яндексу', 'Яндексом', 'Яндексе']);
    expect(russianCaseForms('Сбер')).toEqual(['Сбер', 'Сбера', 'Сберу', 'Сбером', 'Сбере']);
    expect(russianCaseForms('Мегафон')).toContain('Мегафоне');
    expect(russianCaseForms('Альфа')).toEqual(['Альфа', 'Альфы', 'Альфе', 'Альфу', 'Альфой']);
    expect(russianCaseForms('МТС')).toEqual(['МТС']);
    expect(russianCaseForms('Yandex')).toEqual(['Yandex']);
  });
});

describe('atoms', () => {
  it('turns a brand into inflected words, handles and domains', () => {
    const atoms = atomsOf({
      kind: 'brand',
      name: 'Yandex',
      aliases: ['Яндекс', '@yandex', 'yandex.ru'],
      exclude: [],
      competitor: false,
    });
    expect(atoms.map(renderAtom)).toEqual([
      'яндекс',
      'яндекса',
      'яндексу',
      'яндексом',
      'яндексе',
      '@yandex',
      'url:"yandex.ru"',
    ]);
    expect(atomsOf({ kind: 'expert', name: '@Kate', handle: 'Kate' }).map(renderAtom)).toEqual(['from:kate']);
    expect(
      atomsOf({ kind: 'topic', name: 't', terms: ['"code review"', 'ревью кода'], lang: 'ru' }).map(
        renderAtom,
      ),
    ).toEqual([
      '("code review" lang:ru)',
      '(ревью (кода OR коды OR коду OR коде OR кодой OR код OR кодам OR кодах OR кодами) lang:ru)',
    ]);
  });

  it('sends job and topic nouns in their Russian cases and English plurals, phrases and verbs as written', () => {
    const rendered = atomsOf({
      kind: 'jobs',
      name: 'j',
      terms: ['вакансия backend', 'ищем бэкенд', '"hiring backend"', 'senior developer'],
    }).map(renderAtom);
    expect(rendered).toEqual([
      '((вакансия OR вакансии OR вакансию OR вакансией OR вакансий OR вакансиям OR вакансиях OR вакансиями) backend)',
      '(ищем (бэкенд OR бэкенда OR бэкенды OR бэкенду OR бэкендом OR бэкенде OR бэкендов OR бэкендам OR бэкендах OR бэкендами))',
      '"hiring backend"',
      '((senior OR seniors) (developer OR developers))',
    ]);
    expect(termWordForms('удалённая')).toEqual(['удалённая']);
    expect(termWordForms('требуется')).toEqual(['требуется']);
    expect(termWordForms('golang')).toEqual(['golang']);
    expect(termWordForms('company')).toEqual(['company', 'companies']);
    expect(termWordForms('обучение')).toContain('обучения');
  });

  it('keeps a term with its forms within the clause limit, leaving out the rarest forms', () => {
    const [atom] = atomsOf({
      kind: 'jobs',
      name: 'j',
      terms: ['вакансия разработчик программист тестировщик аналитик'],
    });
    const text = renderAtom(atom as Atom);
    expect(text.length).toBeLessThanOrEqual(MAX_TERM_CLAUSE);
    expect(text).toContain('вакансии');
    expect(text).not.toContain('вакансиями');
  });
});

describe('packing', () => {
  for (const n of [10, 50, 200]) {
    it(`packs ${n} watches into the minimum number of queries under 512 characters`, () => {
      const clauses = sampleWatches(n).map(clausesOf);
      const options = { maxLength: 512, suffix: '-is:retweet' };
      const queries = packQueries(clauses, options);
      for (const q of queries) expect(q.query.length).toBeLessThanOrEqual(512);
      expect(queries.length).toBe(minimumQueryCount(clauses, options));
      expect(queries.length).toBeLessThan(n);
      // Every watch is carried by some query, and every clause appears exactly once.
      const carried = new Set(queries.flatMap((q) => q.watchIds));
      expect(carried.size).toBe(n);
      const all = queries.map((q) => q.query).join(' OR ');
      for (const c of clauses.flatMap((w) => w.clauses)) expect(all).toContain(c);
    });
  }

  it('splits a watch too long for one query and fails on a single clause over the limit', () => {
    const longWatch = watch(1, {
      kind: 'topic',
      name: 'long',
      terms: Array.from({ length: 80 }, (_, i) => `word${i}`),
    });
    const queries = packQueries([clausesOf(longWatch)], { maxLength: 512, suffix: '-is:retweet' });
    expect(queries.length).toBeGreaterThan(1);
    for (const q of queries) {
      expect(q.query.length).toBeLessThanOrEqual(512);
      expect(q.watchIds).toEqual([1]);
    }
    const huge = watch(2, { kind: 'topic', name: 'huge', terms: [`"${'слово '.repeat(100)}"`] });
    expect(() => packQueries([clausesOf(huge)], { maxLength: 512 })).toThrow(/over the query limit/);
  });

  it('uses the larger limit of higher tiers', () => {
    const clauses = sampleWatches(200).map(clausesOf);
    const small = packQueries(clauses, { maxLength: 512, suffix: '-is:retweet' });
    const large = packQueries(clauses, { maxLength: 1024, suffix: '-is:retweet' });
    expect(large.length).toBeLessThan(small.length);
  });
});

describe('router', () => {
  const watches = [
    watch(1, {
      kind: 'brand',
      name: 'Yandex',
      aliases: ['Яндекс', '@yandex', 'yandex.ru'],
      exclude: ['Яндекс.Деньги'],
      competitor: false,
    }),
    watch(2, { kind: 'jobs', name: 'Backend', terms: ['вакансия backend', '"hiring backend"'] }),
    watch(3, { kind: 'expert', name: '@kate', handle: 'kate' }),
    watch(4, { kind: 'topic', name: 'TS', terms: ['typescript'], lang: 'en' }),
  ];
  const router = createRouter(watches);
  const route = (text: string, extra: Partial<Parameters<typeof makeTweet>[0]> = {}, username = 'someone') =>
    router.route(makeTweet({ text, createdAt: T0, ...extra }), makeAuthor({ username }));

  it('routes by inflected brand words, handles and domains, not look-alikes', () => {
    expect(route('Работаю в Яндексе третий год')).toEqual([1]);
    expect(route('пишите @yandex', { mentions: ['yandex'] })).toEqual([1]);
    expect(route('see https://t.co/x', { urls: ['https://yandex.ru/jobs'] })).toEqual([1]);
    expect(route('индекс цен вырос')).toEqual([]);
    expect(route('Яндексовый стиль')).toEqual([]);
  });

  it('matches a domain only as whole words, as X tokenizes URLs', () => {
    const ya = createRouter([
      watch(9, { kind: 'brand', name: 'Ya', aliases: ['ya.ru'], exclude: [], competitor: false }),
    ]);
    const at = (text: string, urls: string[] = []) =>
      ya.route(makeTweet({ text, createdAt: T0, urls }), makeAuthor());
    expect(at('see https://t.co/x', ['https://maya.ru/'])).toEqual([]);
    expect(at('пишите на maya.ru')).toEqual([]);
    expect(at('see https://t.co/x', ['https://mail.ya.ru/inbox'])).toEqual([9]);
    expect(at('ya.ru, конечно')).toEqual([9]);
  });

  it('finds a job word in any case, in the query and in routing alike', () => {
    const jobs = createRouter([watch(7, { kind: 'jobs', name: 'b', terms: ['вакансия backend'] })]);
    const at = (text: string) => jobs.route(makeTweet({ text, createdAt: T0 }), makeAuthor());
    expect(at('Открыты вакансии: backend на Go')).toEqual([7]);
    expect(at('Ищем на вакансию backend-разработчика')).toEqual([7]);
    expect(at('Вакансиями backend не занимаемся')).toEqual([7]);
    expect(at('вакансий нет')).toEqual([]);
  });

  it('honours exclusions only when the brand appears nowhere else', () => {
    expect(route('Оплатил через Яндекс.Деньги')).toEqual([]);
    expect(route('Яндекс.Деньги теперь ЮMoney, а Яндекс остался')).toEqual([1]);
  });

  it('matches all words of a term, phrases in order, lang and authors', () => {
    expect(route('Вакансия: senior backend, удалёнка')).toEqual([2]);
    expect(route('backend без слова')).toEqual([]);
    expect(route("We're hiring backend engineers")).toEqual([2]);
    expect(route('backend hiring is slow')).toEqual([]);
    expect(route('anything at all', {}, 'Kate')).toEqual([3]);
    expect(route('TypeScript 6 is out', { lang: 'en' })).toEqual([4]);
    expect(route('TypeScript 6 вышел', { lang: 'ru' })).toEqual([]);
  });
});

describe('splitWords', () => {
  it('splits exactly like the Unicode regex of X word rules, on hostile text', () => {
    const reference = (text: string) =>
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}_]+/u)
        .filter((w) => w.length > 0);
    const alphabet = [
      'a',
      'Z',
      ' ',
      '_',
      '9',
      'я',
      'Ё',
      '€',
      '😀',
      '𝔘',
      '\ud83d',
      '-',
      '.',
      '#',
      'é',
      '٣',
      'İ',
      'ß',
      '\u0301',
    ];
    const random = randomTexts(3, alphabet, 15);
    for (let i = 0; i < 20_000; i++) {
      const text = random();
      expect(splitWords(text)).toEqual(reference(text));
    }
  });
});
