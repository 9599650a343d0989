import http from 'node:http';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type ITwitterApiClientPlugin,
  TwitterApi,
} from 'twitter-api-v2';
import type { Clock } from '../clock.js';
import { KestrelError, RateLimitError } from '../errors.js';
import type { SearchRequest, TweetSource } from './source.js';
import { type Page, parseCounts, parsePage, parseUser, TWEET_FIELDS, USER_FIELDS } from './wire.js';

export interface XSourceOptions {
  bearerToken: string;
  /** Only for tests and proxies: send requests to this origin instead of api.x.com (e.g. http://127.0.0.1:4010). */
  baseUrl?: string | undefined;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
  clock: Clock;
}

const FIELDS = {
  'tweet.fields': TWEET_FIELDS.join(','),
  'user.fields': USER_FIELDS.join(','),
  expansions: 'author_id',
};

/** The X API v2 through the official-shaped `twitter-api-v2` client. */
export function createXSource(options: XSourceOptions): TweetSource {
  const client = new TwitterApi(options.bearerToken, clientSettings(options.baseUrl));
  const timeout = options.timeoutMs ?? 30_000;
  const now = () => options.clock.now();

  const get = async (path: string, query: Record<string, string | number | undefined>): Promise<unknown> => {
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null));
    try {
      const response = await client.v2.get(path, params, { fullResponse: true, timeout });
      return response.data;
    } catch (error) {
      throw translateError(error, path, now());
    }
  };

  return {
    kind: 'x',
    async search(request: SearchRequest): Promise<Page> {
      const body = await get('tweets/search/recent', {
        query: request.query,
        since_id: request.sinceId ?? undefined,
        until_id: request.untilId ?? undefined,
        start_time: isoSeconds(request.startTime),
        end_time: isoSeconds(request.endTime),
        next_token: request.nextToken ?? undefined,
        max_results: request.maxResults ?? 100,
        ...FIELDS,
      });
      return parsePage(body, 'search/recent response');
    },
    async counts(request) {
      const body = await get('tweets/counts/recent', {
        query: request.query,
        start_time: isoSeconds(request.startTime),
        end_time: isoSeconds(request.endTime),
        granularity: request.granularity,
      });
      return { ...parseCounts(body, 'counts/recent response'), from: 'x' };
    },
    async userByUsername(username) {
      try {
        const body = (await get(`users/by/username/${encodeURIComponent(username)}`, {
          'user.fields': USER_FIELDS.join(','),
        })) as { data?: unknown };
        return body.data === undefined ? null : parseUser(body.data);
      } catch (error) {
        if (error instanceof KestrelError && error.details.status === 404) return null;
        throw error;
      }
    },
    async timeline(userId, opts = {}) {
      const body = await get(`users/${encodeURIComponent(userId)}/tweets`, {
        since_id: opts.sinceId ?? undefined,
        pagination_token: opts.nextToken ?? undefined,
        max_results: 100,
        ...FIELDS,
      });
      return parsePage(body, 'user timeline response');
    },
    async tweetsByIds(ids) {
      if (ids.length === 0) return { tweets: [], authors: [], newestId: null, nextToken: null };
      if (ids.length > 100)
        throw new KestrelError('INPUT_INVALID', 'X looks up at most 100 tweets per request');
      const body = await get('tweets', { ids: ids.join(','), ...FIELDS });
      return parsePage(body, 'tweet lookup response');
    },
  };
}

function clientSettings(baseUrl: string | undefined) {
  if (!baseUrl) return {};
  const target = new URL(baseUrl);
  const redirect: ITwitterApiClientPlugin = {
    onBeforeRequest(args) {
      args.computedParams.url.protocol = target.protocol;
      args.computedParams.url.host = target.host;
    },
  };
  return {
    plugins: [redirect],
    httpAgent: new http.Agent({ keepAlive: true }),
    compression: 'identity' as const,
  };
}

function isoSeconds(ms: number | null | undefined): string | undefined {
  if (ms === null || ms === undefined) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Maps the client's errors onto Kestrel's codes. */
export function translateError(error: unknown, path: string, now: number): KestrelError {
  if (error instanceof ApiResponseError) {
    const status = error.code;
    const details = { status, path, body: error.data };
    if (status === 429 || error.rateLimitError) {
      const resetMs = (error.rateLimit?.reset ?? 0) * 1000;
      const wait = resetMs > now ? resetMs - now : 60_000;
      return new RateLimitError(`X rate limit on ${path}; resets in ${Math.ceil(wait / 1000)} s`, wait, {
        cause: error,
        details,
      });
    }
    if (status >= 500)
      return new KestrelError('UPSTREAM_UNAVAILABLE', `X answered ${status} on ${path}`, {
        cause: error,
        details,
      });
    const text = JSON.stringify(error.data ?? '');
    if (status === 400 && text.includes('since_id')) {
      return new KestrelError('SINCE_ID_TOO_OLD', `X refused since_id on ${path}: ${firstMessage(error)}`, {
        cause: error,
        details,
      });
    }
    return new KestrelError('UPSTREAM_REJECTED', `X answered ${status} on ${path}: ${firstMessage(error)}`, {
      cause: error,
      details,
    });
  }
  if (error instanceof ApiPartialResponseError) {
    return new KestrelError(
      'UPSTREAM_MALFORMED',
      `X sent an unreadable response on ${path}: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof ApiRequestError) {
    // On a timeout twitter-api-v2 leaves requestError undefined and says only "Request failed.".
    const reason =
      (error.requestError as Error | undefined)?.message ?? `${error.message} (timeout or network)`;
    return new KestrelError('UPSTREAM_UNAVAILABLE', `X could not be reached on ${path}: ${reason}`, {
      cause: error,
    });
  }
  if (error instanceof KestrelError) return error;
  return new KestrelError(
    'UPSTREAM_UNAVAILABLE',
    `X request on ${path} failed: ${(error as Error).message}`,
    {
      cause: error,
    },
  );
}

function firstMessage(error: ApiResponseError): string {
  const data = error.data as { errors?: { message?: string }[]; detail?: string } | undefined;
  return data?.errors?.[0]?.message ?? data?.detail ?? error.message;
}
