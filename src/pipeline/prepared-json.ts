import type { PreparedPages } from './prepare.js';

/**
 * Prepared pages as two JSON texts, for the trip back from a worker. V8 stores a string with one byte per
 * character only while every character is Latin-1: one Cyrillic letter makes the whole text two-byte, and
 * stringifying and parsing two-byte JSON costs about twice as much for every id, number and key in it. So
 * the fields that carry people's words (tweet texts, authors, readings) travel apart from the rest.
 */
export interface PreparedJson {
  /** Tweets with empty texts, and routes: Latin-1 in practice. */
  narrow: string;
  /** Tweet texts, authors and readings. */
  wide: string;
}

interface Narrow {
  tweets: PreparedPages['tweets'];
  routes: PreparedPages['routes'];
}

interface Wide {
  texts: string[];
  authors: PreparedPages['authors'];
  readings: PreparedPages['readings'];
}

export function toPreparedJson(pages: PreparedPages): PreparedJson {
  const narrow: Narrow = { tweets: pages.tweets.map((t) => ({ ...t, text: '' })), routes: pages.routes };
  const wide: Wide = {
    texts: pages.tweets.map((t) => t.text),
    authors: pages.authors,
    readings: pages.readings,
  };
  return { narrow: JSON.stringify(narrow), wide: JSON.stringify(wide) };
}

export function fromPreparedJson(json: PreparedJson): PreparedPages {
  const { tweets, routes } = JSON.parse(json.narrow) as Narrow;
  const { texts, authors, readings } = JSON.parse(json.wide) as Wide;
  for (let i = 0; i < tweets.length; i++)
    (tweets[i] as PreparedPages['tweets'][number]).text = texts[i] as string;
  return { tweets, authors, readings, routes };
}
