/**
 * The rowid a tweet has in the full-text index (migration 14): the minute it was created, its language, whether
 * it replies, and its seq, packed into one 63-bit integer:
 *
 *     minute since 1970 (26 bits, to 2097) | lang (2: 0 other, 1 ru, 2 en) | reply (1) | seq (34)
 *
 * The index keeps each word's tweets in rowid order, so a word's matches come out in time order and a period
 * is one rowid range. The minute, language and reply flag of a match are read from its rowid, so counting the
 * matches of a period per chart bucket, with `lang:` and `is:reply`, does not look up each tweet's row.
 */

const MINUTE_MS = 60_000;
const MINUTE_SHIFT = 37n;
const LANG_SHIFT = 35n;
const REPLY_SHIFT = 34n;
/** The largest seq a key can hold (2^34 − 1). */
export const MAX_KEYED_SEQ = 2 ** 34 - 1;

const LANG_CODE: Record<string, bigint> = { ru: 1n, en: 2n };

/** The search key of a tweet. */
export function searchKey(seq: number, createdAt: number, lang: string | null, reply: boolean): bigint {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_KEYED_SEQ) {
    throw new RangeError(`seq ${seq} does not fit a search key (1..${MAX_KEYED_SEQ})`);
  }
  const minute = BigInt(Math.floor(Math.max(0, createdAt) / MINUTE_MS));
  const code = LANG_CODE[lang ?? ''] ?? 0n;
  return (minute << MINUTE_SHIFT) | (code << LANG_SHIFT) | ((reply ? 1n : 0n) << REPLY_SHIFT) | BigInt(seq);
}

/** The first key of the minute holding `at` (ms): every tweet created at `at` or later has a key ≥ this. */
export function minuteKey(at: number): bigint {
  return BigInt(Math.floor(Math.max(0, at) / MINUTE_MS)) << MINUTE_SHIFT;
}

/** The first key after every tweet created before `at` (ms): `[minuteKey(lo), keyAfter(hi))` covers `[lo, hi)`. */
export function keyAfter(at: number): bigint {
  const minute = Math.ceil(Math.max(0, at) / MINUTE_MS);
  return BigInt(minute) << MINUTE_SHIFT;
}

/** SQL: the seq in the key `expr`. */
export function seqOfKey(expr: string): string {
  return `(${expr} & ${MAX_KEYED_SEQ})`;
}

/** SQL: the minute (since 1970) in the key `expr`. */
export function minuteOfKey(expr: string): string {
  return `(${expr} >> ${MINUTE_SHIFT})`;
}

/** SQL: whether the key `expr` is of a tweet in `lang`. */
export function langOfKeyIs(expr: string, lang: 'ru' | 'en'): string {
  return `((${expr} >> ${LANG_SHIFT}) & 3) = ${LANG_CODE[lang]}`;
}

/** SQL: whether the key `expr` is of a reply. */
export function keyIsReply(expr: string): string {
  return `((${expr} >> ${REPLY_SHIFT}) & 1) = 1`;
}

/** Milliseconds in the minute a key counts. */
export const KEY_MINUTE_MS = MINUTE_MS;
