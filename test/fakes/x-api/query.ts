import type { WireTweet, WireUser } from './wire-types.js';

/** A node of a parsed X search query. Keyword/phrase values are lower-cased word tokens. */
export type QueryNode =
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  | { type: 'keyword'; raw: string; words: string[] }
  | { type: 'phrase'; raw: string; words: string[] }
  | { type: 'hashtag'; tag: string }
  | { type: 'mention'; username: string }
  | { type: 'from'; user: string }
  | { type: 'lang'; code: string }
  | { type: 'is'; what: 'retweet' | 'reply' | 'quote' | 'verified' }
  | { type: 'has'; what: 'links' | 'media' | 'hashtags' | 'mentions' }
  | { type: 'url'; value: string }
  | { type: 'conversation_id'; id: string };

/** Thrown for a query X would reject; `position` is 1-based like X's "(at position N)". */
export class QueryParseError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} (at position ${position})`);
    this.name = 'QueryParseError';
  }
}

const WORD = /[\p{L}\p{N}\p{Mn}\p{Mc}_]+/gu;
const IS_VALUES = new Set(['retweet', 'reply', 'quote', 'verified']);
const HAS_VALUES = new Set(['links', 'media', 'hashtags', 'mentions']);
const VALUED_OPERATORS = new Set(['from', 'lang', 'url', 'conversation_id', 'is', 'has']);
/** Operators X refuses to accept on their own ("conjunction required"). */
const NOT_STANDALONE = new Set(['is', 'has', 'lang']);

/** Split text into lower-cased word tokens (Unicode letters, digits, marks, underscore). */
export function wordTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'or' | 'and'; pos: number }
  | { kind: 'word'; text: string; pos: number; negated: boolean; quoted: boolean };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (start: number): { text: string; end: number } => {
    const close = q.indexOf('"', start + 1);
    if (close < 0) throw new QueryParseError('Missing closing quote', start + 1);
    return { text: q.slice(start + 1, close), end: close + 1 };
  };
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', pos: i + 1 });
      i++;
    } else {
      const pos = i + 1;
      const negated = c === '-' && i + 1 < q.length && !/\s/u.test(q[i + 1]!);
      if (negated) i++;
      if (q[i] === '(') {
        // "-(" : negated group; emit a marker word the parser understands.
        tokens.push({ kind: 'word', text: '', pos, negated: true, quoted: false });
        continue;
      }
      if (q[i] === '"') {
        const { text, end } = readQuoted(i);
        tokens.push({ kind: 'word', text, pos, negated, quoted: true });
        i = end;
        continue;
      }
      let text = '';
      while (i < q.length && !/[\s()]/u.test(q[i]!)) {
        if (q[i] === '"' && text.endsWith(':')) {
          const { text: inner, end } = readQuoted(i);
          text += inner;
          i = end;
          continue;
        }
        if (q[i] === '"') throw new QueryParseError(`no viable alternative at character '"'`, i + 1);
        text += q[i];
        i++;
      }
      if (!negated && text === 'OR') tokens.push({ kind: 'or', pos });
      else if (!negated && text === 'AND') tokens.push({ kind: 'and', pos });
      else tokens.push({ kind: 'word', text, pos, negated, quoted: false });
    }
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): QueryNode {
    const node = this.parseOr();
    const extra = this.tokens[this.i];
    if (extra)
      throw new QueryParseError(`missing EOF at '${extra.kind === 'rparen' ? ')' : 'OR'}'`, extra.pos);
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.tokens[this.i]?.kind === 'or') {
      this.i++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children: QueryNode[] = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || t.kind === 'rparen' || t.kind === 'or') break;
      if (t.kind === 'and') {
        this.i++;
        continue;
      }
      children.push(this.parseUnary());
    }
    if (children.length === 0) {
      const t = this.tokens[this.i];
      const pos = t?.pos ?? (this.tokens.at(-1)?.pos ?? 0) + 1;
      throw new QueryParseError(
        t ? `no viable alternative at input '${t.kind === 'or' ? 'OR' : ')'}'` : 'Empty clause',
        pos,
      );
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private parseUnary(): QueryNode {
    const t = this.tokens[this.i]!;
    if (t.kind === 'lparen') return this.parseGroup();
    if (t.kind !== 'word') throw new QueryParseError('Unexpected token', t.pos);
    this.i++;
    if (t.negated && t.text === '' && !t.quoted) return { type: 'not', child: this.parseGroup() };
    const node = t.quoted ? phrase(t.text) : term(t.text, t.pos);
    return t.negated ? { type: 'not', child: node } : node;
  }

  private parseGroup(): QueryNode {
    const open = this.tokens[this.i]!;
    this.i++;
    const inner = this.parseOr();
    if (this.tokens[this.i]?.kind !== 'rparen')
      throw new QueryParseError('Missing closing parenthesis', open.pos);
    this.i++;
    return inner;
  }
}

function phrase(raw: string): QueryNode {
  return { type: 'phrase', raw, words: wordTokens(raw) };
}

function term(text: string, pos: number): QueryNode {
  const op = /^([a-z_]+):(.+)$/i.exec(text);
  if (op) {
    const name = op[1]!.toLowerCase();
    const value = op[2]!;
    if (!VALUED_OPERATORS.has(name))
      throw new QueryParseError(`Reference to invalid operator '${name}'`, pos);
    const lower = value.toLowerCase();
    switch (name) {
      case 'from':
        return { type: 'from', user: lower.replace(/^@/, '') };
      case 'lang':
        return { type: 'lang', code: lower };
      case 'url':
        return { type: 'url', value: lower };
      case 'conversation_id':
        return { type: 'conversation_id', id: value };
      case 'is':
        if (!IS_VALUES.has(lower))
          throw new QueryParseError(`Reference to invalid operator 'is:${value}'`, pos);
        return { type: 'is', what: lower as 'retweet' };
      default:
        if (!HAS_VALUES.has(lower))
          throw new QueryParseError(`Reference to invalid operator 'has:${value}'`, pos);
        return { type: 'has', what: lower as 'links' };
    }
  }
  if (/^[#＃][\p{L}\p{N}_]+$/u.test(text)) return { type: 'hashtag', tag: text.slice(1).toLowerCase() };
  if (/^@\w{1,15}$/u.test(text)) return { type: 'mention', username: text.slice(1).toLowerCase() };
  return { type: 'keyword', raw: text.toLowerCase(), words: wordTokens(text) };
}

/** True when the node (outside negation) contains a clause X accepts on its own. */
function hasPositiveStandalone(node: QueryNode): boolean {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children.some(hasPositiveStandalone);
    case 'not':
      return false;
    default:
      return !NOT_STANDALONE.has(node.type);
  }
}

/**
 * Parse an X search query into an AST. AND (space) binds tighter than OR, as X documents.
 * Throws {@link QueryParseError} for what X answers with 400 (unbalanced parentheses or quotes,
 * empty query, unknown operators, queries made only of negations or of is:/has:/lang:).
 */
export function parseQuery(q: string): QueryNode {
  const tokens = tokenize(q);
  if (tokens.length === 0) throw new QueryParseError('Empty query', 1);
  const ast = new Parser(tokens).parseAll();
  if (!hasPositiveStandalone(ast)) {
    const reason = containsPositive(ast)
      ? 'is/has/lang cannot be used as a standalone operator'
      : 'Rules must contain at least one positive, non-stopword clause';
    throw new QueryParseError(reason, 1);
  }
  return ast;
}

function containsPositive(node: QueryNode): boolean {
  if (node.type === 'not') return false;
  if (node.type === 'and' || node.type === 'or') return node.children.some(containsPositive);
  return true;
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function prefixedTokens(text: string, prefix: RegExp): Set<string> {
  const out = new Set<string>();
  for (const m of text.normalize('NFC').toLowerCase().matchAll(prefix)) out.add(m[1]!);
  return out;
}

function hasRef(tweet: WireTweet, type: string): boolean {
  return (tweet.referenced_tweets ?? []).some((r) => r.type === type);
}

/**
 * Evaluate a parsed query against one wire tweet and its author (needed for `from:` and `is:verified`).
 * Semantics follow the task brief: case-insensitive word-token matching; see {@link wordTokens}.
 */
export function matchesQuery(ast: QueryNode, tweet: WireTweet, author?: WireUser): boolean {
  // X matches a long post on all of it, not the first 280 characters that `text` carries.
  const text = tweet.note_tweet?.text ?? tweet.text;
  let words: string[] | undefined;
  const getWords = (): string[] => {
    words ??= wordTokens(text);
    return words;
  };
  const urls = tweet.entities?.urls ?? [];
  const evaluate = (node: QueryNode): boolean => {
    switch (node.type) {
      case 'and':
        return node.children.every(evaluate);
      case 'or':
        return node.children.some(evaluate);
      case 'not':
        return !evaluate(node.child);
      case 'keyword':
        if (node.words.length === 0) return text.toLowerCase().includes(node.raw);
        return containsSequence(getWords(), node.words);
      case 'phrase':
        return containsSequence(getWords(), node.words);
      case 'hashtag':
        return (
          prefixedTokens(text, /(?<![\p{L}\p{N}_])[#＃]([\p{L}\p{N}\p{Mn}\p{Mc}_]+)/gu).has(node.tag) ||
          (tweet.entities?.hashtags ?? []).some((h) => h.tag.toLowerCase() === node.tag)
        );
      case 'mention':
        return (
          prefixedTokens(text, /(?<![\p{L}\p{N}_])@(\w{1,15})/gu).has(node.username) ||
          (tweet.entities?.mentions ?? []).some((m) => m.username.toLowerCase() === node.username)
        );
      case 'from':
        return author?.username.toLowerCase() === node.user || tweet.author_id === node.user;
      case 'lang':
        return tweet.lang?.toLowerCase() === node.code;
      case 'is':
        if (node.what === 'verified') return author?.verified === true;
        return hasRef(tweet, { retweet: 'retweeted', reply: 'replied_to', quote: 'quoted' }[node.what]);
      case 'has':
        if (node.what === 'links') return urls.length > 0 || /https?:\/\//i.test(text);
        if (node.what === 'media') return (tweet.attachments?.media_keys?.length ?? 0) > 0;
        if (node.what === 'hashtags') return evaluateHas(tweet.entities?.hashtags, /(^|[^\w])#\w/u, text);
        return evaluateHas(tweet.entities?.mentions, /(^|[^\w])@\w/u, text);
      case 'url': {
        // "A tokenized match on any validly-formatted URL": url:"ya.ru" finds mail.ya.ru, not maya.ru.
        const wanted = wordTokens(node.value);
        return (
          urls.some((u) =>
            [u.expanded_url, u.display_url, u.unwound_url, u.url].some(
              (v) => v !== undefined && containsSequence(wordTokens(v), wanted),
            ),
          ) || containsSequence(getWords(), wanted)
        );
      }
      case 'conversation_id':
        return tweet.conversation_id === node.id;
    }
  };
  return evaluate(ast);
}

function evaluateHas(entities: unknown[] | undefined, pattern: RegExp, text: string): boolean {
  return (entities?.length ?? 0) > 0 || pattern.test(text);
}
