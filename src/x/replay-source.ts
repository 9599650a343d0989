import { readFileSync } from 'node:fs';
import type { Author, Tweet } from '../domain.js';
import { compareIds } from '../domain.js';
import { KestrelError } from '../errors.js';
import { createNewestTime, unreadableReplayFile } from './page-recording.js';
import { shiftSnowflake } from './snowflake.js';
import type { SearchRequest, TweetSource } from './source.js';
import { type Page, parsePage } from './wire.js';

/** Reads recorded X API v2 pages, one JSON page per line. Blank lines are skipped. */
export function readPagesFile(path: string): Page[] {
  return parsePageLines(readPageLines(path), path);
}

/** Parses page lines; a line that is not a page fails with its line number. */
export function parsePageLines(lines: readonly string[], origin: string): Page[] {
  return lines.map((line, i) => {
    let body: unknown;
    try {
      body = JSON.parse(line);
    } catch (cause) {
      throw new KestrelError('UPSTREAM_MALFORMED', `${origin}: page ${i + 1} is not JSON`, { cause });
    }
    return parsePage(body, `${origin}: page ${i + 1}`);
  });
}

/**
 * Moves every tweet (time and snowflake id, and the ids it refers to) by the same amount so the newest
 * tweet of the recording is at `now`. Authors are left as recorded.
 */
export function shiftPagesToNow(pages: readonly Page[], now: number): Page[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const page of pages) for (const t of page.tweets) newest = Math.max(newest, t.createdAt);
  return Number.isFinite(newest) ? shiftPages(pages, now - newest) : pages.slice();
}

/** Moves every tweet by `deltaMs`: its time, its id and the ids it refers to (ids are made of time). */
export function shiftPages(pages: readonly Page[], deltaMs: number): Page[] {
  if (deltaMs === 0) return pages.slice();
  const shiftTweet = (t: Tweet): Tweet => ({
    ...t,
    id: shiftSnowflake(t.id, deltaMs),
    createdAt: t.createdAt + deltaMs,
    conversationId: t.conversationId === null ? null : shiftSnowflake(t.conversationId, deltaMs),
    references: t.references.map((r) => ({ type: r.type, id: shiftSnowflake(r.id, deltaMs) })),
  });
  return pages.map((p) => ({
    ...p,
    tweets: p.tweets.map(shiftTweet),
    newestId: p.newestId === null ? null : shiftSnowflake(p.newestId, deltaMs),
  }));
}

/** The non-blank lines of a JSONL recording, unparsed (parsing is left to the prepare workers). */
export function readPageLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw unreadableReplayFile(path, cause);
  }
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** The newest `created_at` anywhere in the recording, without parsing it (see `createNewestTime`). */
export function newestTimeInLines(lines: readonly string[]): number | null {
  const newest = createNewestTime();
  for (const line of lines) newest.add(Buffer.from(line, 'utf8'));
  return newest.value();
}

const PAGE_SIZE = 100;

/**
 * A TweetSource over recorded pages. It answers every search with every recorded tweet in the
 * request's window (since_id, until_id, start_time, end_time), newest first: queries are not evaluated, the poll
 * cycle's local routing decides which watch a tweet belongs to.
 */
export function createReplaySource(pages: readonly Page[]): TweetSource {
  const tweets = new Map<string, Tweet>();
  const authors = new Map<string, Author>();
  for (const page of pages) {
    for (const t of page.tweets) tweets.set(t.id, t);
    for (const a of page.authors) authors.set(a.id, a);
  }
  const newestFirst = [...tweets.values()].sort((a, b) => compareIds(b.id, a.id));

  const pageOf = (list: Tweet[], token: string | null | undefined): Page => {
    const offset = token ? Number.parseInt(token, 10) : 0;
    const slice = list.slice(offset, offset + PAGE_SIZE);
    const ids = new Set(slice.map((t) => t.authorId));
    return {
      tweets: slice,
      authors: [...ids].map((id) => authors.get(id)).filter((a): a is Author => a !== undefined),
      newestId: slice[0]?.id ?? null,
      nextToken: offset + PAGE_SIZE < list.length ? String(offset + PAGE_SIZE) : null,
    };
  };

  return {
    kind: 'replay',
    async search(request: SearchRequest) {
      const list = newestFirst.filter(
        (t) =>
          (!request.sinceId || compareIds(t.id, request.sinceId) > 0) &&
          (!request.untilId || compareIds(t.id, request.untilId) < 0) &&
          (request.startTime == null || t.createdAt >= request.startTime) &&
          (request.endTime == null || t.createdAt < request.endTime),
      );
      return pageOf(list, request.nextToken);
    },
    async counts(request) {
      const day = request.granularity === 'day' ? 86_400_000 : 3_600_000;
      const buckets: { start: number; end: number; count: number }[] = [];
      for (let at = request.startTime; at < request.endTime; ) {
        const end = Math.min(request.endTime, (Math.floor(at / day) + 1) * day);
        buckets.push({ start: at, end, count: 0 });
        at = end;
      }
      let total = 0;
      for (const t of tweets.values()) {
        if (t.createdAt < request.startTime || t.createdAt >= request.endTime) continue;
        if (request.localMatch && !request.localMatch(t, authors.get(t.authorId))) continue;
        const bucket = buckets.find((b) => t.createdAt >= b.start && t.createdAt < b.end);
        if (bucket) bucket.count++;
        total++;
      }
      return { buckets, total, from: 'corpus' };
    },
    async userByUsername(username) {
      const lower = username.toLowerCase();
      for (const a of authors.values()) if (a.username.toLowerCase() === lower) return a;
      return null;
    },
    async timeline(userId, options = {}) {
      const list = newestFirst.filter(
        (t) => t.authorId === userId && (!options.sinceId || compareIds(t.id, options.sinceId) > 0),
      );
      return pageOf(list, options.nextToken);
    },
    async tweetsByIds(ids) {
      const found = ids.map((id) => tweets.get(id)).filter((t): t is Tweet => t !== undefined);
      return pageOf(found, null);
    },
  };
}
