/**
 * Mentions and reach (highest followers seen) per author key, in typed arrays with open addressing: a search's
 * tally counts tens of thousands of authors without allocating per author, and one table is reused by every
 * call of a connection's summaries (cleared in between).
 */
export interface AuthorCounts {
  /** Forgets every author. */
  clear(): void;
  /** One more mention by `author` (a positive key below 2^31); false when the table is full. */
  add(author: number, followers: number): boolean;
  readonly size: number;
  /** Every author with their mentions and reach, in no order. */
  forEach(visit: (author: number, mentions: number, reach: number) => void): void;
  /** `mentions` more by `author`, with reach `reach` (another table's figures); false when the table is full. */
  addCounts(author: number, mentions: number, reach: number): boolean;
  /** The authors as three parallel arrays (to send to another thread). */
  toArrays(): AuthorArrays;
}

/** Authors with their mentions and reach, as parallel arrays. */
export interface AuthorArrays {
  keys: Int32Array;
  mentions: Int32Array;
  reach: Int32Array;
}

/** A table for up to `limit` authors (kept below half full, so probes stay short). */
export function createAuthorCounts(limit: number): AuthorCounts {
  let capacity = 16;
  while (capacity < limit * 2) capacity *= 2;
  const keys = new Int32Array(capacity);
  const mentions = new Int32Array(capacity);
  // Followers fit 31 bits (the largest accounts have a few hundred million); more is kept as 2^31 - 1.
  const reach = new Int32Array(capacity);
  const mask = capacity - 1;
  let size = 0;
  const addCounts = (author: number, count: number, followers: number): boolean => {
    if (!(author > 0 && author <= 0x7fffffff)) return false;
    let i = Math.imul(author, 0x9e3779b1) & mask;
    for (;;) {
      const key = keys[i];
      if (key === author) {
        mentions[i] = (mentions[i] as number) + count;
        if (followers > (reach[i] as number)) reach[i] = Math.min(followers, 0x7fffffff);
        return true;
      }
      if (key === 0) break;
      i = (i + 1) & mask;
    }
    if (size >= limit) return false;
    keys[i] = author;
    mentions[i] = count;
    reach[i] = Math.min(followers, 0x7fffffff);
    size++;
    return true;
  };
  return {
    clear() {
      if (size === 0) return;
      keys.fill(0);
      size = 0;
    },
    add: (author, followers) => addCounts(author, 1, followers),
    addCounts,
    get size() {
      return size;
    },
    toArrays() {
      const out = {
        keys: new Int32Array(size),
        mentions: new Int32Array(size),
        reach: new Int32Array(size),
      };
      let j = 0;
      for (let i = 0; i < capacity; i++) {
        if (keys[i] === 0) continue;
        out.keys[j] = keys[i] as number;
        out.mentions[j] = mentions[i] as number;
        out.reach[j] = reach[i] as number;
        j++;
      }
      return out;
    },
    forEach(visit) {
      for (let i = 0; i < capacity; i++) {
        const key = keys[i] as number;
        if (key !== 0) visit(key, mentions[i] as number, reach[i] as number);
      }
    },
  };
}
