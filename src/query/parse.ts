/**
 * The one query parser of `/mentions`, `/watch add topic` and `/jobs add`. X's precedence: terms side by side
 * must all match (AND) and bind tighter than OR; `-` excludes the term or group right after it. Everything a
 * user types is read as one of the {@link QueryNode}s or refused with a {@link QueryProblem} naming it and its
 * position: nothing here is passed on as syntax, so FTS5 operators (`NEAR`, `*`, `^`, `:`) are plain text.
 */
import { foldForSearch } from '../store/fold.js';
import { isMatcher, type ParsedQuery, type QueryNode, type QueryPeriod } from './ast.js';
import { lexQuery, type QueryToken } from './lex.js';
import type { QueryProblem } from './problems.js';

export interface ParseOptions {
  /** The configured brand a word or bare words name (by name, alias or case form), or null. */
  resolveBrand?: (text: string) => string | null;
  /** Whether a period may be typed (default true). */
  periods?: boolean;
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; problem: QueryProblem };

/** Longest query X's basic search tiers take, and the most terms and nesting read here. */
export const MAX_QUERY_LENGTH = 512;
const MAX_TERMS = 30;
const MAX_DEPTH = 5;
const MAX_BRAND_WORDS = 4;

/** X operators Kestrel does not read (named in the refusal so users know it is X syntax, just not here). */
const X_OPERATORS = new Set([
  'to',
  'url',
  'has',
  'place',
  'place_country',
  'point_radius',
  'bounding_box',
  'bio',
  'bio_name',
  'bio_location',
  'context',
  'entity',
  'conversation_id',
  'retweets_of',
  'retweets_of_tweet_id',
  'quotes_of_tweet_id',
  'in_reply_to_tweet_id',
  'list',
  'sample',
  'source',
  'since',
  'until',
  'since_id',
  'until_id',
  'min_faves',
  'min_retweets',
  'min_replies',
  'filter',
  'near',
  'within',
  'followers_count',
  'tweets_count',
  'following_count',
  'listed_count',
  'url_title',
  'url_description',
  'url_contains',
  'source',
]);

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const TAG = /^[\p{L}\p{N}\p{M}_]+$/u;
const OPERATOR = /^([A-Za-z_]+):(.*)$/su;
const PERIOD_LIKE = /^(\d+)\s*(h|d|w|m|ч|д|н|м)$/iu;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RANGE_FROM = new Set(['from', 'с']);
const RANGE_TO = new Set(['to', 'по', 'до']);
const PERIOD_KEYS: Record<string, '24h' | '7d' | '30d' | '90d'> = {
  '24h': '24h',
  '24ч': '24h',
  '1d': '24h',
  '1д': '24h',
  '7d': '7d',
  '7д': '7d',
  '1w': '7d',
  '1н': '7d',
  '30d': '30d',
  '30д': '30d',
  '1m': '30d',
  '1м': '30d',
  '90d': '90d',
  '90д': '90d',
  '3m': '90d',
  '3м': '90d',
};
const TRAILING_PUNCTUATION = /[.,;:!?…]+$/u;

/** Words as the full-text index reads them: folded, runs of letters, digits and combining marks. */
export function queryWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w.length > 0);
}

class Failure {
  constructor(readonly problem: QueryProblem) {}
}

interface Located {
  node: QueryNode;
  at: number;
  text: string;
}

/** Parses a query; never throws. */
export function parseQuery(text: string, options: ParseOptions = {}): ParseResult {
  if ([...text].length > MAX_QUERY_LENGTH) {
    return { ok: false, problem: { kind: 'too_long', operator: '', at: MAX_QUERY_LENGTH + 1 } };
  }
  const lexed = lexQuery(text);
  if ('problem' in lexed) return { ok: false, problem: lexed.problem };
  try {
    return { ok: true, query: new Parser(lexed.tokens, options).parse() };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, problem: error.problem };
    throw error;
  }
}

class Parser {
  private i = 0;
  private terms = 0;
  private period: QueryPeriod | null = null;

  constructor(
    private readonly tokens: readonly QueryToken[],
    private readonly options: ParseOptions,
  ) {}

  parse(): ParsedQuery {
    const root = this.or(0);
    const extra = this.tokens[this.i];
    if (extra) fail('stray_close', ')', extra.at);
    if (!root) fail('nothing', '', 1);
    checkMatchers(root);
    return { root: root.node, period: this.period };
  }

  private or(depth: number): Located | null {
    const items: Located[] = [];
    for (;;) {
      const and = this.and(depth);
      const next = this.tokens[this.i];
      if (next?.kind === 'bare' && next.text === 'OR') {
        const after = this.tokens[this.i + 1];
        if (!and || !after || after.kind === 'close' || (after.kind === 'bare' && after.text === 'OR')) {
          fail('dangling_or', 'OR', next.at);
        }
        items.push(and);
        this.i++;
        continue;
      }
      if (and) items.push(and);
      break;
    }
    if (items.length === 0) return null;
    if (items.length === 1) return items[0] as Located;
    for (const item of items) if (!isMatcher(item.node)) fail('only_filters', item.text, item.at);
    const first = items[0] as Located;
    return {
      node: { type: 'or', items: items.flatMap((x) => flat('or', x.node)) },
      at: first.at,
      text: first.text,
    };
  }

  private and(depth: number): Located | null {
    const items: Located[] = [];
    for (;;) {
      const token = this.tokens[this.i];
      if (!token || token.kind === 'close' || (token.kind === 'bare' && token.text === 'OR')) break;
      const brand = this.brandRun();
      if (brand) {
        items.push(brand);
        continue;
      }
      const unary = this.unary(depth, false);
      if (unary) items.push(unary);
    }
    if (items.length === 0) return null;
    if (items.length === 1) return items[0] as Located;
    const first = items[0] as Located;
    return {
      node: { type: 'and', items: items.flatMap((x) => flat('and', x.node)) },
      at: first.at,
      text: first.text,
    };
  }

  /** The longest run of bare words from here that names a configured brand (`альфа банк`, `Яндекса`). */
  private brandRun(): Located | null {
    const resolve = this.options.resolveBrand;
    if (!resolve) return null;
    const words: string[] = [];
    for (let k = this.i; k < this.tokens.length && words.length < MAX_BRAND_WORDS; k++) {
      const token = this.tokens[k] as QueryToken;
      if (token.kind !== 'bare' || !isPlainWord(token.text)) break;
      words.push(token.text);
    }
    for (let n = words.length; n >= 1; n--) {
      const input = words.slice(0, n).join(' ');
      const brand = resolve(input);
      if (brand !== null) {
        const at = (this.tokens[this.i] as QueryToken).at;
        this.i += n;
        this.count(at);
        return { node: { type: 'brand', brand, input }, at, text: input };
      }
    }
    return null;
  }

  private unary(depth: number, negated: boolean): Located | null {
    const token = this.tokens[this.i] as QueryToken;
    this.i++;
    switch (token.kind) {
      case 'minus': {
        const next = this.tokens[this.i];
        if (!next || next.kind === 'close') fail('dangling_minus', '-', token.at);
        const brand = next.kind === 'bare' ? this.brandRun() : null;
        const inner = brand ?? this.unary(depth, true);
        if (!inner) fail('dangling_minus', '-', token.at);
        return { node: { type: 'not', item: inner.node }, at: token.at, text: `-${inner.text}` };
      }
      case 'open': {
        if (depth + 1 > MAX_DEPTH) fail('too_deep', '(', token.at);
        const inner = this.or(depth + 1);
        const close = this.tokens[this.i];
        if (close?.kind !== 'close') fail('unclosed_paren', '(', token.at);
        this.i++;
        if (!inner) fail('empty_group', '()', token.at);
        return { ...inner, at: token.at };
      }
      case 'close':
        return fail('stray_close', ')', token.at);
      case 'quoted': {
        const words = queryWords(token.text);
        if (words.length === 0) return null;
        this.count(token.at);
        const node: QueryNode =
          words.length === 1
            ? { type: 'word', word: words[0] as string, exact: true }
            : { type: 'phrase', words };
        return { node, at: token.at, text: `"${token.text}"` };
      }
      case 'bare':
        return this.bare(token, depth, negated);
    }
  }

  private bare(token: { text: string; at: number }, depth: number, negated: boolean): Located | null {
    const { text, at } = token;
    if (text === 'AND') return null;
    if (text === 'NOT') fail('not_word', text, at);
    if (text === 'OR') fail('dangling_or', text, at);
    if (text === '-') fail('dangling_minus', text, at);
    const located = (node: QueryNode): Located => {
      this.count(at);
      return { node, at, text };
    };
    const period = this.periodAt(token, depth, negated);
    if (period) return null;
    const operator = OPERATOR.exec(text);
    if (operator) {
      const name = (operator[1] as string).toLowerCase();
      const value = operator[2] as string;
      if (name === 'from') {
        const handle = value.replace(/^@/, '').replace(TRAILING_PUNCTUATION, '');
        if (!HANDLE.test(handle)) fail('bad_handle', text, at);
        return located({ type: 'from', handle: handle.toLowerCase() });
      }
      if (name === 'lang') {
        const lang = value.toLowerCase();
        if (lang !== 'ru' && lang !== 'en') fail('bad_lang', text, at);
        return located({ type: 'lang', lang });
      }
      if (name === 'is') {
        if (value.toLowerCase() !== 'reply') fail('bad_is', text, at);
        return located({ type: 'reply' });
      }
      if (X_OPERATORS.has(name)) fail('unsupported', `${name}:`, at);
    }
    if (text.startsWith('@')) {
      const handle = text.slice(1).replace(TRAILING_PUNCTUATION, '');
      if (!HANDLE.test(handle)) fail('bad_handle', text, at);
      return located({ type: 'mention', handle: handle.toLowerCase() });
    }
    if (text.startsWith('#')) {
      const tag = foldForSearch(text.slice(1).replace(TRAILING_PUNCTUATION, ''));
      if (!TAG.test(tag)) fail('bad_hashtag', text, at);
      return located({ type: 'hashtag', tag });
    }
    if (/^\$\p{L}/u.test(text)) fail('unsupported', '$', at);
    const words = queryWords(text);
    if (words.length === 0) return null;
    return located(
      words.length === 1
        ? { type: 'word', word: words[0] as string, exact: false }
        : { type: 'phrase', words },
    );
  }

  /** Reads a period at this token (`7d`, `from 2026-11-01 to 2026-11-20`); true when one was read. */
  private periodAt(token: { text: string; at: number }, depth: number, negated: boolean): boolean {
    if (this.options.periods === false) return false;
    const lower = token.text.toLowerCase();
    let period: QueryPeriod | null = null;
    const shape = PERIOD_LIKE.exec(lower);
    if (shape) {
      const key = PERIOD_KEYS[lower.replace(/\s+/g, '')];
      if (!key) fail('bad_period', token.text, token.at);
      period = { kind: 'named', key, at: token.at, text: token.text };
    } else if (RANGE_FROM.has(lower) && this.tokens[this.i]?.kind === 'bare') {
      const from = this.tokens[this.i] as { text: string; at: number };
      if (!DATE.test(from.text)) return false;
      const to = this.tokens[this.i + 1];
      const end = this.tokens[this.i + 2];
      if (to?.kind !== 'bare' || !RANGE_TO.has(to.text.toLowerCase())) {
        fail('bad_date', token.text, token.at);
      }
      if (end?.kind !== 'bare' || !validDate(end.text))
        fail('bad_date', end?.kind === 'bare' ? end.text : to.text, end?.at ?? to.at);
      if (!validDate(from.text)) fail('bad_date', from.text, from.at);
      if (end.text < from.text) fail('date_order', `${from.text} ${to.text} ${end.text}`, from.at);
      this.i += 3;
      period = {
        kind: 'range',
        from: from.text,
        to: end.text,
        at: token.at,
        text: `${token.text} ${from.text} ${to.text} ${end.text}`,
      };
    } else return false;
    if (depth > 0 || negated) fail('period_inside', token.text, token.at);
    if (this.period) fail('second_period', token.text, token.at);
    this.period = period;
    return true;
  }

  private count(at: number): void {
    this.terms++;
    if (this.terms > MAX_TERMS) fail('too_long', '', at);
  }
}

function fail(kind: QueryProblem['kind'], operator: string, at: number): never {
  throw new Failure({ kind, operator, at });
}

function flat(type: 'and' | 'or', node: QueryNode): QueryNode[] {
  return node.type === type ? node.items : [node];
}

/** A bare token that is only a word or words (no operator, @, #, or period): a brand candidate. */
function isPlainWord(text: string): boolean {
  if (text === 'OR' || text === 'AND' || text === 'NOT') return false;
  if (/^[@#$]/u.test(text) || OPERATOR.test(text) || PERIOD_LIKE.test(text)) return false;
  return queryWords(text).length > 0;
}

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** The whole query must find something on its own: `lang:ru` or `-word` alone would mean "all stored tweets but…". */
function checkMatchers(root: Located): void {
  if (!isMatcher(root.node)) fail('only_filters', root.text, root.at);
}
