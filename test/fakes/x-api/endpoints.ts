import { createHash } from 'node:crypto';
import { InvalidRequest, Params } from './params.js';
import { matchesQuery, parseQuery, QueryParseError } from './query.js';
import { type FakeXStore, notFound, snowflakeAt, snowflakeTime } from './store.js';
import type { FieldSelection, WireMeta, WireTweet, WireUser } from './wire-types.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Parameters recent search and recent counts both take. */
const QUERY_PARAMS = [
  'query',
  'since_id',
  'until_id',
  'start_time',
  'end_time',
  'next_token',
  'pagination_token',
];

/** A response the handler wants to send. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Cursor {
  key: string;
  below?: string;
  above?: string;
  maxSeq: number;
}

/** Handlers of the fake's endpoints; they throw {@link InvalidRequest} for a bad request. */
export interface Endpoints {
  /** `GET /2/tweets/search/recent`. */
  search(q: URLSearchParams): Reply;
  /** `GET /2/tweets/counts/recent`: posts per minute, hour or day of the last 7 days that match the query. */
  counts(q: URLSearchParams): Reply;
  /** `GET /2/users/:id/tweets`. */
  timeline(userId: string, q: URLSearchParams): Reply;
  /** `GET /2/tweets` (`ids`), or `GET /2/tweets/:id` when `single` is given. */
  lookupTweets(q: URLSearchParams, single?: string): Reply;
  /** `GET /2/users/by` (`usernames`), or `GET /2/users/by/username/:username` when `single` is given. */
  lookupUsers(q: URLSearchParams, single?: string): Reply;
}

/** Create the endpoint handlers over `store`; paging tokens are private to the returned handlers. */
export function createEndpoints(
  store: FakeXStore,
  { now, maxQueryLength }: { now: () => number; maxQueryLength: number },
): Endpoints {
  const cursors = new Map<string, Cursor>();

  const issueToken = (cursor: Cursor): string => {
    const hex = createHash('sha256').update(JSON.stringify(cursor)).digest('hex');
    const token = BigInt(`0x${hex}`).toString(36).padStart(45, '0').slice(0, 45);
    cursors.set(token, cursor);
    return token;
  };
  const readCursor = (p: Params, name: string, key: string): Cursor | undefined => {
    const token = p.get(name);
    if (token === undefined) return undefined;
    const c = cursors.get(token);
    if (!c || c.key !== key)
      throw new InvalidRequest(name, token, `The \`${name}\` query parameter value [${token}] is not valid`);
    return c;
  };

  /** Cursor-based paging over `all` (newest first); stable because cursors pin ids and the insertion seq. */
  const page = (
    all: (maxSeq: number) => WireTweet[],
    key: string,
    cursor: Cursor | undefined,
    max: number,
    sel: FieldSelection,
    withPrevious: boolean,
  ): Reply => {
    const maxSeq = cursor?.maxSeq ?? store.currentSeq;
    let items = all(maxSeq);
    if (cursor?.below) items = items.filter((t) => BigInt(t.id) < BigInt(cursor.below!));
    if (cursor?.above) {
      items = items.filter((t) => BigInt(t.id) > BigInt(cursor.above!));
      items = items.slice(Math.max(0, items.length - max));
    }
    const data = items.slice(0, max);
    const first = data[0];
    const last = data.at(-1);
    if (!first || !last) return { status: 200, body: { meta: { result_count: 0 } } };
    const meta: WireMeta = { newest_id: first.id, oldest_id: last.id, result_count: data.length };
    if (
      items.length > data.length ||
      (cursor?.above && all(maxSeq).some((t) => BigInt(t.id) < BigInt(last.id)))
    )
      meta.next_token = issueToken({ key, below: last.id, maxSeq });
    if (withPrevious && cursor) meta.previous_token = issueToken({ key, above: first.id, maxSeq });
    return {
      status: 200,
      body: { data: data.map((t) => store.shapeTweet(t, sel)), ...store.expand(data, sel), meta },
    };
  };

  const createdMs = (t: WireTweet): number => (t.created_at ? Date.parse(t.created_at) : snowflakeTime(t.id));

  /** The checks search and counts share: the query, its length, and the ranges X accepts. */
  const checkedQuery = (p: Params) => {
    const query = p.get('query');
    if (query === undefined || query.trim() === '')
      throw new InvalidRequest('query', query ?? '', 'The `query` query parameter can not be empty');
    if (query.length > maxQueryLength)
      throw new InvalidRequest(
        'query',
        query,
        `Query length of ${query.length} exceeds the maximum of ${maxQueryLength}`,
      );
    const sinceId = p.id('since_id');
    const untilId = p.id('until_id');
    const start = p.time('start_time');
    const end = p.time('end_time');
    const t = now();
    const floor = Math.floor((t - WEEK_MS) / 60000) * 60000;
    if ((sinceId || untilId) && (start !== undefined || end !== undefined))
      throw new InvalidRequest(
        sinceId ? 'since_id' : 'until_id',
        (sinceId ?? untilId)!,
        "Invalid use of 'since_id' or 'until_id' in conjunction with 'start_time' or 'end_time'.",
      );
    if (sinceId && snowflakeTime(sinceId) < floor) {
      const after = new Date(floor).toISOString().slice(0, 16);
      throw new InvalidRequest(
        'since_id',
        sinceId,
        `'since_id' must be a tweet id created after ${after}Z. Please use a 'since_id' that is larger than ${snowflakeAt(floor)}`,
      );
    }
    if (start !== undefined && start < t - WEEK_MS)
      throw new InvalidRequest(
        'start_time',
        p.get('start_time')!,
        `Invalid 'start_time':'${p.get('start_time')}'. 'start_time' must be on or after ${new Date(floor).toISOString().slice(0, 16)}Z`,
      );
    if (end !== undefined && end > t - 10_000)
      throw new InvalidRequest(
        'end_time',
        p.get('end_time')!,
        `Invalid 'end_time':'${p.get('end_time')}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`,
      );
    let ast: ReturnType<typeof parseQuery>;
    try {
      ast = parseQuery(query);
    } catch (e) {
      if (e instanceof QueryParseError)
        throw new InvalidRequest('query', query, `There were errors processing your request: ${e.message}`);
      throw e;
    }
    /** The stored tweets this request is about, newest first (up to the store's `maxSeq`). */
    const matching = (maxSeq?: number): WireTweet[] =>
      store.list((tw, author) => {
        const ms = createdMs(tw);
        if (ms < t - WEEK_MS || ms > t) return false;
        if (sinceId && BigInt(tw.id) <= BigInt(sinceId)) return false;
        if (untilId && BigInt(tw.id) >= BigInt(untilId)) return false;
        if ((start !== undefined && ms < start) || (end !== undefined && ms >= end)) return false;
        return matchesQuery(ast, tw, author);
      }, maxSeq);
    return { query, sinceId, untilId, start, end, t, matching };
  };

  const search = (q: URLSearchParams): Reply => {
    const p = new Params(q, [...QUERY_PARAMS, 'max_results', 'sort_order']);
    const { query, sinceId, untilId, start, end, matching } = checkedQuery(p);
    const sel = p.fields();
    const max = p.int('max_results', 10, 100, 10);
    const key = JSON.stringify(['search', query, sinceId, untilId, start, end]);
    const cursor = readCursor(p, 'next_token', key) ?? readCursor(p, 'pagination_token', key);
    return page(matching, key, cursor, max, sel, false);
  };

  /**
   * Buckets as the recordings show them (`counts.jsonl`, tweepy's `get_recent_tweets_count`): oldest first,
   * `{end, start, tweet_count}` on whole minutes, hours or UTC days, the first starting and the last ending
   * at the range's ends (by default the 7 days up to 10 seconds ago), and `meta.total_tweet_count`.
   */
  const counts = (q: URLSearchParams): Reply => {
    const p = new Params(q, [...QUERY_PARAMS, 'granularity', 'search_count.fields']);
    const { start, end, t, matching } = checkedQuery(p);
    const granularity = p.get('granularity') ?? 'hour';
    const unit = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[granularity];
    if (unit === undefined)
      throw new InvalidRequest(
        'granularity',
        granularity,
        `The \`granularity\` query parameter value [${granularity}] is not one of [minute,hour,day]`,
      );
    const to = end ?? Math.floor((t - 10_000) / 1000) * 1000;
    const from = start ?? to - WEEK_MS;
    const times = matching().map(createdMs);
    const data: { end: string; start: string; tweet_count: number }[] = [];
    for (let at = from; at < to; ) {
      const until = Math.min(to, (Math.floor(at / unit) + 1) * unit);
      data.push({
        end: new Date(until).toISOString(),
        start: new Date(at).toISOString(),
        tweet_count: times.filter((ms) => ms >= at && ms < until).length,
      });
      at = until;
    }
    return {
      status: 200,
      body: { data, meta: { total_tweet_count: times.filter((ms) => ms >= from && ms < to).length } },
    };
  };

  const timeline = (userId: string, q: URLSearchParams): Reply => {
    const p = new Params(q, [
      'since_id',
      'until_id',
      'start_time',
      'end_time',
      'max_results',
      'pagination_token',
      'exclude',
    ]);
    const sel = p.fields();
    const max = p.int('max_results', 5, 100, 10);
    const sinceId = p.id('since_id');
    const untilId = p.id('until_id');
    const start = p.time('start_time');
    const end = p.time('end_time');
    const exclude = new Set(p.list('exclude', ['replies', 'retweets']));
    if (!store.user(userId)) return { status: 200, body: { errors: [notFound('user', 'id', userId)] } };
    const key = JSON.stringify(['timeline', userId, sinceId, untilId, start, end, [...exclude].sort()]);
    const cursor = readCursor(p, 'pagination_token', key);
    const t = now();
    const all = (maxSeq: number): WireTweet[] =>
      store
        .list((tw) => {
          const ms = createdMs(tw);
          if (tw.author_id !== userId || ms > t) return false;
          const refs = tw.referenced_tweets ?? [];
          if (exclude.has('retweets') && refs.some((r) => r.type === 'retweeted')) return false;
          if (exclude.has('replies') && refs.some((r) => r.type === 'replied_to')) return false;
          if (sinceId && BigInt(tw.id) <= BigInt(sinceId)) return false;
          if (untilId && BigInt(tw.id) >= BigInt(untilId)) return false;
          return !((start !== undefined && ms < start) || (end !== undefined && ms > end));
        }, maxSeq)
        .slice(0, 3200);
    return page(all, key, cursor, max, sel, true);
  };

  const lookupTweets = (q: URLSearchParams, single?: string): Reply => {
    const p = new Params(q, single ? [] : ['ids']);
    const sel = p.fields();
    const ids = single ? [single] : p.list('ids');
    if (ids.length === 0 || ids.length > 100)
      throw new InvalidRequest(
        'ids',
        p.get('ids') ?? '',
        'The `ids` query parameter value must contain between 1 and 100 ids',
      );
    const bad = ids.find((id) => !/^[0-9]{1,19}$/.test(id));
    if (bad !== undefined)
      throw new InvalidRequest(
        'ids',
        bad,
        `The \`ids\` query parameter value [${bad}] does not match ^[0-9]{1,19}$`,
      );
    const found = ids.map((id) => store.tweet(id)).filter((tw): tw is WireTweet => tw !== undefined);
    const missing = ids
      .filter((id) => !store.tweet(id))
      .map((id) => notFound('tweet', single ? 'id' : 'ids', id));
    const shaped = found.map((tw) => store.shapeTweet(tw, sel));
    const { includes, errors = [] } = store.expand(found, sel);
    return {
      status: 200,
      body: {
        ...(found.length > 0 ? { data: single ? shaped[0] : shaped } : {}),
        ...(includes ? { includes } : {}),
        ...(missing.length + errors.length > 0 ? { errors: [...missing, ...errors] } : {}),
      },
    };
  };

  const lookupUsers = (q: URLSearchParams, single?: string): Reply => {
    const p = new Params(q, single ? [] : ['usernames']);
    const sel = p.fields();
    const parameter = single ? 'username' : 'usernames';
    const names = single ? [single] : p.list('usernames');
    if (names.length === 0 || names.length > 100)
      throw new InvalidRequest(
        parameter,
        p.get('usernames') ?? '',
        'The `usernames` query parameter must contain between 1 and 100 usernames',
      );
    const bad = names.find((n) => !/^[A-Za-z0-9_]{1,15}$/.test(n));
    if (bad !== undefined)
      throw new InvalidRequest(
        parameter,
        bad,
        `The \`${parameter}\` query parameter value [${bad}] does not match ^[A-Za-z0-9_]{1,15}$`,
      );
    const found = names.map((n) => store.userByName(n)).filter((u): u is WireUser => u !== undefined);
    const missing = names
      .filter((n) => !store.userByName(n))
      .map((n) => notFound('user', parameter, n, 'username'));
    const shaped = found.map((u) => store.shapeUser(u, sel));
    return {
      status: 200,
      body: {
        ...(found.length > 0 ? { data: single ? shaped[0] : shaped } : {}),
        ...(missing.length > 0 ? { errors: missing } : {}),
      },
    };
  };

  return { search, counts, timeline, lookupTweets, lookupUsers };
}
