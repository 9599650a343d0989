/**
 * The query grammar as the watch commands read it: `/watch add topic` takes alternatives joined by OR, each
 * words and "phrases" that must all appear (X's own reading), with `lang:ru|en` for the whole watch; `/jobs add`
 * takes words and "phrases" that must all appear. Operators those commands cannot follow are refused by the
 * same problems `/mentions` uses, naming the operator and its position.
 */
import type { QueryNode } from './ast.js';
import { lexQuery, type QueryToken } from './lex.js';
import { parseQuery } from './parse.js';
import type { QueryProblem } from './problems.js';

export type TermsResult =
  | { ok: true; terms: string[]; lang: 'ru' | 'en' | null }
  | { ok: false; problem: QueryProblem };

/**
 * Reads `text` for a watch. `any`: OR between alternatives (`/watch add topic`); `all`: one term
 * (`/jobs add`). Each term is written as the term syntax of watches: words, and phrases in quotes.
 */
export function termsOfQuery(text: string, mode: 'any' | 'all', where: string): TermsResult {
  const notHere = (operator: string, at: number): TermsResult => ({
    ok: false,
    problem: { kind: 'not_here', operator, at, where },
  });
  const lexed = lexQuery(text);
  if ('problem' in lexed) return { ok: false, problem: lexed.problem };
  for (const token of lexed.tokens) {
    if (token.kind === 'minus') return notHere('-', token.at);
    if ((token.kind === 'open' || token.kind === 'close') && mode === 'all') return notHere('(', token.at);
    if (token.kind !== 'bare') continue;
    if (mode === 'all' && token.text === 'OR') return notHere('OR', token.at);
    if (/^[@#]./u.test(token.text) || /^(from|is):/iu.test(token.text)) return notHere(token.text, token.at);
    if (mode === 'all' && /^lang:/iu.test(token.text)) return notHere(token.text, token.at);
  }
  const parsed = parseQuery(text, { periods: false });
  if (!parsed.ok) return parsed;
  let root = parsed.query.root;
  let lang: 'ru' | 'en' | null = null;
  if (root.type === 'and') {
    const langs = root.items.flatMap((n) => (n.type === 'lang' ? [n.lang] : []));
    if (new Set(langs).size > 1) return notHere(`lang:${langs[1]}`, langAt(lexed.tokens, 1));
    lang = langs[0] ?? null;
    const rest = root.items.filter((n) => n.type !== 'lang');
    root = rest.length === 1 ? (rest[0] as QueryNode) : { type: 'and', items: rest };
  }
  const alternatives = mode === 'any' && root.type === 'or' ? root.items : [root];
  const terms: string[] = [];
  for (const alternative of alternatives) {
    const term = termOf(alternative);
    if (term === null) {
      const at = alternative.type === 'lang' || hasLang(alternative) ? langAt(lexed.tokens, 0) : 1;
      return notHere(at > 1 ? 'lang:' : '(', at);
    }
    if (!terms.includes(term)) terms.push(term);
  }
  return { ok: true, terms, lang };
}

/** Words and phrases that must all appear, as term text; null for anything else. */
function termOf(node: QueryNode): string | null {
  const parts = node.type === 'and' ? node.items : [node];
  const out: string[] = [];
  for (const part of parts) {
    if (part.type === 'word') out.push(part.word);
    else if (part.type === 'phrase') out.push(`"${part.words.join(' ')}"`);
    else return null;
  }
  return out.join(' ');
}

function hasLang(node: QueryNode): boolean {
  if (node.type === 'lang') return true;
  if (node.type === 'and' || node.type === 'or') return node.items.some(hasLang);
  return node.type === 'not' && hasLang(node.item);
}

function langAt(tokens: readonly QueryToken[], nth: number): number {
  const found = tokens.filter((t) => t.kind === 'bare' && /^lang:/iu.test(t.text));
  return (found[nth] ?? found[0])?.at ?? 1;
}
