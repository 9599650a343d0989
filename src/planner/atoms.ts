import type { Watch, WatchSpec } from '../watch/types.js';
import { russianCaseForms } from './inflect.js';
import { parseTerm, renderTerm, splitWords, type Term } from './terms.js';

/**
 * One clause of a search query, self-contained so that clauses can be joined with OR in any grouping,
 * and the local test that tells which tweets it stands for.
 */
export type Atom =
  | { type: 'term'; term: Term; lang: string | null }
  | { type: 'from'; username: string }
  | { type: 'mention'; username: string }
  | { type: 'hashtag'; tag: string }
  | { type: 'url'; domain: string };

const DOMAIN = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;

/** The atoms of a watch: what its share of a packed query says. */
export function atomsOf(spec: WatchSpec): Atom[] {
  switch (spec.kind) {
    case 'expert':
      return [{ type: 'from', username: spec.handle.toLowerCase() }];
    case 'jobs':
    case 'topic':
      return spec.terms.map((t) => ({ type: 'term', term: parseTerm(t), lang: spec.lang ?? null }));
    case 'brand':
      return dedupe(spec.aliases.flatMap(brandAliasAtoms));
  }
}

function brandAliasAtoms(alias: string): Atom[] {
  const trimmed = alias.trim();
  if (trimmed.startsWith('@')) return [{ type: 'mention', username: trimmed.slice(1).toLowerCase() }];
  if (trimmed.startsWith('#')) return [{ type: 'hashtag', tag: trimmed.slice(1).toLowerCase() }];
  if (DOMAIN.test(trimmed)) return [{ type: 'url', domain: trimmed.toLowerCase() }];
  const words = trimmed.split(/\s+/);
  if (words.length === 1) {
    return russianCaseForms(trimmed).map((form) => ({ type: 'term', term: parseTerm(form), lang: null }));
  }
  // Multi-word names inflect on the last word: "Банк Москвы" stays, "Альфа Банк" → "Альфа Банка".
  const head = words.slice(0, -1).join(' ');
  return russianCaseForms(words.at(-1) as string).map((last) => ({
    type: 'term',
    term: { parts: [splitWords(`${head} ${last}`)] },
    lang: null,
  }));
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
    case 'term': {
      const text = renderTerm(atom.term);
      if (!atom.lang) return text;
      return `(${text.startsWith('(') ? text.slice(1, -1) : text} lang:${atom.lang})`;
    }
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
