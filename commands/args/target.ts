/**
 * What `/mentions` reports on (a configured brand, an @handle, a word or phrase, or any other query), and the
 * resolver that tells which configured brand a word or words name (by name, alias, inflected form or domain).
 */
import { type BrandMatcher, type BrandSpec, createBrandMatcher } from '../../src/classify/brands.js';
import { foldForSearch } from '../../src/store/fold.js';

/** What to look for. */
export type Target =
  /** A configured brand watch: its stored mentions. `input` is what was typed. */
  | { kind: 'brand'; brand: string; input: string }
  /** Tweets mentioning an account: `handle` is without the @, lower case. */
  | { kind: 'handle'; handle: string; input: string }
  /** A word (`words.length === 1`) or a phrase: full-text search. */
  | { kind: 'text'; words: string[]; input: string }
  /** Any other query (OR, exclusions, filters…); `input` is the query written back in its syntax. */
  | { kind: 'query'; input: string };

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
