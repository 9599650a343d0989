/**
 * The query parser's refusals (operator and position, both languages) and its properties: random queries
 * round-trip through their text, random text never makes the parser, SQL or FTS5 throw, and random queries
 * over the corpus find what the independent evaluator finds.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketEdges } from '../../commands/args/period.js';
import { formatQuery, isMatcher, leavesOf, type QueryNode } from '../../src/query/ast.js';
import { parseQuery } from '../../src/query/parse.js';
import { describeProblem } from '../../src/query/problems.js';
import { createMentionQueries, type MentionQueries } from '../../src/store/mention-queries.js';
import { CORPUS, evaluate, NOW, resolveBrand, storeCorpus } from './corpus.js';

const DAY = 86_400_000;
let queries: MentionQueries;
let keyOf: Map<string, string>;

beforeAll(() => {
  const stored = storeCorpus();
  keyOf = stored.keyOf;
  queries = createMentionQueries(stored.db);
});

/** Query → the problem and the position (1-based) it names. */
const REFUSALS: [query: string, kind: string, at: number, operator: string][] = [
  ['яндекс OR', 'dangling_or', 8, 'OR'],
  ['OR сбер', 'dangling_or', 1, 'OR'],
  ['a OR OR b', 'dangling_or', 3, 'OR'],
  ['(a OR) b', 'dangling_or', 4, 'OR'],
  ['(яндекс сбер', 'unclosed_paren', 1, '('],
  ['a (b (c)', 'unclosed_paren', 3, '('],
  ['яндекс) сбер', 'stray_close', 7, ')'],
  ['a () b', 'empty_group', 3, '()'],
  ['"code review', 'unclosed_quote', 1, '"'],
  ['golang «rust', 'unclosed_quote', 8, '«'],
  ['яндекс - такси', 'dangling_minus', 8, '-'],
  ['a -', 'dangling_minus', 3, '-'],
  ['-такси', 'only_filters', 1, '-такси'],
  ['lang:ru', 'only_filters', 1, 'lang:ru'],
  ['is:reply -golang', 'only_filters', 1, 'is:reply'],
  ['golang OR -rust', 'only_filters', 11, '-rust'],
  ['url:vk.com jobs', 'unsupported', 1, 'url:'],
  ['golang has:media', 'unsupported', 8, 'has:'],
  ['to:kate hi', 'unsupported', 1, 'to:'],
  ['яндекс since:2026-11-01', 'unsupported', 8, 'since:'],
  ['$TSLA', 'unsupported', 1, '$'],
  ['NOT такси', 'not_word', 1, 'NOT'],
  ['golang lang:de', 'bad_lang', 8, 'lang:de'],
  ['golang is:retweet', 'bad_is', 8, 'is:retweet'],
  ['from:@ golang', 'bad_handle', 1, 'from:@'],
  ['@kate-backend', 'bad_handle', 1, '@kate-backend'],
  ['from:averyveryverylonghandle x', 'bad_handle', 1, 'from:averyveryverylonghandle'],
  ['# golang', 'bad_hashtag', 1, '#'],
  ['яндекс 14d', 'bad_period', 8, '14d'],
  ['яндекс 2н', 'bad_period', 8, '2н'],
  ['(яндекс 7d)', 'period_inside', 9, '7d'],
  ['яндекс -7d', 'period_inside', 9, '7d'],
  ['яндекс 7d 30d', 'second_period', 11, '30d'],
  ['a from 2026-11-31 to 2026-12-01', 'bad_date', 8, '2026-11-31'],
  ['a from 2026-11-20 to 2026-11-01', 'date_order', 8, '2026-11-20 to 2026-11-01'],
  ['a from 2026-11-01 until 2026-11-20', 'bad_date', 3, 'from'],
  ['((((((a))))))', 'too_deep', 6, '('],
  ['', 'nothing', 1, ''],
  ['!!! ***', 'nothing', 1, ''],
];

describe('refusals', () => {
  it.each(REFUSALS)('%s → %s at %i', (query, kind, at, operator) => {
    const parsed = parseQuery(query, { resolveBrand });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatchObject({ kind, at, operator });
    const message = describeProblem(parsed.problem);
    if (operator && !['(', ')', '"', '«', '-', 'OR', '()'].includes(operator)) {
      expect(message.en).toContain(`"${operator}" at position ${at}`);
      expect(message.ru).toContain(`«${operator}» (позиция ${at})`);
    } else if (kind !== 'nothing') {
      expect(message.en).toContain(`position ${at}`);
      expect(message.ru).toMatch(new RegExp(`позици[яи] ${at}\\b`));
    }
    expect(message.ru).toMatch(/\p{Script=Cyrillic}/u);
  });

  it('refuses queries longer than X takes, and more than 30 terms', () => {
    expect(parseQuery('a'.repeat(513))).toMatchObject({ ok: false, problem: { kind: 'too_long' } });
    expect(parseQuery(Array.from({ length: 31 }, (_, i) => `w${i}`).join(' '))).toMatchObject({
      ok: false,
      problem: { kind: 'too_long', at: 30 * 4 - 9 },
    });
  });

  it('reads FTS5 and SQL syntax as text', () => {
    for (const [text, words] of [
      ['NEAR(a b)', 'near a b'],
      ['"a* OR b"', 'a or b'],
      ["'; DROP TABLE tweets;", 'drop table tweets'],
      ['col:value', 'col value'],
      ['^start', 'start'],
    ] as const) {
      const parsed = parseQuery(text);
      expect(parsed.ok, text).toBe(true);
      if (!parsed.ok) continue;
      expect(formatQuery(parsed.query.root).replaceAll('"', '')).toBe(words);
    }
  });
});

const WORDS = [
  'яндекс',
  'такси',
  'вакансия',
  'golang',
  'rust',
  'code',
  'review',
  'кофе',
  'елка',
  'near',
  'or',
  'and',
  'the',
];
const HANDLES = ['kate', 'kate_backend', 'anna', 'boris'];

/** Random query trees over the corpus vocabulary, in the shape the parser produces (flat AND/OR). */
function nodeArb(brands: boolean): fc.Arbitrary<QueryNode> {
  const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
    fc.record({ type: fc.constant('word' as const), word: fc.constantFrom(...WORDS), exact: fc.boolean() }),
    fc.record({
      type: fc.constant('phrase' as const),
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({ type: fc.constant('mention' as const), handle: fc.constantFrom(...HANDLES) }),
    fc.record({
      type: fc.constant('hashtag' as const),
      tag: fc.constantFrom('typescript', 'typescripttips', 'кофе'),
    }),
    fc.record({ type: fc.constant('from' as const), handle: fc.constantFrom(...HANDLES) }),
    fc.record({ type: fc.constant('lang' as const), lang: fc.constantFrom('ru' as const, 'en' as const) }),
    fc.constant({ type: 'reply' as const }),
    ...(brands
      ? [
          fc.constantFrom<QueryNode>(
            { type: 'brand', brand: 'Yandex', input: 'яндекса' },
            { type: 'brand', brand: 'Sber', input: 'sber' },
          ),
        ]
      : []),
  );
  const tree = fc.letrec<{ node: QueryNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ type: fc.constant('not' as const), item: tie('node') }),
      fc.record({
        type: fc.constant('and' as const),
        items: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({
        type: fc.constant('or' as const),
        items: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
      }),
    ),
  })).node;
  return tree.map(normalize).filter(valid);
}

/** As the parser builds trees: nested AND in AND and OR in OR are one level. */
function normalize(node: QueryNode): QueryNode {
  if (node.type === 'not') return { type: 'not', item: normalize(node.item) };
  if (node.type === 'and' || node.type === 'or') {
    const items = node.items.map(normalize).flatMap((n) => (n.type === node.type ? n.items : [n]));
    return { type: node.type, items };
  }
  return node;
}

/** What the parser accepts: every OR branch and the whole query find something on their own. */
function valid(node: QueryNode): boolean {
  const ok = (n: QueryNode): boolean => {
    if (n.type === 'or') return n.items.every((i) => isMatcher(i) && ok(i));
    if (n.type === 'and') return n.items.every(ok);
    if (n.type === 'not') return ok(n.item);
    return true;
  };
  // A bare word that names a brand is read as the brand: only quoted, it is the word.
  const unambiguous = leavesOf(node).every(
    (n) => n.type !== 'word' || n.exact || resolveBrand(n.word) === null,
  );
  return isMatcher(node) && ok(node) && unambiguous && JSON.stringify(node).length < 600;
}

describe('properties', () => {
  it('a random query round-trips through its text', () => {
    fc.assert(
      fc.property(nodeArb(true), (node) => {
        const parsed = parseQuery(formatQuery(node), { resolveBrand });
        expect(parsed.ok && parsed.query.root).toEqual(node);
      }),
      { numRuns: 400 },
    );
  });

  it('random text never makes the parser, SQL or FTS5 throw', () => {
    const pieces = [
      '"',
      '«',
      '»',
      '(',
      ')',
      '-',
      '*',
      '^',
      ':',
      "'",
      ';',
      'OR',
      'AND',
      'NOT',
      'NEAR',
      'from:',
      'lang:',
      'is:',
      '@',
      '#',
      '$',
      '7d',
      'from 2026-11-01 to 2026-11-20',
      'яндекс',
      'ёлка',
      'golang',
      '\\',
      '%',
      '_',
      '\u0000',
      '\u202e',
      '🙂',
      ' ',
      ' ',
      'a',
      'б',
      '1',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        const parsed = parseQuery(text, { resolveBrand });
        if (!parsed.ok) return;
        const from = NOW - 30 * DAY;
        [...queries.rows(parsed.query.root, from, NOW, 100)];
        queries.summarize(
          { kind: 'query', root: parsed.query.root },
          { from, to: NOW, edges: bucketEdges(from, NOW, 'day', 'Asia/Kathmandu') },
        );
      }),
      { numRuns: 500 },
    );
  });

  it('random queries find in SQL exactly what the evaluator finds in the corpus', () => {
    fc.assert(
      fc.property(nodeArb(true), (node) => {
        const ids = new Set(
          [...queries.rows(node, NOW - 30 * DAY, NOW, 1000)].map((r) => keyOf.get(r.tweetId)),
        );
        const expected = CORPUS.filter((c) => c.hoursAgo <= 30 * 24 && evaluate(node, c)).map((c) => c.key);
        expect(CORPUS.filter((c) => ids.has(c.key)).map((c) => c.key)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
