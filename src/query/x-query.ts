/**
 * A parsed query as X's own search syntax, for one `GET /2/tweets/counts/recent` request (X has no word forms,
 * so a Russian word is sent with its cases; a brand as its aliases' clauses, as its watch searches), and the
 * same query as a local test of a tweet, for the demo corpus that stands in for X.
 */
import { type BrandSpec, createBrandMatcher } from '../classify/brands.js';
import type { Author, Tweet } from '../domain.js';
import { atomsOf, renderAtom } from '../planner/atoms.js';
import { termWordForms } from '../planner/inflect.js';
import { splitWords } from '../planner/terms.js';
import { foldForSearch } from '../store/fold.js';
import { formatQuery, type QueryNode } from './ast.js';

const BARE = /^[\p{L}\p{N}_]+$/u;

/** X query text of `root`; a brand not in `brands` is sent as its name. */
export function renderXQuery(root: QueryNode, brands: readonly BrandSpec[]): string {
  const render = (node: QueryNode): string => {
    switch (node.type) {
      case 'word': {
        const forms = node.exact ? [node.word] : termWordForms(node.word);
        const text = forms.map((f) => (BARE.test(f) && !node.exact ? f : `"${f}"`));
        return text.length === 1 ? (text[0] as string) : `(${text.join(' OR ')})`;
      }
      case 'phrase':
        return `"${node.words.join(' ')}"`;
      case 'brand': {
        const spec = brands.find((b) => b.name === node.brand);
        const clauses = spec
          ? atomsOf({
              kind: 'brand',
              name: spec.name,
              aliases: spec.aliases,
              exclude: [],
              competitor: false,
            }).map(renderAtom)
          : [`"${node.brand}"`];
        return clauses.length === 1 ? (clauses[0] as string) : `(${clauses.join(' OR ')})`;
      }
      case 'mention':
      case 'hashtag':
      case 'from':
      case 'lang':
      case 'reply':
        return formatQuery(node);
      case 'not':
        return node.item.type === 'and' || node.item.type === 'or'
          ? `-(${render(node.item)})`
          : `-${render(node.item)}`;
      case 'and':
        return node.items.map((n) => (n.type === 'or' ? `(${render(n)})` : render(n))).join(' ');
      case 'or':
        return node.items.map((n) => (n.type === 'and' ? `(${render(n)})` : render(n))).join(' OR ');
    }
  };
  return render(root);
}

/** Whether a tweet matches `root` the way X would read {@link renderXQuery}'s text (for the demo corpus). */
export function xLocalMatch(
  root: QueryNode,
  brands: readonly BrandSpec[],
): (tweet: Tweet, author: Author | undefined) => boolean {
  const matchers = new Map<string, ReturnType<typeof createBrandMatcher>>();
  const test = (node: QueryNode, tweet: Tweet, words: string[], author: Author | undefined): boolean => {
    switch (node.type) {
      case 'word': {
        const forms = node.exact ? [node.word] : termWordForms(node.word).map((f) => foldForSearch(f));
        return words.some((w) => forms.includes(w));
      }
      case 'phrase':
        return words.some((_, i) => node.words.every((w, j) => words[i + j] === w));
      case 'brand': {
        const spec = brands.find((b) => b.name === node.brand);
        if (!spec) return false;
        let matcher = matchers.get(spec.name);
        if (!matcher) {
          matcher = createBrandMatcher([spec]);
          matchers.set(spec.name, matcher);
        }
        return matcher.match(tweet.text).length > 0;
      }
      case 'mention':
        return tweet.mentions.some((m) => m.toLowerCase() === node.handle);
      case 'hashtag':
        return tweet.hashtags.some((h) => foldForSearch(h) === node.tag);
      case 'from':
        return (author?.username ?? '').toLowerCase() === node.handle;
      case 'lang':
        return tweet.lang === node.lang;
      case 'reply':
        return tweet.references.some((r) => r.type === 'replied_to');
      case 'not':
        return !test(node.item, tweet, words, author);
      case 'and':
        return node.items.every((n) => test(n, tweet, words, author));
      case 'or':
        return node.items.some((n) => test(n, tweet, words, author));
    }
  };
  return (tweet, author) => test(root, tweet, splitWords(foldForSearch(tweet.text)), author);
}
