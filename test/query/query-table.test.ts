import { beforeAll, describe, expect, it } from 'vitest';
import { bucketEdges } from '../../commands/args/period.js';
import type { QueryNode } from '../../src/query/ast.js';
import { parseQuery } from '../../src/query/parse.js';
import type { Db } from '../../src/store/database.js';
import { createMentionQueries, type MentionQueries } from '../../src/store/mention-queries.js';
import { CORPUS, expectedKeys, NOW, resolveBrand, storeCorpus } from './corpus.js';

const DAY = 86_400_000;
let db: Db;
let queries: MentionQueries;
let keyOf: Map<string, string>;

beforeAll(() => {
  const stored = storeCorpus();
  db = stored.db;
  keyOf = stored.keyOf;
  queries = createMentionQueries(db);
});

const DAYS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;

function parse(text: string) {
  const parsed = parseQuery(text, { resolveBrand });
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem.kind} at ${parsed.problem.at}`);
  const period = parsed.query.period;
  return { root: parsed.query.root, days: period?.kind === 'named' ? DAYS[period.key] : 30 };
}

/** Corpus keys the store finds, in corpus order. */
function found(root: QueryNode, days: number): string[] {
  const ids = new Set(
    [...queries.rows(root, NOW - days * DAY, NOW, 10_000)].map((r) => keyOf.get(r.tweetId)),
  );
  return CORPUS.filter((c) => ids.has(c.key)).map((c) => c.key);
}

function summaryCount(root: QueryNode, days: number): number {
  const from = NOW - days * DAY;
  const filter =
    root.type === 'brand' ? { kind: 'brand' as const, brand: root.brand } : { kind: 'query' as const, root };
  return queries.summarize(filter, { from, to: NOW, edges: bucketEdges(from, NOW, 'day', 'UTC') }).count;
}

/** Query (default period 30d) → the corpus tweets it finds. */
const TABLE: [query: string, keys: string][] = [
  ['яндекс', 'r1 r2 r3 r15'],
  ['Яндекса', 'r1 r2 r3 r15'],
  ['yandex', 'r1 r2 r3 r15'],
  ['"яндекс"', 'r1 r2 r3'],
  ['яндекс -такси', 'r3 r15'],
  ['яндекс OR сбер', 'r1 r2 r3 r4 r15 e27'],
  ['сбер', 'r3 r4 e27'],
  ['сбербанк', 'r3 r4 e27'],
  ['сбер -вакансию', 'r3 e27'],
  ['такси', 'r1 r2 r23'],
  ['"такси"', 'r1 r2 r23'],
  ['вакансия', 'r4 r5 r6 r20'],
  ['вакансии', 'r4 r5 r6 r20'],
  ['вакансия backend', 'r4 r5'],
  ['вакансия -backend', 'r6 r20'],
  ['(rust OR golang) lang:ru', 'r6 r18 r20'],
  ['(rust OR golang) lang:en', 'e11 e17 e19 e28'],
  ['rust OR golang', 'r6 e11 e17 r18 e19 r20 e28'],
  ['golang -rust', 'r6 e11 e19 e28'],
  ['golang is:reply', 'e19'],
  ['golang -is:reply', 'r6 e11 e17 r18 e28'],
  ['такси is:reply', 'r23'],
  ['from:@kate', 'e8 r13 e14 e17 r22 e24 r26 e28'],
  ['from:kate_backend', 'e7 r20 e27'],
  ['from:@anna яндекс', 'r1 r3 r15'],
  ['from:@boris golang', 'r6 e11 e19'],
  ['from:@boris OR from:@anna', 'r1 r2 r3 r6 e9 e10 e11 e12 r15 e16 r18 e19 r23 e25'],
  ['@kate', 'e10'],
  ['@kate_backend', 'e11'],
  ['@kate OR @kate_backend', 'e10 e11'],
  ['-@kate golang', 'r6 e11 e17 r18 e19 e28'],
  ['#typescript', 'r13'],
  ['#TypeScript', 'r13'],
  ['#typescripttips', 'e14'],
  ['typescript', 'r13'],
  ['"code review"', 'e7'],
  ['"Code Review"', 'e7'],
  ['code review', 'e7 e9 e24'],
  ['code -review', 'e8'],
  ['"code review" OR "code reviews"', 'e7 e8'],
  ['review -"code review"', 'e9 e24'],
  ['NEAR', 'e16'],
  ['near office', 'e16'],
  ['"a OR b"', 'e16'],
  ['"NEAR(a b)"', ''],
  ['c++', 'e25'],
  ['vk.com', 'e25'],
  ['vk.com/jobs', 'e25'],
  ['елка', 'r15 r26'],
  ['ёлка', 'r15 r26'],
  ['"ёлка"', 'r15 r26'],
  ['кофе', 'r13 r22'],
  ['кофе 7d', 'r13'],
  ['кофе 30d', 'r13 r22'],
  ['яндекс 24h', 'r1 r15'],
  ['яндекс 90d', 'r1 r2 r3 r15 r21'],
  ['яндекс 7d', 'r1 r2 r3 r15'],
  ['сбер 7d', 'r3 r4 e27'],
  ['(яндекс OR сбер) -такси', 'r3 r4 r15 e27'],
  ['(яндекс -такси) OR (сбер -вакансию)', 'r3 r15 e27'],
  ['-(rust OR golang) вакансия', 'r4 r5'],
  ['lang:ru вакансия', 'r4 r5 r6 r20'],
  ['lang:en review', 'e7 e9 e24'],
  ['from:@anna lang:en', 'e10 e12'],
  ['golang AND meetup', 'e19'],
  ['(golang (meetup OR thread))', 'e11 e19'],
  ['яндекс сбер', 'r3'],
  ['sber -яндекс', 'r4 e27'],
  ['sber lang:en', 'e27'],
  ['"sber"', 'e27'],
  ['кофейник', 'r22'],
  ['#кофе', ''],
  ['-яндекс такси', 'r23'],
];

describe('the query table', () => {
  it('has at least 60 cases in both languages', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    expect(TABLE.filter(([q]) => /\p{Script=Cyrillic}/u.test(q)).length).toBeGreaterThanOrEqual(25);
    expect(TABLE.filter(([q]) => !/\p{Script=Cyrillic}/u.test(q)).length).toBeGreaterThanOrEqual(25);
  });

  it.each(TABLE)('%s', (query, keys) => {
    const { root, days } = parse(query);
    const expected = keys.split(' ').filter((k) => k.length > 0);
    expect(expectedKeys(root, days), 'independent evaluator').toEqual(expected);
    expect(found(root, days), 'SQL rows').toEqual(expected);
    expect(summaryCount(root, days), 'summary count').toBe(expected.length);
  });
});
