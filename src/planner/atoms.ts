import { isDomain } from '../watch/aliases.js';
import type { Watch, WatchSpec } from '../watch/types.js';
import { russianCaseForms, termWordForms } from './inflect.js';
import { parseTerm, renderRun, splitWords, type Term } from './terms.js';

/** One part of a term as sent: alternative runs of words, any of which will do (`вакансия OR вакансии`). */
export type PartForms = string[][];

/**
 * One clause of a search query, self-contained so that clauses can be joined with OR in any grouping,
 * and the local test that tells which tweets it stands for. A term's parts must all appear; each part
 * in any of its forms.
 */
export type Atom =
  | { type: 'term'; parts: PartForms[]; lang: string | null }
  | { type: 'from'; username: string }
  | { type: 'mention'; username: string }
  | { type: 'hashtag'; tag: string }
  | { type: 'url'; domain: string };

/** The atoms of a watch: what its share of a packed query says. */
export function atomsOf(spec: WatchSpec): Atom[] {
  switch (spec.kind) {
    case 'expert':
      return [{ type: 'from', username: spec.handle.toLowerCase() }];
    case 'jobs':
    case 'topic':
      return spec.terms.map((t) => ({
        type: 'term',
        parts: inflectedParts(parseTerm(t)),
        lang: spec.lang ?? null,
      }));
    case 'brand':
      return dedupe(spec.aliases.flatMap(brandAliasAtoms));
  }
}

/**
 * The longest a term's clause may grow with its word forms: well inside the smallest tier's query (512), so
 * a term always fits one query. Past it the rarer forms are left out, the same in the query and in routing.
 */
export const MAX_TERM_CLAUSE = 200;

/**
 * A term's parts with the forms X must be sent (see `termWordForms`): single words are inflected, quoted
 * phrases stay exact. Forms are cut from the rarest end until the clause fits {@link MAX_TERM_CLAUSE}.
 */
function inflectedParts(term: Term): PartForms[] {
  const full = term.parts.map((words) =>
    words.length === 1 ? termWordForms(words[0] as string) : [words.join(' ')],
  );
  const widest = Math.max(...full.map((forms) => forms.length));
  for (let keep = widest; keep > 1; keep--) {
    const parts = full.map((forms) => forms.slice(0, keep).map(splitWords));
    if (renderTermParts(parts, null).length <= MAX_TERM_CLAUSE) return parts;
  }
  return term.parts.map((words) => [words]);
}

function brandAliasAtoms(alias: string): Atom[] {
  const trimmed = alias.trim();
  if (trimmed.startsWith('@')) return [{ type: 'mention', username: trimmed.slice(1).toLowerCase() }];
  if (trimmed.startsWith('#')) return [{ type: 'hashtag', tag: trimmed.slice(1).toLowerCase() }];
  if (isDomain(trimmed)) return [{ type: 'url', domain: trimmed.toLowerCase() }];
  const words = trimmed.split(/\s+/);
  if (words.length === 1) {
    return russianCaseForms(trimmed).map((form) => ({
      type: 'term',
      parts: parseTerm(form).parts.map((run) => [run]),
      lang: null,
    }));
  }
  // Multi-word names inflect on the last word: "Банк Москвы" stays, "Альфа Банк" → "Альфа Банка".
  const head = words.slice(0, -1).join(' ');
  return russianCaseForms(words.at(-1) as string).map((last) => ({
    type: 'term',
    parts: [[splitWords(`${head} ${last}`)]],
    lang: null,
  }));
}

/** `((вакансия OR вакансии) backend lang:ru)`: parts joined by AND, a part's forms by OR, safe to join with OR. */
function renderTermParts(parts: readonly PartForms[], lang: string | null): string {
  const texts = parts.map((forms) =>
    forms.length === 1 ? renderRun(forms[0] as string[]) : `(${forms.map(renderRun).join(' OR ')})`,
  );
  if (lang) return `(${texts.join(' ')} lang:${lang})`;
  return texts.length === 1 ? (texts[0] as string) : `(${texts.join(' ')})`;
}

/** Renders an atom as X query syntax. */
export function renderAtom(atom: Atom): string {
  switch (atom.type) {
    case 'from':
      return `from:${atom.username}`;
    case 'mention':
      return `@${atom.username}`;
    case 'hashtag':
      return `#${atom.tag}`;
    case 'url':
      return `url:"${atom.domain}"`;
    case 'term':
      return renderTermParts(atom.parts, atom.lang);
  }
}

function dedupe(atoms: Atom[]): Atom[] {
  const seen = new Set<string>();
  return atoms.filter((a) => {
    const key = renderAtom(a).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Watches with their rendered atoms, ready for packing. */
export interface WatchClauses {
  watch: Watch;
  clauses: string[];
}

export function clausesOf(watch: Watch): WatchClauses {
  return { watch, clauses: atomsOf(watch.spec).map(renderAtom) };
}
