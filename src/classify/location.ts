/**
 * The vacancy location finder: the first gazetteer alias in a text, by lookup rather than by one regex of
 * a thousand alternatives. Every alias starts with a letter, so a match starts where a run of letters and
 * digits starts; the run, lower-cased, picks the few aliases whose first word it is, and only those are
 * tried there (a sticky regex, longest alias first, as the full alternation would try them).
 */
import gazetteer from './data/locations.json' with { type: 'json' };
import { toLower } from './normalize.js';

interface Place {
  ru: string;
  en: string;
}

const NB = '(?![\\p{L}\\d])';
const NA = '(?<![\\p{L}\\d])';

const escapeAlias = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/\s+/gu, '\\s+');
const fold = (s: string): string => s.toLowerCase().replace(/ё/gu, 'е').replace(/\s+/gu, ' ');
const PLACE_BY_ALIAS = new Map<string, Place>();
const EXACT_BY_ALIAS = new Map<string, Place>();
for (const loc of gazetteer.locations) {
  for (const a of loc.aliases) PLACE_BY_ALIAS.set(fold(a), loc);
  for (const a of loc.exact) EXACT_BY_ALIAS.set(a, loc);
}
const KEEP_AS_WRITTEN: ReadonlySet<string> = new Set(gazetteer.keepAsWritten);
const byLength = (a: string, b: string): number => b.length - a.length;
const alternation = (aliases: readonly string[]): string => aliases.map(escapeAlias).join('|');
const CYRILLIC = /\p{Script=Cyrillic}/u;

const ALIASES = [...PLACE_BY_ALIAS.keys()].sort(byLength);
const EXACTS = [...EXACT_BY_ALIAS.keys()].sort(byLength);
const FIRST_RUN = /^[\p{L}\d]+/u;

/** First run of an alias → a sticky regex of the aliases starting with it, in the order of `aliases`. */
function groupByFirstRun(aliases: readonly string[], flags: string, key: (run: string) => string) {
  const groups = new Map<string, string[]>();
  for (const alias of aliases) {
    const first = key(FIRST_RUN.exec(alias)?.[0] ?? '');
    const list = groups.get(first);
    if (list === undefined) groups.set(first, [alias]);
    else list.push(alias);
  }
  const out = new Map<string, RegExp>();
  for (const [first, list] of groups) out.set(first, new RegExp(`(?:${alternation(list)})${NB}`, flags));
  return out;
}

const ALIAS_GROUPS = groupByFirstRun(ALIASES, 'iuy', (run) => run.toLowerCase());
const EXACT_GROUPS = groupByFirstRun(EXACTS, 'uy', (run) => run);

let fullRegexes: { alias: RegExp; exact: RegExp } | null = null;

/** The whole-text regexes, for texts with letters whose case-insensitive matching is not plain lower case. */
function fullMatch(text: string): { match: string; exact: boolean } | null {
  fullRegexes ??= {
    alias: new RegExp(`${NA}(?:${alternation(ALIASES)})${NB}`, 'iu'),
    exact: new RegExp(`${NA}(?:${alternation(EXACTS)})${NB}`, 'u'),
  };
  const a = fullRegexes.alias.exec(text);
  const e = fullRegexes.exact.exec(text);
  const m = a && (!e || a.index <= e.index) ? a : e;
  return m ? { match: m[0], exact: m !== a } : null;
}

/**
 * The first alias (case-insensitive) or exact alias at the earliest position; an alias wins a tie. Runs of
 * letters and digits are looked up by their lower case; a letter outside basic Latin, Latin-1/Extended-A/B
 * and Cyrillic (ſ, ı, İ, Greek, astral letters…), whose case-insensitive matching is not plain lower-case
 * equality, sends the text to the full regexes instead.
 */
function firstMatch(text: string): { match: string; exact: boolean } | null {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const kind = charKind(text, i);
    if (kind === UNUSUAL) return fullMatch(text);
    if (kind !== RUN_CHAR) {
      i += kind === ASTRAL ? 2 : 1;
      continue;
    }
    let j = i + 1;
    for (; j < n; j++) {
      const next = charKind(text, j);
      if (next === UNUSUAL) return fullMatch(text);
      if (next !== RUN_CHAR) break;
    }
    const run = text.slice(i, j);
    const alias = ALIAS_GROUPS.get(toLower(run));
    if (alias !== undefined) {
      alias.lastIndex = i;
      const hit = alias.exec(text);
      if (hit) return { match: hit[0], exact: false };
    }
    const exact = EXACT_GROUPS.get(run);
    if (exact !== undefined) {
      exact.lastIndex = i;
      const hit = exact.exec(text);
      if (hit) return { match: hit[0], exact: true };
    }
    i = j;
  }
  return null;
}

const RUN_CHAR = 1;
const OTHER = 2;
const UNUSUAL = 3;
/** A surrogate pair that is not a letter (an emoji): skipped whole. */
const ASTRAL = 4;
/** Per BMP code unit: 0 not yet known, else its kind; surrogates are looked at as pairs. */
const KINDS = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;
const USUAL_LETTER = /[a-zA-Z\u00c0-\u012f\u0132-\u017e\u0180-\u024f\u0400-\u04ff]/u;

/** What the character at `i` is: part of a `[\p{L}\d]` run, something else, or an unusual letter. */
function charKind(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ? RUN_CHAR : OTHER;
  if (c >= 0xd800 && c < 0xdc00) {
    const low = text.charCodeAt(i + 1);
    if (!(low >= 0xdc00 && low < 0xe000)) return OTHER;
    return LETTER.test(text.slice(i, i + 2)) ? UNUSUAL : ASTRAL;
  }
  let kind = KINDS[c] ?? 0;
  if (kind === 0) {
    const ch = String.fromCharCode(c);
    kind =
      c >= 0xdc00 && c < 0xe000
        ? OTHER
        : !LETTER.test(ch)
          ? OTHER
          : USUAL_LETTER.test(ch)
            ? RUN_CHAR
            : UNUSUAL;
    KINDS[c] = kind;
  }
  return kind;
}

/**
 * The location a text names: the gazetteer name in the script it was written in ("в Питере" →
 * "Санкт-Петербург", "Berlin"); Latin abbreviations listed as kept (USA, EU) come back as written.
 */
export function findLocation(text: string): string | null {
  const m = firstMatch(text);
  if (!m) return null;
  const written = m.match.replace(/\s+/gu, ' ');
  const place = m.exact ? EXACT_BY_ALIAS.get(written) : PLACE_BY_ALIAS.get(fold(written));
  if (!place) return null;
  if (CYRILLIC.test(written)) return place.ru;
  return KEEP_AS_WRITTEN.has(written) ? written : place.en;
}
