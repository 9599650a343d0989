import type { Kestrel } from '../app.js';
import { checkHealth } from '../health/health.js';
import { createMetrics, type Metrics } from '../health/metrics.js';
import { type HealthServer, startHealthServer } from '../health/server.js';
import type { Supervisor } from '../health/supervisor.js';
import { createHealthQueries } from '../store/health-queries.js';
import { createOutboxStore } from '../store/outbox-store.js';

/** The health endpoint of `kestrel start` and the metrics it serves. */
export interface HealthEndpoint {
  server: HealthServer;
  metrics: Metrics;
}

/**
 * Starts `GET /healthz` and `GET /metrics` on `health.host:health.port`, before anything else of
 * `kestrel start`, so a taken port is the first and only line. The dispatcher's state is read lazily:
 * until the runtime runs, the dispatcher check fails (the container is not healthy yet).
 */
export async function startHealthEndpoint(deps: {
  kestrel: Kestrel;
  supervisor: Supervisor;
  pollIntervalMs: () => number | null;
  dispatcherHeartbeat: () => number | null;
}): Promise<HealthEndpoint> {
  const { kestrel, supervisor } = deps;
  const queries = createHealthQueries(kestrel.db);
  const outbox = createOutboxStore(kestrel.db);
  const metrics = createMetrics({
    queries,
    outboxCounts: () => outbox.counts(),
    supervised: () => supervisor.states(),
    prices: {
      pricePerRead: kestrel.config.x.pricePerRead,
      pricePerCountsRequest: kestrel.config.x.pricePerCountsRequest,
    },
  });
  const startedAt = kestrel.clock.now();
  const server = await startHealthServer(kestrel.config.health, {
    health: () =>
      checkHealth({
        queries,
        now: kestrel.clock.now,
        demo: kestrel.demo,
        pollIntervalMs: deps.pollIntervalMs,
        startedAt,
        dispatcher: () => {
          const heartbeat = deps.dispatcherHeartbeat();
          return {
            alive: heartbeat !== null && (supervisor.state('dispatcher')?.alive ?? false),
            heartbeat: heartbeat ?? 0,
          };
        },
      }),
    metrics: () => metrics.render(),
    metricsContentType: metrics.registry.contentType,
    logger: kestrel.logger,
  });
  kestrel.logger.info({ address: server.address() }, 'health and metrics at GET /healthz, GET /metrics');
  return { server, metrics };
}
