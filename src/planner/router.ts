import type { Author, Tweet } from '../domain.js';
import type { Watch } from '../watch/types.js';
import { type Atom, atomsOf } from './atoms.js';
import { splitWords } from './terms.js';

/** Tells which watches a tweet belongs to, by the same rules X used to find it. */
export interface Router {
  route(tweet: Tweet, author: Author | undefined): number[];
}

type TermAtom = Extract<Atom, { type: 'term' }>;

interface Candidate {
  watchId: number;
  atom: TermAtom;
}

/**
 * Compiles the watches into an index: term atoms by their first word, handles, hashtags and domains by
 * value, so a tweet costs one pass over its words instead of one test per watch.
 */
export function createRouter(watches: readonly Watch[]): Router {
  const byWord = new Map<string, Candidate[]>();
  const byAuthor = new Map<string, number[]>();
  const byMention = new Map<string, number[]>();
  const byHashtag = new Map<string, number[]>();
  const byDomain: { words: string[]; watchId: number }[] = [];
  const exclusions = new Map<number, { phrases: string[]; plain: Router }>();

  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  for (const watch of watches) {
    if (watch.spec.kind === 'brand' && watch.spec.exclude.length > 0) {
      const plain = createRouter([{ ...watch, spec: { ...watch.spec, exclude: [] } }]);
      exclusions.set(watch.id, { phrases: watch.spec.exclude.map((e) => e.toLowerCase()), plain });
    }
    for (const atom of atomsOf(watch.spec)) {
      switch (atom.type) {
        case 'term':
          for (const first of new Set(atom.parts[0]?.map((run) => run[0] ?? '')))
            push(byWord, first, { watchId: watch.id, atom });
          break;
        case 'from':
          push(byAuthor, atom.username, watch.id);
          break;
        case 'mention':
          push(byMention, atom.username, watch.id);
          break;
        case 'hashtag':
          push(byHashtag, atom.tag, watch.id);
          break;
        case 'url':
          byDomain.push({ words: splitWords(atom.domain), watchId: watch.id });
          break;
      }
    }
  }

  return {
    route(tweet, author) {
      const hits = new Set<number>();
      const words = splitWords(tweet.text);
      const wordSet = new Set(words);
      for (const word of wordSet) {
        const candidates = byWord.get(word);
        if (!candidates) continue;
        for (const { watchId, atom } of candidates) {
          if (hits.has(watchId)) continue;
          if (atom.lang && atom.lang !== tweet.lang) continue;
          if (termMatches(atom, words, wordSet)) hits.add(watchId);
        }
      }
      const username = author?.username.toLowerCase();
      if (username) for (const id of byAuthor.get(username) ?? []) hits.add(id);
      for (const mention of tweet.mentions)
        for (const id of byMention.get(mention.toLowerCase()) ?? []) hits.add(id);
      for (const tag of tweet.hashtags) for (const id of byHashtag.get(tag.toLowerCase()) ?? []) hits.add(id);
      if (byDomain.length > 0) {
        // X's url: is a tokenized match: `ya.ru` finds ya.ru/jobs and mail.ya.ru, never maya.ru.
        const tokens = splitWords(`${tweet.text} ${tweet.urls.join(' ')}`);
        for (const { words, watchId } of byDomain) if (hasRun(tokens, words)) hits.add(watchId);
      }
      for (const [watchId, { phrases, plain }] of exclusions) {
        if (hits.has(watchId) && onlyExcluded(tweet, phrases, plain)) hits.delete(watchId);
      }
      return [...hits].sort((a, b) => a - b);
    },
  };
}

function termMatches(atom: TermAtom, words: string[], wordSet: Set<string>): boolean {
  return atom.parts.every((forms) =>
    forms.some((run) => (run.length === 1 ? wordSet.has(run[0] as string) : hasRun(words, run))),
  );
}

function hasRun(words: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** True when the brand appears only inside its excluded phrases (e.g. "Яндекс.Деньги" for Yandex). */
function onlyExcluded(tweet: Tweet, phrases: string[], plain: Router): boolean {
  let text = tweet.text.toLowerCase();
  for (const phrase of phrases) text = text.replaceAll(phrase, ' ');
  const urls = tweet.urls.filter((url) => !phrases.some((p) => url.toLowerCase().includes(p)));
  return plain.route({ ...tweet, text, urls }, undefined).length === 0;
}
