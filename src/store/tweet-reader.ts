import type { Db } from './database.js';

/** The text of stored tweets, for re-reading them (re-classification). */
export interface StoredText {
  seq: number;
  text: string;
  lang: string | null;
  createdAt: number;
}

export interface TweetReader {
  count(): number;
  /** Up to `limit` tweets with seq > `afterSeq`, in seq order. */
  textsAfter(afterSeq: number, limit: number): StoredText[];
}

export function createTweetReader(db: Db): TweetReader {
  const count = db.prepare('SELECT count(*) FROM tweets').pluck();
  const after = db.prepare(
    'SELECT seq, text, lang, created_at AS createdAt FROM tweets WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  return {
    count: () => count.get() as number,
    textsAfter: (afterSeq, limit) => after.all(afterSeq, limit) as StoredText[],
  };
}
