/**
 * Finds which cues (lexicon concepts and pattern cues) a text shows, with the snippet that showed each.
 * The lexicon is compiled once at import into stem, exact-form, prefix and phrase indexes.
 */
import { LEXICON, type LexiconConcept } from './cue-lexicon.js';
import { findPatternCues, PATTERN_CUES, type PatternCue } from './cue-patterns.js';
import { isStopWord, normalizeText, type PreparedText, prepareText, stem, type Token } from './text.js';

/** Any cue: a lexicon concept or a pattern cue. */
export type Cue = LexiconConcept | PatternCue;

const CONCEPTS = Object.keys(LEXICON) as LexiconConcept[];
/** All cue names; a cue's index in this list is its id. */
export const CUES: readonly Cue[] = [...CONCEPTS, ...PATTERN_CUES];
const CUE_ID = new Map<Cue, number>(CUES.map((c, i) => [c, i]));

/** The cues found in one text. */
export interface CueHits {
  /** True if the cue was found. */
  has(cue: Cue): boolean;
  /** The normalised snippet that showed the cue, or `''` if it was not found. */
  evidence(cue: Cue): string;
}

/** Returns the numeric id of a cue name. */
export function cueId(cue: Cue): number {
  const id = CUE_ID.get(cue);
  if (id === undefined) throw new Error(`unknown cue ${cue}`);
  return id;
}

type Element = (
  | { kind: 'exact'; value: string }
  | { kind: 'stem'; value: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'concept'; id: number }
) & { reach: number };

interface Phrase {
  concept: number;
  elements: Element[];
}

const byExact = new Map<string, number[]>();
const byStem = new Map<string, number[]>();
const prefixes: Array<{ value: string; id: number }> = [];
const phrases: Phrase[] = [];
/** How many slots ahead a `+`-marked phrase element may be. */
const WIDE_REACH = 5;
const ROLE_LIKE = CONCEPTS.indexOf('roleLike');
const PAST_VERB = CONCEPTS.indexOf('pastVerb');
/** Russian past-tense verbs (ввели, запретил, выдала): news rather than adverts. */
const PAST_SUFFIX = /[аяиеуы]л(?:а|о|и|ся|ась|ись)?$/u;
const NOT_PAST = /(?:ал|ял|ил|ел|ул|ыл)$/u;
/** Person nouns by suffix (дизайнер·а, аналитик·ов, consultant, editor…): a fallback for unlisted roles. */
const ROLE_SUFFIX =
  /(?:ист|ер|ор|лог|щик|чик|ант|ент|тель)(?:а|у|ом|ов|ы|и|ей|ам)?$|(?:er|or|ist|ian|ant|ent)s?$/u;

function addId(map: Map<string, number[]>, key: string, id: number): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

function parseElement(word: string, exact: boolean): Element {
  const reach = word.startsWith('+') ? WIDE_REACH : 2;
  const raw = word.replace(/^\+/, '');
  if (raw.startsWith('@')) {
    const name = raw.slice(1);
    const id = CONCEPTS.findIndex((c) => c.toLowerCase() === name);
    if (id < 0) throw new Error(`unknown concept ${raw}`);
    return { kind: 'concept', id, reach };
  }
  if (raw.endsWith('*')) return { kind: 'prefix', value: raw.slice(0, -1), reach };
  if (exact || raw.startsWith('=')) return { kind: 'exact', value: raw.replace(/^=/, ''), reach };
  return { kind: 'stem', value: stem(raw), reach };
}

CONCEPTS.forEach((concept, id) => {
  for (const entry of LEXICON[concept] as readonly string[]) {
    const exact = entry.startsWith('=');
    const words = normalizeText(exact ? entry.slice(1) : entry).split(' ');
    const elements = words.map((w) => parseElement(w, exact));
    const [only] = elements;
    if (elements.length > 1) phrases.push({ concept: id, elements });
    else if (only?.kind === 'exact') addId(byExact, only.value, id);
    else if (only?.kind === 'stem') addId(byStem, only.value, id);
    else if (only?.kind === 'prefix') prefixes.push({ value: only.value, id });
  }
});

/** What a token's text tells the matcher; cached per distinct token text. */
interface Analysis {
  forms: string[];
  stems: string[];
  concepts: number[];
  /** Phrases whose first element this token matches. */
  starts: Phrase[];
  stop: boolean;
}

const ANALYSIS_CACHE_MAX = 50_000;
const analysisCache = new Map<string, Analysis>();

function analyze(t: Token): Analysis {
  const cached = analysisCache.get(t.text);
  if (cached !== undefined) return cached;
  const base = t.text.replaceAll('’', "'");
  const forms = [base];
  if (t.kind === 'hashtag') forms.push(base.slice(1));
  if (t.parts) forms.push(...t.parts);
  const stems = forms.map((f) => (f.startsWith('#') ? f : stem(f)));
  const concepts: number[] = [];
  for (let i = 0; i < forms.length; i++) {
    const form = forms[i] ?? '';
    for (const id of byExact.get(form) ?? NONE) if (!concepts.includes(id)) concepts.push(id);
    for (const id of byStem.get(stems[i] ?? '') ?? NONE) if (!concepts.includes(id)) concepts.push(id);
    for (const p of prefixes) if (form.startsWith(p.value) && !concepts.includes(p.id)) concepts.push(p.id);
    if (form.length >= 5 && ROLE_SUFFIX.test(form) && !concepts.includes(ROLE_LIKE)) concepts.push(ROLE_LIKE);
    if (form.length >= 5 && PAST_SUFFIX.test(form) && !(NOT_PAST.test(form) && form.length < 6)) {
      if (!concepts.includes(PAST_VERB)) concepts.push(PAST_VERB);
    }
  }
  const analysis: Analysis = {
    forms,
    stems,
    concepts,
    starts: [],
    stop: t.kind === 'word' && isStopWord(base),
  };
  analysis.starts = phrases.filter((p) => elementMatches(p.elements[0]!, analysis));
  if (analysisCache.size >= ANALYSIS_CACHE_MAX) {
    const oldest = analysisCache.keys().next();
    if (!oldest.done) analysisCache.delete(oldest.value);
  }
  analysisCache.set(t.text, analysis);
  return analysis;
}

const NONE: readonly number[] = [];

function elementMatches(el: Element, slot: Analysis): boolean {
  switch (el.kind) {
    case 'exact':
      return slot.forms.includes(el.value);
    case 'stem':
      return slot.stems.includes(el.value);
    case 'prefix':
      return slot.forms.some((f) => f.startsWith(el.value));
    case 'concept':
      return slot.concepts.includes(el.id);
  }
}

/**
 * The matchable positions of the text being scanned (words and hashtags): their analyses and offsets in
 * the original text. Scratch arrays reused from text to text; only the first `slotCount` entries count.
 */
const slotAnalyses: Analysis[] = [];
const slotStarts: number[] = [];
const slotEnds: number[] = [];
let slotCount = 0;

/** Tries a phrase at slot `i`: each next element within its reach of the previous one. Returns the end slot. */
function matchPhrase(phrase: Phrase, i: number): number {
  let at = i;
  for (let e = 1; e < phrase.elements.length; e++) {
    const el = phrase.elements[e]!;
    let found = -1;
    for (let k = 1; k <= el.reach && found < 0; k++) {
      if (at + k >= slotCount) break;
      if (elementMatches(el, slotAnalyses[at + k]!)) found = at + k;
    }
    if (found < 0) return -1;
    at = found;
  }
  return at;
}

/** How many 32-bit words a set of cue ids takes as a bit mask. */
export const CUE_MASK_WORDS = Math.ceil(CUES.length / 32);

class Hits implements CueHits {
  readonly start = new Int32Array(CUES.length).fill(-1);
  /** Bit `id` set for every cue found. */
  readonly mask = new Int32Array(CUE_MASK_WORDS);
  readonly end = new Int32Array(CUES.length);
  /** Snippets of the pattern cues found, by id; `patternIds` lists the ids set. */
  readonly patternEvidence: Array<string | undefined> = new Array(CUES.length).fill(undefined);
  readonly patternIds: number[] = [];

  constructor(public text: string) {}

  /** Forgets every hit, for reuse on `text`. */
  reset(text: string): void {
    this.text = text;
    this.start.fill(-1);
    this.mask.fill(0);
    for (const id of this.patternIds) this.patternEvidence[id] = undefined;
    this.patternIds.length = 0;
  }

  setPatternEvidence(id: number, evidence: string): void {
    if (this.patternEvidence[id] === undefined) this.patternIds.push(id);
    this.patternEvidence[id] = evidence;
  }

  has(cue: Cue): boolean {
    return (this.start[cueId(cue)] ?? -1) >= 0;
  }

  hasId(id: number): boolean {
    return (this.start[id] ?? -1) >= 0;
  }

  evidence(cue: Cue): string {
    return this.evidenceId(cueId(cue));
  }

  evidenceId(id: number): string {
    const start = this.start[id] ?? -1;
    if (start < 0) return '';
    return this.patternEvidence[id] ?? normalizeText(this.text.slice(start, this.end[id]));
  }

  mark(id: number, start: number, end: number): void {
    if ((this.start[id] ?? -1) < 0) {
      this.start[id] = start;
      this.end[id] = end;
      this.mask[id >>> 5]! |= 1 << (id & 31);
    }
  }
}

/** The result of {@link detectCues}: hits plus id-based accessors and the bit mask of cue ids found. */
export type DetectedCues = CueHits & {
  hasId(id: number): boolean;
  evidenceId(id: number): string;
  readonly mask: Int32Array;
};

/** Finds every cue in a text. */
export function detectCues(text: string): DetectedCues {
  const hits = new Hits(text);
  markCues(prepareText(text), hits);
  return hits;
}

const scratch = new Hits('');

/**
 * Finds every cue of an already tokenized text. The result is a scratch object reused by the next call:
 * read it before detecting cues again.
 */
export function detectCuesPrepared(prepared: PreparedText): DetectedCues {
  scratch.reset(prepared.text);
  markCues(prepared, scratch);
  return scratch;
}

function markCues(prepared: PreparedText, hits: Hits): void {
  const tokens = prepared.tokens;
  slotCount = 0;
  let stopCount = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    const a = analyze(t);
    if (a.stop) stopCount++;
    slotAnalyses[slotCount] = a;
    slotStarts[slotCount] = t.start;
    slotEnds[slotCount] = t.end;
    slotCount++;
  }
  for (let i = 0; i < slotCount; i++) {
    const slot = slotAnalyses[i]!;
    const start = slotStarts[i]!;
    for (const id of slot.concepts) hits.mark(id, start, slotEnds[i]!);
    for (const phrase of slot.starts) {
      if (hits.hasId(phrase.concept)) continue;
      const last = matchPhrase(phrase, i);
      if (last >= 0) hits.mark(phrase.concept, start, slotEnds[last]!);
    }
  }
  for (const hit of findPatternCues(prepared.normalized, tokens, stopCount)) {
    const id = cueId(hit.cue);
    hits.mark(id, 0, 0);
    hits.setPatternEvidence(id, hit.evidence);
  }
}
