import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Platform } from '../delivery/platform-limits.js';
import type { HealthQueries } from '../store/health-queries.js';
import type { OutboxStatus } from '../store/outbox-store.js';
import type { PartState } from './supervisor.js';

/** What the dispatcher reports of each send, per platform. */
export type SendOutcome = 'sent' | 'rate_limited' | 'retried' | 'failed';

/** Kestrel's Prometheus metrics: read from the store at scrape time, plus what the process counted. */
export interface Metrics {
  readonly registry: Registry;
  /** Counts one send outcome of a platform. */
  send(platform: Platform, outcome: SendOutcome): void;
  /** The text of `GET /metrics`. */
  render(): Promise<string>;
}

export interface MetricsDeps {
  queries: Pick<HealthQueries, 'pollsByStatus' | 'usageTotals' | 'tweetsByLabel'>;
  outboxCounts: () => Record<OutboxStatus, number>;
  supervised: () => Record<string, PartState>;
  prices: { pricePerRead: number; pricePerCountsRequest: number };
}

/**
 * Polls, X reads and dollars, tweets stored per label, outbox depth by state (from the database, so they
 * survive restarts), sends and 429s per platform, crashes and restarts of the supervised loops, and
 * Node's defaults (event-loop lag, memory, CPU) on a registry of its own (no global state).
 */
export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kestrel_' });
  const totals = (metric: Counter<string>, values: Record<string, number>, label: string) => {
    metric.reset();
    for (const [key, n] of Object.entries(values)) metric.inc({ [label]: key }, n);
  };

  new Counter({
    name: 'kestrel_polls_total',
    help: 'Poll cycles recorded, by status (ok, partial, failed, skipped).',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      totals(this, deps.queries.pollsByStatus(), 'status');
    },
  });
  new Counter({
    name: 'kestrel_x_requests_total',
    help: 'X API requests, by kind (read: posts, counts: counts/recent).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const u = deps.queries.usageTotals();
      totals(this, { read: u.requests, counts: u.countsRequests }, 'kind');
    },
  });
  new Counter({
    name: 'kestrel_x_reads_total',
    help: 'Posts read from X, by billing (billed: once per UTC day; free: returned again the same day).',
    labelNames: ['billing'],
    registers: [registry],
    collect() {
      const u = deps.queries.usageTotals();
      totals(this, { billed: u.tweetsRead, free: u.reReads }, 'billing');
    },
  });
  new Counter({
    name: 'kestrel_x_cost_dollars_total',
    help: 'What the X reads cost at the configured prices, in US dollars.',
    registers: [registry],
    collect() {
      const u = deps.queries.usageTotals();
      this.reset();
      this.inc(
        u.tweetsRead * deps.prices.pricePerRead + u.countsRequests * deps.prices.pricePerCountsRequest,
      );
    },
  });
  new Gauge({
    name: 'kestrel_tweets_stored',
    help: 'Tweets stored, by label.',
    labelNames: ['label'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [label, n] of Object.entries(deps.queries.tweetsByLabel())) this.set({ label }, n);
    },
  });
  new Gauge({
    name: 'kestrel_outbox_messages',
    help: 'Outbox messages by state (pending, sending, sent, failed).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      for (const [state, n] of Object.entries(deps.outboxCounts())) this.set({ state }, n);
    },
  });
  const sends = new Counter({
    name: 'kestrel_sends_total',
    help: 'Send attempts by platform and outcome (sent, rate_limited: a 429, retried, failed).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  new Counter({
    name: 'kestrel_restarts_total',
    help: 'Restarts of the supervised loops after a crash, by part (dispatcher, poll, digest-cron).',
    labelNames: ['part'],
    registers: [registry],
    collect() {
      totals(
        this,
        Object.fromEntries(Object.entries(deps.supervised()).map(([part, s]) => [part, s.restarts])),
        'part',
      );
    },
  });
  new Counter({
    name: 'kestrel_crashes_total',
    help: 'Crashes of the supervised loops, by part.',
    labelNames: ['part'],
    registers: [registry],
    collect() {
      totals(
        this,
        Object.fromEntries(Object.entries(deps.supervised()).map(([part, s]) => [part, s.crashes])),
        'part',
      );
    },
  });

  return {
    registry,
    send: (platform, outcome) => sends.inc({ platform, outcome }),
    render: () => registry.metrics(),
  };
}
