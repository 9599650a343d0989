/**
 * Brand matcher: finds where a text mentions a brand, given only the aliases a user naturally types.
 *
 * What counts as a mention (one rule per token kind, see `brand-scan.ts` for the tokens):
 * - Words: an alias in any of its Russian case forms (Яндекса, о Сбербанке, Альфы, Билайном; a closed list
 *   of endings by final letter, see `brand-forms.ts`), case- and ё/е-insensitive. Latin words and numbers
 *   match exactly, also before a possessive (Yandex's); Russian acronyms take a hyphenated ending (МТС-а,
 *   ВК-шный) and, with 3+ letters, colloquial glued ones (МТСа, мтсовский); ВТБ24 counts as ВТБ. Multi-word aliases match their parts in order,
 *   each part inflected, separated by spaces, a hyphen or a dot, or written joined (Альфа-Банк, Альфа банке,
 *   Альфабанк). A word that merely starts with a shorter alias (сбережения, билайнер, vkus) never matches.
 * - @handles: the alias as the whole handle or an `_`-separated piece (@ru_mts, @alfa_bank), followed by
 *   digits or a short suffix (@mtsru, @vtb_news), or — for aliases of 6+ letters — any handle starting with it
 *   (@megafonhelp). Cyrillic aliases never match handles; transliterations must be listed.
 * - #hashtags: the tag's words join the text's words (#сбербанка, #vtb24, #Альфа-банк, #альфа_банк,
 *   #банкмосквы); a tag containing an alias of 5+ letters (#велобилайн) or starting/ending with a capitalised
 *   acronym (#МТСквест, #люблюМТС, not #МТСБУ) matches as a whole.
 * - URLs and bare domains: a label of the host name (sberbank.ru, www.sberbank-ast.ru, vk.com); URL paths are
 *   ignored. An alias typed as a domain (ya.ru) matches only that host and its subdomains.
 * - One-word aliases of 9+ letters also match with one typo (Райфайзенбанк, Газромбанк), and long one-word
 *   names written as two words with both halves of 4+ letters (Газпром банк, Райффайзен банке). One-word
 *   aliases of 10+ letters also match at the start of a word 3+ letters longer: the space after them is
 *   missing (райфайзенбанкаваль); shorter names are not distinctive enough for that (сбережения).
 *
 * Spans: a word mention spans the alias as written, with its ending (product compounds such as Яндекс.Такси
 * or Сбер Онлайн give the brand part only: «Яндекс», «Сбер»), from the # when it starts a hashtag; a handle,
 * a whole-hashtag match and a host match span the whole token (`@sberbank_ru`, `#велобилайн`,
 * `https://www.sberbank.ru/ru`). Offsets are UTF-16 into the original text.
 * A brand's spans never overlap (the longest wins); spans inside one of its `exclude` phrases are dropped.
 */
import {
  type BrandSpec,
  type BrandTables,
  compileBrands,
  deletions,
  MIN_FUZZY,
  MIN_GLUED,
  normalizeForBrands,
} from './brand-compile.js';
import { HANDLE, HASHTAG, isPartGap, scanText, scanWords, WORD } from './brand-scan.js';

export type { BrandSpec } from './brand-compile.js';

/** One mention of a brand. */
export interface BrandSpan {
  /** The `BrandSpec.name` of the brand mentioned. */
  brand: string;
  /** UTF-16 offset of the first character, into the original text. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  /** `text.slice(start, end)`. */
  surface: string;
}

/** Where the tweet names a brand's own account (`@sberbank`), as the features want them. */
export function handlesOf(spans: readonly BrandSpan[]): number[] {
  const out: number[] = [];
  for (const s of spans) if (s.surface.startsWith('@')) out.push(s.start);
  return out;
}

/** A compiled matcher for a fixed list of brands. */
export interface BrandMatcher {
  /** All brand mentions in `text`, ordered by start offset. */
  match(text: string): BrandSpan[];
}

/** Suffixes brands add to a short name in their handles (@mtsru, @vtb_news, @vk24). */
const HANDLE_SUFFIX =
  /^(?:\d*|_.*|ru|rus|russia|rf|help|support|news|official|team|care|pr|press|media|kz|ua|by|uz|kg|am|az|ge|md|tj|spb|msk)$/;
const MIN_PREFIX_KEY = 6;

interface Candidate {
  brand: number;
  start: number;
  end: number;
  exclusion: boolean;
}

/** Compiles a matcher for `brands`. Compilation is the expensive part: build it once and reuse it. */
export function createBrandMatcher(brands: readonly BrandSpec[]): BrandMatcher {
  const tables = compileBrands(brands);
  return { match: (text) => matchBrands(tables, text) };
}

/** Scratch for one call of {@link matchBrands}: scanned tokens, word runs (start, end, span start), pairs. */
const tokens: number[] = [];
const words: number[] = [];
const pairs: number[] = [];
/** Where the next collected word's span starts when a hashtag has just begun (its #), else -1. */
let spanStart = -1;

function matchBrands(t: BrandTables, text: string): BrandSpan[] {
  let norm = normalizeForBrands(text);
  if (norm.length !== text.length) norm = normalizePerChar(text);
  const found: Candidate[] = [];
  tokens.length = 0;
  words.length = 0;
  spanStart = -1;
  scanText(norm, tokens);
  for (let s = 0; s < tokens.length; s += 5) {
    const kind = tokens[s]!;
    if (kind === WORD) collect(tokens[s + 1]!, tokens[s + 2]!);
    else if (kind === HASHTAG) {
      // A hashtag's words join the text's words (#Альфа-банк), its first word spanning from the #.
      spanStart = tokens[s + 1]!;
      collectWords(norm, tokens[s + 3]!, tokens[s + 4]!);
    }
  }
  runWords(t, norm, 0, 0, false, found);
  // Handles, hashtags and host names: their own rules; words inside handles and hosts span the whole token.
  for (let s = 0; s < tokens.length; s += 5) {
    const code = tokens[s]!;
    if (code === WORD) continue;
    const start = tokens[s + 1]!;
    const end = tokens[s + 2]!;
    const inStart = tokens[s + 3]!;
    const inEnd = tokens[s + 4]!;
    if (code === HASHTAG) {
      matchHashtag(t, text, norm.slice(inStart, inEnd), start, end, found);
      continue;
    }
    if (code === HANDLE) matchHandle(t, norm.slice(inStart, inEnd), start, end, found);
    else matchHost(t, norm.slice(inStart, inEnd), start, end, found);
    collectWords(norm, inStart, inEnd);
    runWords(t, norm, start, end, true, found);
  }
  return resolve(t, text, found);
}

function collect(start: number, end: number): void {
  words.push(start, end, spanStart >= 0 ? spanStart : start);
  spanStart = -1;
}

function collectWords(norm: string, from: number, to: number): void {
  pairs.length = 0;
  scanWords(norm, from, to, pairs);
  for (let p = 0; p < pairs.length; p += 2) collect(pairs[p]!, pairs[p + 1]!);
}

/** Matches the collected word runs against the aliases, then forgets them. */
function runWords(
  t: BrandTables,
  norm: string,
  wholeStart: number,
  wholeEnd: number,
  asWhole: boolean,
  found: Candidate[],
): void {
  const count = words.length / 3;
  for (let i = 0; i < count; i++) {
    const end = words[3 * i + 1]!;
    const word = norm.slice(words[3 * i], end);
    const patterns = t.first.get(word);
    if (patterns === undefined) {
      if (word.length >= MIN_FUZZY - 1 && t.fuzzyLengths.has(word.length)) {
        matchFuzzy(t, word, words[3 * i + 2]!, end, found);
      }
      if (word.length >= MIN_GLUED + MIN_GLUED_REST)
        matchGlued(t, word, words[3 * i]!, words[3 * i + 2]!, found);
      continue;
    }
    for (const p of patterns) {
      let j = i + 1;
      let k = 1;
      while (k < p.parts.length && j < count && isPartGap(norm, words[3 * j - 2]!, words[3 * j + 2]!)) {
        if (!p.parts[k]!.has(norm.slice(words[3 * j], words[3 * j + 1]))) break;
        j++;
        k++;
      }
      if (k < p.parts.length) continue;
      const start = asWhole ? wholeStart : words[3 * i + 2]!;
      found.push({
        brand: p.brand,
        start,
        end: asWhole ? wholeEnd : words[3 * j - 2]!,
        exclusion: p.exclusion,
      });
    }
  }
  words.length = 0;
}

/** Letters a glued word must have after the alias: fewer is an ending (Райффайзенбанка), not another word. */
const MIN_GLUED_REST = 3;

/** A long one-word alias at the start of a longer word, the space before the next word missing (райфайзенбанкаваль). */
function matchGlued(
  t: BrandTables,
  word: string,
  wordStart: number,
  spanStart: number,
  found: Candidate[],
): void {
  for (const k of t.gluedKeys) {
    if (word.length - k.key.length >= MIN_GLUED_REST && word.startsWith(k.key)) {
      found.push({ brand: k.brand, start: spanStart, end: wordStart + k.key.length, exclusion: false });
    }
  }
}

/** A word one typo away from a form of a long one-word alias (checked only when it matched nothing exactly). */
function matchFuzzy(t: BrandTables, word: string, start: number, end: number, found: Candidate[]): void {
  for (const brand of fuzzyBrands(t, word)) found.push({ brand, start, end, exclusion: false });
}

const FUZZY_CACHE_MAX = 50_000;
const fuzzyCaches = new WeakMap<BrandTables, Map<string, readonly number[]>>();
const NO_BRANDS: readonly number[] = [];

/** The brands a word is one typo from, in the order found; cached per matcher and word. */
function fuzzyBrands(t: BrandTables, word: string): readonly number[] {
  let cache = fuzzyCaches.get(t);
  if (cache === undefined) {
    cache = new Map();
    fuzzyCaches.set(t, cache);
  }
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const seen: number[] = [];
  if (/^\p{L}+$/u.test(word)) {
    for (const variant of deletions(word)) {
      for (const p of t.fuzzy.get(variant) ?? []) if (!seen.includes(p.brand)) seen.push(p.brand);
    }
  }
  const brands = seen.length === 0 ? NO_BRANDS : seen;
  if (cache.size >= FUZZY_CACHE_MAX) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(word, brands);
  return brands;
}

function matchHost(t: BrandTables, hostName: string, start: number, end: number, found: Candidate[]): void {
  if (t.domains.length === 0) return;
  const host = hostName.startsWith('www.') ? hostName.slice(4) : hostName;
  for (const d of t.domains) {
    if (host === d.key || host.endsWith(`.${d.key}`))
      found.push({ brand: d.brand, start, end, exclusion: false });
  }
}

function matchHandle(t: BrandTables, body: string, start: number, end: number, found: Candidate[]): void {
  for (const brand of t.handles.get(body) ?? []) found.push({ brand, start, end, exclusion: false });
  const flat = body.includes('_') ? body.replaceAll('_', '') : body;
  for (const k of t.handleKeys) {
    if (!flat.startsWith(k.key)) continue;
    const rest = body.startsWith(k.key) ? body.slice(k.key.length) : flat.slice(k.key.length);
    if (k.key.length >= MIN_PREFIX_KEY || HANDLE_SUFFIX.test(rest)) {
      found.push({ brand: k.brand, start, end, exclusion: k.exclusion });
    }
  }
}

function matchHashtag(
  t: BrandTables,
  text: string,
  body: string,
  start: number,
  end: number,
  found: Candidate[],
): void {
  for (const brand of t.hashtags.get(body) ?? []) found.push({ brand, start, end, exclusion: false });
  for (const k of t.hashtagKeys) {
    if (body.includes(k.key)) found.push({ brand: k.brand, start, end, exclusion: k.exclusion });
  }
  for (const k of t.capitalKeys) {
    if (capitalAtEdge(text, start + 1, end, k.key))
      found.push({ brand: k.brand, start, end, exclusion: false });
  }
}

/** True when `key` (capitals) starts or ends the original hashtag body `[from, to)` as a camel-case word. */
function capitalAtEdge(text: string, from: number, to: number, key: string): boolean {
  if (to - from <= key.length) return false;
  if (text.startsWith(key, from)) {
    const next = text[from + key.length] ?? '';
    const after = text[from + key.length + 1] ?? '';
    if (!isUpper(next) || isLower(after)) return true;
  }
  return text.startsWith(key, to - key.length) && !isUpper(text[to - key.length - 1] ?? '');
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase();
}

/** Per brand: drop spans inside an exclusion, then keep the longest of overlapping spans. */
function resolve(t: BrandTables, text: string, found: Candidate[]): BrandSpan[] {
  if (found.length === 0) return [];
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.brand - b.brand);
  const out: BrandSpan[] = [];
  const lastEnd = new Map<number, number>();
  for (const c of found) {
    if (c.exclusion) continue;
    if ((lastEnd.get(c.brand) ?? -1) > c.start) continue;
    const excluded = found.some(
      (x) => x.exclusion && x.brand === c.brand && x.start <= c.start && c.end <= x.end,
    );
    if (excluded) continue;
    lastEnd.set(c.brand, c.end);
    out.push({ brand: t.names[c.brand]!, start: c.start, end: c.end, surface: text.slice(c.start, c.end) });
  }
  return out;
}

/** Lower-cases character by character, keeping any character whose lower case changes length. */
function normalizePerChar(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? (lower === 'ё' ? 'е' : lower) : ch;
  }
  return out;
}
