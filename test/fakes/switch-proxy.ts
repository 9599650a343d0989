import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of a fake platform that can go down (connections refused) and come back on its port. */
export interface SwitchProxy {
  readonly port: number;
  /** Closes the listener and every connection: new connections are refused (ECONNREFUSED). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  readonly isUp: boolean;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) that forwards every connection to `target`. */
export async function startSwitchProxy(target: { host: string; port: number }): Promise<SwitchProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  await listen();
  const down = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    get port() {
      return port;
    },
    get isUp() {
      return server !== null;
    },
    down,
    up: () => (server ? Promise.resolve() : listen()),
    close: down,
  };
}
