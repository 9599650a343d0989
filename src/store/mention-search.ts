/**
 * A parsed query ({@link QueryNode}) as one SQL statement over the stored tweets. User text only ever reaches
 * SQL as bound parameters and FTS5 only as quoted strings ({@link ftsString}), so no query can make either
 * throw. The statement reads candidates from the narrowest index the query allows (the full-text index for
 * words and phrases, a brand's mention rows, an author's tweets), then checks the rest of the query on them.
 * Full-text rowids are search keys ({@link searchKey}): a period is a rowid range, and `lang:` and `is:reply`
 * are read from the key.
 */
import { isMatcher, type QueryNode } from '../query/ast.js';
import type { Db } from './database.js';
import { ftsString } from './mention-fts.js';
import {
  KEY_MINUTE_MS,
  keyAfter,
  keyIsReply,
  langOfKeyIs,
  minuteKey,
  minuteOfKey,
  seqOfKey,
} from './search-key.js';

/** SQL text and its named parameters. */
export interface CompiledSearch {
  /** `FROM …` of the matched rows as `x` (tweet_facts), with `t` (tweets) joined when needed or asked for. */
  from: string;
  /** `WHERE …` of the matches. */
  where: string;
  params: Record<string, string | number>;
  /** Every inflected form searched, beside the words as typed. */
  forms: string[];
  /** SQL: the minute (since 1970) a row was created in: from its search key, else from `x`. */
  minute: string;
  /**
   * When the full-text index alone decides the query (words, phrases, `lang:`, `is:reply`): `FROM …` and
   * `WHERE …` over `tweets_fts f` only, for tweets in whole minutes `[@keyLo, @keyHi)` (counting without
   * reading a tweet's row). Null when a match needs `x` or `t`.
   */
  byKey: { from: string; where: string } | null;
}

/** The word forms to search with a word (the word first), from the index's vocabulary. */
export type WordForms = (word: string) => string[];

interface State {
  params: Record<string, string | number>;
  forms: string[];
  wordForms: WordForms;
  tweets: boolean;
}

/** Compiles `root` for tweets created in `[@lo, @hi)`, bound with {@link periodParams}. */
export function compileSearch(
  root: QueryNode,
  wordForms: WordForms,
  options: { tweets?: boolean } = {},
): CompiledSearch {
  const state: State = { params: {}, forms: [], wordForms, tweets: options.tweets ?? false };
  const conjuncts = root.type === 'and' ? root.items : [root];
  const text = conjuncts.filter((n) => ftsable(n) && n.type !== 'not');
  if (text.length > 0) {
    const negatives = conjuncts.filter((n) => n.type === 'not' && ftsable(n));
    const positive = text.map((n) => fts(n, state)).join(' AND ');
    const match =
      negatives.length === 0
        ? positive
        : `(${positive}) NOT (${negatives.map((n) => fts((n as { item: QueryNode }).item, state)).join(' OR ')})`;
    const rest = conjuncts.filter((n) => !text.includes(n) && !negatives.includes(n));
    const byKey = rest.map(keySql);
    const where = [
      `tweets_fts MATCH ${param(state, match)}`,
      'f.rowid >= @keyLo',
      'f.rowid < @keyHi',
      ...rest.map((n, i) => byKey[i] ?? sql(n, state)),
    ];
    const compiled = finish(
      `tweets_fts f CROSS JOIN tweet_facts x ON x.seq = ${seqOfKey('f.rowid')}`,
      where,
      state,
      minuteOfKey('f.rowid'),
    );
    const indexOnly = !state.tweets && byKey.every((c) => c !== null);
    if (!indexOnly) return compiled;
    return { ...compiled, byKey: { from: 'FROM tweets_fts f', where: `WHERE ${where.join(' AND ')}` } };
  }
  const lead = pickLead(conjuncts);
  const rest = conjuncts.filter((n) => n !== lead || !exactCandidates(n));
  return finish(
    `(${candidates(lead, state)}) c CROSS JOIN tweet_facts x ON x.seq = c.seq`,
    rest.map((n) => sql(n, state)),
    state,
    `(x.created_at / ${KEY_MINUTE_MS})`,
  );
}

/** The parameters a compiled search is bound with for tweets created in `[lo, hi)`: the times and their keys. */
export function periodParams(lo: number, hi: number): Record<string, number | bigint> {
  return { lo, hi, keyLo: minuteKey(lo), keyHi: keyAfter(hi) };
}

function finish(driver: string, where: string[], state: State, minute: string): CompiledSearch {
  const join = state.tweets ? ' CROSS JOIN tweets t ON t.seq = x.seq' : '';
  const conditions = ['x.created_at >= @lo', 'x.created_at < @hi', ...where];
  return {
    from: `FROM ${driver}${join}`,
    where: `WHERE ${conditions.join(' AND ')}`,
    params: state.params,
    forms: state.forms,
    minute,
    byKey: null,
  };
}

/** A filter read from the search key `f.rowid` (language, reply, and any AND/OR/NOT of them), else null. */
function keySql(node: QueryNode): string | null {
  switch (node.type) {
    case 'lang':
      return langOfKeyIs('f.rowid', node.lang);
    case 'reply':
      return keyIsReply('f.rowid');
    case 'not': {
      const inner = keySql(node.item);
      return inner === null ? null : `NOT (${inner})`;
    }
    case 'and':
    case 'or': {
      const parts = node.items.map(keySql);
      if (parts.some((p) => p === null)) return null;
      return `(${parts.join(node.type === 'and' ? ' AND ' : ' OR ')})`;
    }
    default:
      return null;
  }
}

/** Brands and authors are the narrowest candidates; an OR of matchers is their union. */
function pickLead(conjuncts: readonly QueryNode[]): QueryNode {
  const order = ['brand', 'from', 'mention', 'hashtag', 'or', 'and'];
  const matchers = conjuncts.filter(isMatcher);
  matchers.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  return matchers[0] as QueryNode;
}

function exactCandidates(node: QueryNode): boolean {
  return node.type === 'brand' || node.type === 'from' || ftsable(node);
}

/** A subquery of seqs `AS seq` holding every match of `node` in the period (maybe more). */
function candidates(node: QueryNode, state: State): string {
  if (ftsable(node)) {
    return `SELECT ${seqOfKey('rowid')} AS seq FROM tweets_fts WHERE tweets_fts MATCH ${param(state, fts(node, state))} AND rowid >= @keyLo AND rowid < @keyHi`;
  }
  switch (node.type) {
    case 'brand':
      return `SELECT tweet_seq AS seq FROM brand_mention_tweets WHERE brand = ${param(state, node.brand)} AND created_at >= @lo AND created_at < @hi`;
    case 'from':
      return `SELECT seq FROM tweets WHERE author_id IN (SELECT id FROM authors WHERE username = ${param(state, node.handle)} COLLATE NOCASE) AND created_at >= @lo AND created_at < @hi`;
    case 'mention':
      return candidates({ type: 'phrase', words: splitName(node.handle) }, state);
    case 'hashtag':
      return candidates({ type: 'phrase', words: splitName(node.tag) }, state);
    case 'or':
      return node.items.map((n) => candidates(n, state)).join(' UNION ');
    case 'and':
      return candidates(pickLead(node.items), state);
    default:
      throw new Error(`no candidates for ${node.type}`);
  }
}

/** A boolean SQL expression over `x` (and `t`) for a node. */
function sql(node: QueryNode, state: State): string {
  if (ftsable(node) && node.type !== 'not') {
    // An IN list is built once per statement; a correlated EXISTS would search the index once per row (8× slower).
    return `x.seq IN (SELECT ${seqOfKey('rowid')} FROM tweets_fts WHERE tweets_fts MATCH ${param(state, fts(node, state))} AND rowid >= @keyLo AND rowid < @keyHi)`;
  }
  switch (node.type) {
    case 'brand':
      return `EXISTS (SELECT 1 FROM brand_mention_tweets b WHERE b.tweet_seq = x.seq AND b.brand = ${param(state, node.brand)})`;
    case 'from':
      return `x.author_id IN (SELECT id FROM authors WHERE username = ${param(state, node.handle)} COLLATE NOCASE)`;
    case 'mention':
      state.tweets = true;
      return `kestrel_has_handle(t.text, t.mentions, ${param(state, node.handle)})`;
    case 'hashtag':
      state.tweets = true;
      return `kestrel_has_tag(t.text, t.hashtags, ${param(state, node.tag)})`;
    case 'lang':
      return `x.lang = ${param(state, node.lang)}`;
    case 'reply':
      return 'x.reply = 1';
    case 'not':
      return `NOT (${sql(node.item, state)})`;
    case 'and':
      return `(${node.items.map((n) => sql(n, state)).join(' AND ')})`;
    case 'or':
      return `(${node.items.map((n) => sql(n, state)).join(' OR ')})`;
    default:
      throw new Error(`no SQL for ${node.type}`);
  }
}

/** Whether a node is text only, and so one FTS5 expression: words, phrases, and AND/OR/NOT of them. */
function ftsable(node: QueryNode): boolean {
  switch (node.type) {
    case 'word':
    case 'phrase':
      return true;
    case 'not':
      return node.item.type !== 'not' && ftsable(node.item);
    case 'or':
      return node.items.every((n) => ftsable(n) && n.type !== 'not');
    case 'and':
      return node.items.every(ftsable) && node.items.some((n) => n.type !== 'not');
    default:
      return false;
  }
}

/** The FTS5 expression of a text-only node; every word or phrase is a quoted FTS5 string. */
function fts(node: QueryNode, state: State): string {
  switch (node.type) {
    case 'word': {
      const forms = node.exact ? [node.word] : state.wordForms(node.word);
      for (const f of forms) if (f !== node.word && !state.forms.includes(f)) state.forms.push(f);
      return forms.length === 1 ? ftsString(node.word) : `(${forms.map(ftsString).join(' OR ')})`;
    }
    case 'phrase':
      return ftsString(node.words.join(' '));
    case 'or':
      return `(${node.items.map((n) => fts(n, state)).join(' OR ')})`;
    case 'and': {
      const positive = node.items.filter((n) => n.type !== 'not').map((n) => fts(n, state));
      const negative = node.items.flatMap((n) => (n.type === 'not' ? [fts(n.item, state)] : []));
      const all = `(${positive.join(' AND ')})`;
      return negative.length === 0 ? all : `(${all} NOT (${negative.join(' OR ')}))`;
    }
    default:
      throw new Error(`not a text node: ${node.type}`);
  }
}

function param(state: State, value: string | number): string {
  const name = `p${Object.keys(state.params).length}`;
  state.params[name] = value;
  return `@${name}`;
}

/** `kate_backend` → kate, backend: how the full-text index splits an account or a tag. */
function splitName(name: string): string[] {
  return name.split(/[^\p{L}\p{N}\p{M}]+/u).filter((w) => w.length > 0);
}

const HANDLE_CHAR = /[A-Za-z0-9_]/;
const TAG_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Registers the exact checks the compiled SQL calls: `kestrel_has_handle(text, mentions_json, handle)` (the
 * account among X's mention entities, or `@handle` in the text not followed by another handle character) and
 * `kestrel_has_tag(text, hashtags_json, tag)` the same way for hashtags (tag folded like the index).
 */
export function registerSearchFunctions(db: Db): void {
  db.function('kestrel_has_handle', { deterministic: true }, (text, mentions, handle) =>
    hasName(String(text ?? ''), String(mentions ?? '[]'), String(handle ?? ''), '@', HANDLE_CHAR, (s) =>
      s.toLowerCase(),
    ),
  );
  db.function('kestrel_has_tag', { deterministic: true }, (text, tags, tag) =>
    hasName(String(text ?? ''), String(tags ?? '[]'), String(tag ?? ''), '#', TAG_CHAR, fold),
  );
}

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replaceAll('ё', 'е');
}

function hasName(
  text: string,
  listJson: string,
  name: string,
  sigil: string,
  nameChar: RegExp,
  norm: (s: string) => string,
): 0 | 1 {
  if (name.length === 0) return 0;
  try {
    const list = JSON.parse(listJson) as unknown;
    if (Array.isArray(list) && list.some((v) => typeof v === 'string' && norm(v) === name)) return 1;
  } catch {
    // A malformed list is no list: the text is still read below.
  }
  const haystack = norm(text);
  const needle = sigil + name;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = at > 0 ? (haystack[at - 1] as string) : '';
    const after = haystack.slice(at + needle.length, at + needle.length + 2);
    const afterChar = [...after][0] ?? '';
    if (!(before && nameChar.test(before)) && !(afterChar && nameChar.test(afterChar))) return 1;
  }
  return 0;
}
