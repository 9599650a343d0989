/**
 * The "what" argument of `/mentions` and similar commands: a configured brand (by name, alias, inflected
 * form, @handle or domain), an @handle, a word, or a "quoted phrase"; and the argument tokenizer they share.
 */
import { type BrandMatcher, type BrandSpec, createBrandMatcher } from '../../src/classify/brands.js';
import { foldForSearch } from '../../src/store/fold.js';

/** One argument: a run of non-space characters, or the inside of a pair of quotes ("…", «…», “…”). */
export interface ArgToken {
  text: string;
  quoted: boolean;
}

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const TOKEN = /"([^"]*)"|«([^»]*)»|“([^”]*)”|(\S+)/gu;

/** Splits command arguments into tokens; control and format characters become spaces. */
export function splitArgs(args: string): ArgToken[] {
  const clean = args.replace(CONTROL, ' ');
  const out: ArgToken[] = [];
  for (const m of clean.matchAll(TOKEN)) {
    const quoted = m[1] ?? m[2] ?? m[3];
    if (quoted !== undefined) out.push({ text: quoted.trim(), quoted: true });
    else if (m[4] !== undefined) out.push({ text: m[4], quoted: false });
  }
  return out.filter((t) => t.text.length > 0);
}

/** Words as the full-text index sees them: folded (NFKC, lower case, ё→е), runs of letters and digits. */
export function searchWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w.length > 0);
}

/** What to look for. */
export type Target =
  /** A configured brand watch: its stored mentions. `input` is what was typed. */
  | { kind: 'brand'; brand: string; input: string }
  /** Tweets mentioning an account: `handle` is without the @, lower case. */
  | { kind: 'handle'; handle: string; input: string }
  /** A word (`words.length === 1`) or a phrase: full-text search. */
  | { kind: 'text'; words: string[]; input: string };

const HANDLE = /^@(?=[A-Za-z0-9_]*[A-Za-z0-9])([A-Za-z0-9_]{1,15})$/;

/**
 * Reads a target from its text (one token or a phrase). Brands are tried first: the text equals a brand's
 * name or alias (case-, ё- and @-insensitively) or the brand matcher finds exactly that brand across the whole
 * text (Яндекса, #сбер, vk.com). Null when the text has no words at all.
 */
export function parseTarget(text: string, brands: BrandResolver): Target | null {
  const input = text.trim();
  const brand = brands.resolve(input);
  if (brand !== null) return { kind: 'brand', brand, input };
  const handle = HANDLE.exec(input);
  if (handle) return { kind: 'handle', handle: (handle[1] as string).toLowerCase(), input };
  const words = searchWords(input);
  return words.length === 0 ? null : { kind: 'text', words, input };
}

/** Finds which configured brand a text names. */
export interface BrandResolver {
  /** The brand's name, or null if the text is not (only) a brand. */
  resolve(text: string): string | null;
}

/** A resolver over `brands`; the matcher is compiled once per resolver. */
export function createBrandResolver(brands: readonly BrandSpec[]): BrandResolver {
  const byKey = new Map<string, string>();
  for (const b of brands) {
    for (const alias of [b.name, ...b.aliases]) {
      const key = brandKey(alias);
      if (key.length > 0 && !byKey.has(key)) byKey.set(key, b.name);
    }
  }
  let matcher: BrandMatcher | null = null;
  return {
    resolve(text) {
      const input = text.trim();
      if (input.length === 0) return null;
      const exact = byKey.get(brandKey(input));
      if (exact !== undefined) return exact;
      if (brands.length === 0) return null;
      matcher ??= createBrandMatcher(brands);
      const spans = matcher.match(input);
      const names = new Set(spans.map((s) => s.brand));
      if (names.size !== 1) return null;
      const covered = spans.some((s) => s.start === 0 && s.end === input.length);
      return covered ? (spans[0]?.brand ?? null) : null;
    },
  };
}

function brandKey(text: string): string {
  return foldForSearch(text.trim()).replace(/^[@#]/, '');
}
