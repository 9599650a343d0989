/**
 * Compiles brand specs into the lookup tables the brand matcher scans with: a map from every accepted
 * word form to the alias patterns starting with it, plus the keys used inside @handles, #hashtags and
 * domains. Built once per matcher; matching then needs no allocation beyond the tokens of one text.
 */
import { isAcronym, partForms } from './brand-forms.js';

/** A brand: its name plus the aliases a user naturally types; `exclude` lists phrases that do not count. */
export interface BrandSpec {
  name: string;
  aliases: string[];
  exclude?: string[];
}

/** One alias (or exclusion) as a sequence of parts; each part is the set of word forms it accepts. */
export interface AliasPattern {
  brand: number;
  exclusion: boolean;
  parts: ReadonlySet<string>[];
}

/** A lower-case key searched for inside handles, hashtags or domain names. */
export interface BrandKey {
  key: string;
  brand: number;
  exclusion: boolean;
}

/** The compiled tables. */
export interface BrandTables {
  names: readonly string[];
  /** Word form → patterns whose first part accepts it. */
  first: ReadonlyMap<string, readonly AliasPattern[]>;
  /** One-letter deletions of the forms of one-word aliases of {@link MIN_FUZZY}+ letters → their patterns. */
  fuzzy: ReadonlyMap<string, readonly AliasPattern[]>;
  /** Word lengths that can be one typo from a {@link fuzzy} key (a key's length or one more). */
  fuzzyLengths: ReadonlySet<number>;
  /** One-word aliases of {@link MIN_GLUED}+ letters, found at the start of a longer word (a missing space). */
  gluedKeys: readonly BrandKey[];
  /** Joined Latin alias keys (yandex, sberbank, tele2, alfabank) for @handles. */
  handleKeys: readonly BrandKey[];
  /** Joined alias keys of at least {@link MIN_EMBEDDED_KEY} letters, found anywhere inside a #hashtag. */
  hashtagKeys: readonly BrandKey[];
  /** Acronyms of 3+ capitals (МТС, ВТБ) as typed, found in capitals at either end of a #hashtag (#МТСквест, #люблюМТС). */
  capitalKeys: readonly BrandKey[];
  /** Aliases typed as `@handle`: matched only as that exact handle. */
  handles: ReadonlyMap<string, readonly number[]>;
  /** Aliases typed as `#tag`: matched only as that exact hashtag. */
  hashtags: ReadonlyMap<string, readonly number[]>;
  /** Aliases typed as a domain (`yandex.ru`, `ya.ru`): matched as that host or its subdomains. */
  domains: readonly BrandKey[];
}

/** Shortest alias key looked for inside a longer hashtag (#велобилайн) or as a handle prefix (@megafonru). */
export const MIN_EMBEDDED_KEY = 5;

/** Shortest one-word alias that also matches with one typo (Райфайзенг, Газромбанк): one letter added, dropped or changed. */
export const MIN_FUZZY = 9;
/** Shortest one-word alias matched at the start of a longer word: long names are distinctive enough. */
export const MIN_GLUED = 10;

/** Shortest half of a one-word alias written as two words. */
const MIN_SPLIT = 4;
const DOMAIN_ALIAS = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/;
const TYPED_PART = /[\p{Script=Cyrillic}\p{M}]+|[\p{Script=Latin}\p{M}]+|\p{N}+/gu;

/** Lower case and ё→е, as the matcher normalises text. */
export function normalizeForBrands(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}

/** Builds the matcher's tables from brand specs. Empty aliases are ignored. */
export function compileBrands(brands: readonly BrandSpec[]): BrandTables {
  const first = new Map<string, AliasPattern[]>();
  const handleKeys: BrandKey[] = [];
  const hashtagKeys: BrandKey[] = [];
  const handles = new Map<string, number[]>();
  const hashtags = new Map<string, number[]>();
  const domains: BrandKey[] = [];
  const capitalKeys: BrandKey[] = [];
  const gluedKeys: BrandKey[] = [];
  const seenKeys = new Set<string>();

  const addPattern = (brand: number, exclusion: boolean, parts: string[][]): void => {
    const pattern: AliasPattern = { brand, exclusion, parts: parts.map((forms) => new Set(forms)) };
    for (const form of parts[0] ?? []) {
      const list = first.get(form);
      if (list === undefined) first.set(form, [pattern]);
      else list.push(pattern);
    }
  };
  const fuzzy = new Map<string, AliasPattern[]>();
  const addFuzzy = (brand: number, forms: string[]): void => {
    const pattern: AliasPattern = { brand, exclusion: false, parts: [new Set(forms)] };
    for (const form of forms) {
      for (const variant of deletions(form)) {
        const list = fuzzy.get(variant);
        if (list === undefined) fuzzy.set(variant, [pattern]);
        else if (!list.includes(pattern)) list.push(pattern);
      }
    }
  };
  const addKey = (list: BrandKey[], key: string, brand: number, exclusion: boolean): void => {
    const kind = list === handleKeys ? 'h' : list === hashtagKeys ? 't' : list === gluedKeys ? 'g' : 'c';
    const id = `${kind}|${brand}|${exclusion}|${key}`;
    if (seenKeys.has(id)) return;
    seenKeys.add(id);
    list.push({ key, brand, exclusion });
  };
  const addPhrase = (brand: number, exclusion: boolean, typed: string): void => {
    const trimmed = typed.trim();
    if (trimmed === '') return;
    const norm = normalizeForBrands(trimmed);
    if (trimmed.startsWith('@') && !exclusion) {
      pushTo(handles, norm.slice(1), brand);
      return;
    }
    if (trimmed.startsWith('#') && !exclusion) {
      pushTo(hashtags, norm.slice(1), brand);
      return;
    }
    if (DOMAIN_ALIAS.test(norm) && !exclusion) {
      domains.push({ key: norm.replace(/^www\./, ''), brand, exclusion });
      return;
    }
    const typedParts = trimmed.match(TYPED_PART) ?? [];
    if (typedParts.length === 0) return;
    const single = typedParts.length === 1;
    const forms = (typed: string, plural: boolean): string[] =>
      partForms(normalizeForBrands(typed), { acronym: isAcronym(typed), lenient: exclusion, plural });
    addPattern(
      brand,
      exclusion,
      typedParts.map((p) => forms(p, single)),
    );
    const joined = normalizeForBrands(typedParts.join(''));
    if (single && !exclusion && joined.length >= MIN_FUZZY && /^\p{L}+$/u.test(joined)) {
      addFuzzy(brand, forms(trimmed, true));
    }
    if (single && !exclusion && joined.length >= MIN_GLUED && /^\p{L}+$/u.test(joined)) {
      addKey(gluedKeys, joined, brand, false);
    }
    const oneScript = /^(?:\p{Script=Cyrillic}+|\p{Script=Latin}+)$/u.test(joined);
    const lastTyped = typedParts.at(-1) ?? '';
    if (!single && oneScript) {
      // Hyphenated or spaced names are also written joined (Альфабанк, #банкмосквы): inflect the last part.
      const head = normalizeForBrands(typedParts.slice(0, -1).join(''));
      addPattern(brand, exclusion, [forms(lastTyped, false).map((t) => head + t)]);
    }
    if (single && oneScript && !isAcronym(lastTyped)) {
      // Long compound names are also written apart (Газпром банк, Райффайзен банке): both halves 4+ letters.
      for (let i = MIN_SPLIT; i <= joined.length - MIN_SPLIT; i++) {
        addPattern(brand, exclusion, [[joined.slice(0, i)], forms(lastTyped.slice(i), false)]);
      }
    }
    if (/^[a-z0-9]+$/.test(joined) && /[a-z]/.test(joined)) addKey(handleKeys, joined, brand, exclusion);
    if (joined.length >= MIN_EMBEDDED_KEY && /^\p{L}+$/u.test(joined))
      addKey(hashtagKeys, joined, brand, exclusion);
    if (single && !exclusion && joined.length >= 3 && /^(?:[А-ЯЁ]+|[A-Z]+)$/u.test(trimmed)) {
      addKey(capitalKeys, trimmed, brand, false);
    }
  };

  brands.forEach((spec, brand) => {
    for (const alias of spec.aliases) addPhrase(brand, false, alias);
    for (const phrase of spec.exclude ?? []) addPhrase(brand, true, phrase);
  });
  return {
    names: brands.map((b) => b.name),
    first,
    fuzzy,
    fuzzyLengths: new Set([...fuzzy.keys()].flatMap((k) => [k.length, k.length + 1])),
    gluedKeys,
    handleKeys,
    hashtagKeys,
    capitalKeys,
    handles,
    hashtags,
    domains,
  };
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** The word itself and every string made by deleting one of its letters. */
export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
