import { describe, expect, it } from 'vitest';
import { matchesQuery, parseQuery, QueryParseError, type WireTweet, type WireUser } from './x-api/index.js';

const AUTHOR: WireUser = { id: '42', name: 'Ann', username: 'AnnDev', verified: true };

function tw(text: string, extra: Partial<WireTweet> = {}): WireTweet {
  return { id: '1', text, author_id: '42', lang: 'en', ...extra };
}

function m(query: string, tweet: WireTweet | string, author: WireUser | undefined = AUTHOR): boolean {
  return matchesQuery(parseQuery(query), typeof tweet === 'string' ? tw(tweet) : tweet, author);
}

function parseError(query: string): QueryParseError {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof QueryParseError) return e;
    throw e;
  }
  throw new Error(`expected a parse error for ${query}`);
}

describe('parseQuery', () => {
  it('builds AND for spaces and binds AND tighter than OR', () => {
    expect(parseQuery('a b OR c')).toEqual({
      type: 'or',
      children: [
        {
          type: 'and',
          children: [
            { type: 'keyword', raw: 'a', words: ['a'] },
            { type: 'keyword', raw: 'b', words: ['b'] },
          ],
        },
        { type: 'keyword', raw: 'c', words: ['c'] },
      ],
    });
  });

  it('parses nested groups, negated groups and operators', () => {
    const ast = parseQuery('(job OR vacancy) -(intern OR "unpaid role") from:Acme -is:retweet lang:EN');
    expect(ast).toMatchObject({
      type: 'and',
      children: [
        { type: 'or' },
        {
          type: 'not',
          child: {
            type: 'or',
            children: [{ type: 'keyword' }, { type: 'phrase', words: ['unpaid', 'role'] }],
          },
        },
        { type: 'from', user: 'acme' },
        { type: 'not', child: { type: 'is', what: 'retweet' } },
        { type: 'lang', code: 'en' },
      ],
    });
  });

  it('parses url: with and without quotes, hashtags and mentions', () => {
    expect(parseQuery('url:"example.com/jobs" #Hiring @Ann_Dev')).toMatchObject({
      type: 'and',
      children: [
        { type: 'url', value: 'example.com/jobs' },
        { type: 'hashtag', tag: 'hiring' },
        { type: 'mention', username: 'ann_dev' },
      ],
    });
    expect(parseQuery('url:example.com')).toEqual({ type: 'url', value: 'example.com' });
  });

  it.each([
    ['', 'Empty query'],
    ['   ', 'Empty query'],
    ['(a OR b', 'Missing closing parenthesis'],
    ['a OR b)', "missing EOF at ')'"],
    ['((a)', 'Missing closing parenthesis'],
    ['"open phrase', 'Missing closing quote'],
    ['a OR', 'Empty clause'],
    ['OR a', "no viable alternative at input 'OR'"],
    ['a ()', "no viable alternative at input ')'"],
    ['foo:bar baz', "Reference to invalid operator 'foo'"],
    ['kestrel is:polls', "Reference to invalid operator 'is:polls'"],
    ['-spam', 'Rules must contain at least one positive, non-stopword clause'],
    ['lang:en -is:retweet', 'is/has/lang cannot be used as a standalone operator'],
  ])('rejects %j', (query, reason) => {
    const e = parseError(query);
    expect(e.reason).toBe(reason);
    expect(e.message).toMatch(/\(at position \d+\)$/);
  });

  it('reports 1-based positions like X', () => {
    expect(parseError('a OR b)').position).toBe(7);
    expect(parseError('x (a OR b').position).toBe(3);
  });
});

describe('matchesQuery', () => {
  it('matches keywords as whole word tokens, case-insensitively', () => {
    expect(m('rust', 'Learning RUST today')).toBe(true);
    expect(m('rust', 'rusty nails')).toBe(false);
    expect(m('rust', 'rust-lang, #Rust!')).toBe(true);
    expect(m('c++', 'I write C++ daily')).toBe(true);
    expect(m('node_js', 'node_js rocks')).toBe(true);
  });

  it('applies precedence: a b OR c = (a AND b) OR c', () => {
    expect(m('a b OR c', 'c')).toBe(true);
    expect(m('a b OR c', 'a')).toBe(false);
    expect(m('a b OR c', 'b a')).toBe(true);
    expect(m('a (b OR c)', 'c')).toBe(false);
    expect(m('a (b OR c)', 'a c')).toBe(true);
  });

  it('handles nesting and negation of groups', () => {
    const q = '(job OR vacancy) (rust OR (go -golang)) -(intern OR junior)';
    expect(m(q, 'Rust job opening')).toBe(true);
    expect(m(q, 'vacancy: Go developer')).toBe(true);
    expect(m(q, 'vacancy: Go golang developer')).toBe(false);
    expect(m(q, 'Rust job for a junior')).toBe(false);
    expect(m(q, 'Rust talk')).toBe(false);
  });

  it('matches quoted phrases as consecutive tokens', () => {
    expect(m('"remote job"', 'Great REMOTE   job!')).toBe(true);
    expect(m('"remote job"', 'job is remote')).toBe(false);
    expect(m('"remote job"', 'remote, job')).toBe(true);
    expect(m('-"remote job" hiring', 'hiring remote job')).toBe(false);
  });

  it('matches Cyrillic text', () => {
    expect(m('вакансия', 'Открыта ВАКАНСИЯ: разработчик')).toBe(true);
    expect(m('вакансия', 'вакансии нет')).toBe(false);
    expect(m('"удалённая работа"', 'Ищем: Удалённая работа, Rust')).toBe(true);
    expect(m('#вакансия', 'новая #Вакансия')).toBe(true);
    expect(m('работа -стажировка', 'работа и стажировка')).toBe(false);
  });

  it('distinguishes #hashtag and @mention from plain words', () => {
    expect(m('#rust', 'I love rust')).toBe(false);
    expect(m('#rust', 'I love #Rust')).toBe(true);
    expect(
      m('#rust', tw('no tag in text', { entities: { hashtags: [{ start: 0, end: 5, tag: 'Rust' }] } })),
    ).toBe(true);
    expect(m('@annDev', 'thanks @AnnDev!')).toBe(true);
    expect(m('@anndev', 'mail anndev')).toBe(false);
    expect(m('#rust', 'a#rust')).toBe(false);
  });

  it('evaluates from:, lang:, is:, has:, url:, conversation_id:', () => {
    expect(m('hello from:anndev', 'hello')).toBe(true);
    expect(m('hello from:someone', 'hello')).toBe(false);
    expect(m('hello from:42', 'hello')).toBe(true);
    expect(m('hello lang:de', 'hello')).toBe(false);
    const rt = tw('RT hello', { referenced_tweets: [{ type: 'retweeted', id: '9' }] });
    const reply = tw('hello', { referenced_tweets: [{ type: 'replied_to', id: '9' }] });
    const quote = tw('hello', { referenced_tweets: [{ type: 'quoted', id: '9' }] });
    expect([rt, reply, quote].map((t) => m('hello -is:retweet', t))).toEqual([false, true, true]);
    expect([rt, reply, quote].map((t) => m('hello is:reply', t))).toEqual([false, true, false]);
    expect([rt, reply, quote].map((t) => m('hello is:quote', t))).toEqual([false, false, true]);
    expect(m('hello is:verified', 'hello')).toBe(true);
    expect(m('hello is:verified', tw('hello'), { ...AUTHOR, verified: false })).toBe(false);
    expect(m('hello has:links', 'hello https://t.co/x')).toBe(true);
    expect(m('hello has:links', 'hello')).toBe(false);
    const withUrl = tw('hello https://t.co/abc', {
      entities: {
        urls: [{ start: 6, end: 22, url: 'https://t.co/abc', expanded_url: 'https://jobs.Example.com/x' }],
      },
    });
    expect(m('hello url:"example.com"', withUrl)).toBe(true);
    expect(m('hello url:other.org', withUrl)).toBe(false);
    expect(m('hello url:example.org', 'hello see example.org')).toBe(true);
    expect(m('hello conversation_id:7', tw('hello', { conversation_id: '7' }))).toBe(true);
  });

  it('handles the implicit AND and negated operators together', () => {
    const q = '(hiring OR "we are hiring") rust -is:retweet -from:spambot lang:en';
    expect(m(q, 'We are hiring Rust devs')).toBe(true);
    expect(m(q, tw('We are hiring Rust devs', { lang: 'ru' }))).toBe(false);
    expect(m(q, tw('hiring rust'), { id: '43', name: 'S', username: 'SpamBot' })).toBe(false);
  });
});
