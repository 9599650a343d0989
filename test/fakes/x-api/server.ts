import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEndpoints, type Reply } from './endpoints.js';
import { InvalidRequest } from './params.js';
import { FakeXStore } from './store.js';
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
}

/** A fault applied to the next `times` (default 1) requests whose path starts with `pathPrefix` (default any). */
export type FakeXFault = { times?: number; pathPrefix?: string } & (
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'malformed' }
  | { kind: 'timeout' }
  | { kind: 'rateLimit'; resetInMs: number }
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

  const { search, timeline, lookupTweets, lookupUsers } = createEndpoints(store, { now, maxQueryLength });

  const routes: {
    name: string;
    re: RegExp;
    limit: number;
    run: (m: RegExpExecArray, q: URLSearchParams) => Reply;
  }[] = [
    { name: 'search', re: /^\/2\/tweets\/search\/recent$/, limit: 450, run: (_m, q) => search(q) },
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
    const slot = faults.find((f) => f.left > 0 && url.pathname.startsWith(f.fault.pathPrefix ?? ''));
    if (slot) {
      slot.left--;
      entry.fault = slot.fault.kind;
    }
    const reply = decide(req, url, slot?.fault);
    if (reply === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    let text = JSON.stringify(reply.body);
    if (slot?.fault.kind === 'malformed') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    entry.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...reply.headers,
    });
    res.end(text);
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
