import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KestrelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { HealthReport } from './health.js';

/** The HTTP server of `/healthz` and `/metrics`. */
export interface HealthServer {
  /** Where it listens, once started. */
  address(): { host: string; port: number } | null;
  close(): Promise<void>;
}

export interface HealthServerDeps {
  health: () => HealthReport;
  metrics: () => Promise<string>;
  metricsContentType: string;
  logger: Logger;
}

/**
 * Serves `GET /healthz` (200 or 503, JSON naming each check) and `GET /metrics` (Prometheus text) on
 * `host:port` (loopback by default). A port already taken is a clear start-up error, not a stack trace.
 */
export async function startHealthServer(
  options: { host: string; port: number },
  deps: HealthServerDeps,
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      let report: HealthReport;
      try {
        report = deps.health();
      } catch (error) {
        deps.logger.warn({ err: error }, 'health check failed');
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: (error as Error).message }));
        return;
      }
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
      return;
    }
    if (path === '/metrics') {
      deps.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': deps.metricsContentType });
          res.end(text);
        },
        (error: unknown) => {
          deps.logger.warn({ err: error }, 'metrics could not be collected');
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics could not be collected: ${(error as Error).message}\n`);
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${options.port} on ${options.host} is already in use (another Kestrel?); set health.port in the config`
          : `cannot listen on ${options.host}:${options.port}: ${error.message}`;
      reject(new KestrelError('CONFIG_INVALID', `The health server ${why}`, { cause: error }));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  server.unref();
  return {
    address() {
      const a = server.address() as AddressInfo | null;
      return a ? { host: a.address, port: a.port } : null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
