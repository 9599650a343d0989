import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEndpoints, type Reply } from './endpoints.js';
import { InvalidRequest } from './params.js';
import { FakeXStore, snowflakeAt } from './store.js';
import type { WireProblem, WirePublicMetrics, WireTweet, WireUser } from './wire-types.js';

/** Options of {@link startFakeXServer}. */
export interface FakeXServerOptions {
  /** When set, requests must carry `Authorization: Bearer <token>`, else 401. */
  bearerToken?: string;
  /** Clock used for the 7-day window, tweet visibility and rate-limit windows (default `Date.now`). */
  now?: () => number;
  /** Overrides every endpoint's rate limit (default: the real per-endpoint app limits per 15 min). */
  rateLimit?: { limit: number; windowMs: number };
  /** Maximum `query` length for recent search (default 512). */
  maxQueryLength?: number;
  /** Asked for every request no injected fault applies to: a fault to answer it with, or null (chaos tests). */
  randomFault?: (request: { path: string; query: Record<string, string> }) => FakeXFault | null;
}

/**
 * A fault applied to the next `times` (default 1) requests whose path starts with `pathPrefix` (default any)
 * and, if given, whose `query` contains `queryIncludes`:
 * - `status`: a 5xx problem body; `rateLimit`: 429 with `x-rate-limit-reset` that far ahead; `timeout`: no answer;
 * - `malformed`: the answer cut in half (a truncated body); `badJson`: a 200 whose body is not JSON at all;
 * - `rejected`: 400 with X's invalid-request body, as for a query X will not run; `sinceTooOld`: the 400 X
 *   sends for a since_id it thinks is older than its window (its clock running ahead);
 * - `empty`: a page with `result_count: 0` and a `next_token` that leads on to the real page (X documents
 *   that a page may hold fewer posts than asked, none included);
 * - `noIncludes`: the real page without its `includes` (authors X left out).
 */
export type FakeXFault = { times?: number; pathPrefix?: string; queryIncludes?: string } & (
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'malformed' }
  | { kind: 'badJson' }
  | { kind: 'timeout' }
  | { kind: 'rateLimit'; resetInMs: number }
  | { kind: 'rejected' }
  | { kind: 'sinceTooOld' }
  | { kind: 'empty' }
  | { kind: 'noIncludes' }
);

/** One request seen by the fake. `status` is 0 while unanswered (e.g. a `timeout` fault). */
export interface FakeXRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  fault?: FakeXFault['kind'];
}

/** A running fake X API v2 server on 127.0.0.1. */
export interface FakeXServer {
  /** Base URL, e.g. `http://127.0.0.1:43123` (no trailing slash). */
  url: string;
  close(): Promise<void>;
  addUsers(users: WireUser[]): void;
  addTweets(tweets: WireTweet[]): void;
  updateMetrics(id: string, metrics: WirePublicMetrics): void;
  injectFault(fault: FakeXFault): void;
  /** Live log of requests, oldest first. */
  readonly requests: FakeXRequest[];
  /**
   * What X would bill for the answers delivered whole: each post once per UTC day of the fake's clock
   * (a post sent again the same day is free), and each `counts/recent` request.
   */
  billing(): { posts: number; countsRequests: number };
  /** Ids of every post delivered whole in an answer, on any day. */
  readonly served: ReadonlySet<string>;
  /** The underlying store (for direct inspection in tests). */
  readonly store: FakeXStore;
}

/** Start the fake X API v2 on 127.0.0.1 and a random port. */
export async function startFakeXServer(options: FakeXServerOptions = {}): Promise<FakeXServer> {
  const now = options.now ?? Date.now;
  const maxQueryLength = options.maxQueryLength ?? 512;
  const store = new FakeXStore();
  const requests: FakeXRequest[] = [];
  const faults: { fault: FakeXFault; left: number }[] = [];
  const windows = new Map<string, { start: number; count: number }>();
  const hung = new Set<http.ServerResponse>();
  const billedPosts = new Set<string>();
  const served = new Set<string>();
  let countsRequests = 0;
  /** `empty` fault pages hand out a next_token of their own; it stands for the request's own token (or none). */
  const emptyTokens = new Map<string, string | null>();

  const { search, counts, timeline, lookupTweets, lookupUsers } = createEndpoints(store, {
    now,
    maxQueryLength,
  });

  const routes: {
    name: string;
    re: RegExp;
    limit: number;
    run: (m: RegExpExecArray, q: URLSearchParams) => Reply;
  }[] = [
    { name: 'search', re: /^\/2\/tweets\/search\/recent$/, limit: 450, run: (_m, q) => search(q) },
    { name: 'counts', re: /^\/2\/tweets\/counts\/recent$/, limit: 300, run: (_m, q) => counts(q) },
    { name: 'usersBy', re: /^\/2\/users\/by$/, limit: 300, run: (_m, q) => lookupUsers(q) },
    {
      name: 'userBy',
      re: /^\/2\/users\/by\/username\/([^/]+)$/,
      limit: 300,
      run: (m, q) => lookupUsers(q, decodeURIComponent(m[1]!)),
    },
    {
      name: 'timeline',
      re: /^\/2\/users\/([0-9]{1,19})\/tweets$/,
      limit: 1500,
      run: (m, q) => timeline(m[1]!, q),
    },
    { name: 'tweets', re: /^\/2\/tweets$/, limit: 300, run: (_m, q) => lookupTweets(q) },
    { name: 'tweet', re: /^\/2\/tweets\/([0-9]{1,19})$/, limit: 300, run: (m, q) => lookupTweets(q, m[1]!) },
  ];

  const problem = (status: number, title: string): WireProblem => ({
    title,
    detail: title,
    type: 'about:blank',
    status,
  });
  const rateHeaders = (limit: number, remaining: number, resetMs: number): Record<string, string> => ({
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)),
  });
  const STATUS_TITLES = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

  /** Decide the answer to one request: faults, then auth, routing, rate limit, endpoint. */
  const decide = (req: http.IncomingMessage, url: URL, fault: FakeXFault | undefined): Reply | 'hang' => {
    if (fault?.kind === 'timeout') return 'hang';
    if (fault?.kind === 'status')
      return { status: fault.status, body: problem(fault.status, STATUS_TITLES[fault.status]) };
    if (options.bearerToken !== undefined && req.headers.authorization !== `Bearer ${options.bearerToken}`)
      return { status: 401, body: problem(401, 'Unauthorized') };
    const route = routes.find((r) => r.re.test(url.pathname));
    const match = route?.re.exec(url.pathname);
    if (!route || !match || req.method !== 'GET') return { status: 404, body: problem(404, 'Not Found') };
    const limit = options.rateLimit?.limit ?? route.limit;
    const windowMs = options.rateLimit?.windowMs ?? 15 * 60 * 1000;
    const t = now();
    const tooMany = problem(429, 'Too Many Requests');
    if (fault?.kind === 'rateLimit')
      return { status: 429, body: tooMany, headers: rateHeaders(limit, 0, t + fault.resetInMs) };
    let win = windows.get(route.name);
    if (!win || t >= win.start + windowMs) {
      win = { start: t, count: 0 };
      windows.set(route.name, win);
    }
    const reset = win.start + windowMs;
    if (win.count >= limit) return { status: 429, body: tooMany, headers: rateHeaders(limit, 0, reset) };
    win.count++;
    const headers = rateHeaders(limit, limit - win.count, reset);
    if (fault?.kind === 'rejected' || fault?.kind === 'sinceTooOld') {
      const since = url.searchParams.get('since_id') ?? '0';
      const floor = t - 7 * 86_400_000;
      const error =
        fault.kind === 'rejected'
          ? new InvalidRequest(
              'query',
              url.searchParams.get('query') ?? '',
              'There were errors processing your request: Reference to invalid field (at position 1)',
            )
          : new InvalidRequest(
              'since_id',
              since,
              `'since_id' must be a tweet id created after ${new Date(floor).toISOString().slice(0, 16)}Z. Please use a 'since_id' that is larger than ${snowflakeAt(floor)}`,
            );
      return { status: 400, body: error.body(), headers };
    }
    try {
      return { ...route.run(match, url.searchParams), headers };
    } catch (e) {
      if (!(e instanceof InvalidRequest)) throw e;
      return { status: 400, body: e.body(), headers };
    }
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: FakeXRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    requests.push(entry);
    const token = url.searchParams.get('next_token');
    if (token !== null && emptyTokens.has(token)) {
      const own = emptyTokens.get(token);
      if (own) url.searchParams.set('next_token', own);
      else url.searchParams.delete('next_token');
    }
    const query = url.searchParams.get('query') ?? '';
    const slot = faults.find(
      (f) =>
        f.left > 0 &&
        url.pathname.startsWith(f.fault.pathPrefix ?? '') &&
        (f.fault.queryIncludes === undefined || query.includes(f.fault.queryIncludes)),
    );
    if (slot) slot.left--;
    const fault =
      slot?.fault ?? options.randomFault?.({ path: url.pathname, query: entry.query }) ?? undefined;
    if (fault) entry.fault = fault.kind;
    const reply = decide(req, url, fault);
    if (reply === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    let body = reply.body as { data?: unknown; includes?: unknown; meta?: Record<string, unknown> };
    const pageWithData = reply.status === 200 && Array.isArray(body?.data) && body.meta !== undefined;
    if (fault?.kind === 'empty' && pageWithData) {
      const alias = randomBytes(16).toString('hex').slice(0, 45).padEnd(45, '0');
      emptyTokens.set(alias, url.searchParams.get('next_token'));
      body = { meta: { result_count: 0, next_token: alias } };
    } else if (fault?.kind === 'noIncludes' && body?.includes !== undefined) {
      const { includes: _dropped, ...rest } = body;
      body = rest;
    }
    let text = JSON.stringify(body);
    if (fault?.kind === 'malformed') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    else if (fault?.kind === 'badJson') text = `${text.slice(0, -1)},}`;
    else if (reply.status === 200) bill(url.pathname, body);
    entry.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...reply.headers,
    });
    res.end(text);
  };

  /** Counts what X bills for an answer delivered whole. */
  const bill = (path: string, body: { data?: unknown }): void => {
    if (path === '/2/tweets/counts/recent') {
      countsRequests++;
      return;
    }
    const day = new Date(now()).toISOString().slice(0, 10);
    const data = Array.isArray(body.data) ? body.data : body.data ? [body.data] : [];
    for (const item of data as { id?: string; username?: string }[]) {
      if (!item.id || item.username !== undefined) continue;
      billedPosts.add(`${day}:${item.id}`);
      served.add(item.id);
    }
  };

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    store,
    billing: () => ({ posts: billedPosts.size, countsRequests }),
    served,
    addUsers: (users) => store.addUsers(users),
    addTweets: (tweets) => store.addTweets(tweets),
    updateMetrics: (id, metrics) => store.updateMetrics(id, metrics),
    injectFault: (fault) => {
      faults.push({ fault, left: fault.times ?? 1 });
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const res of hung) res.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
