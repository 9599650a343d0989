import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { ConsoleIdentity } from '../../adapters/console/console-adapter.js';
import type { Kestrel } from '../app.js';
import { openConsoleSession } from './console-session.js';

/**
 * `kestrel chat [--exec "/mentions yandex"]`: the console chat on the stored data, without polling.
 * With --exec, runs one command, prints the reply and exits (for scripts).
 */
export async function runChat(
  kestrel: Kestrel,
  io: { input: Readable; output: Writable },
  identity: ConsoleIdentity,
  exec: string | undefined,
): Promise<number> {
  if (exec !== undefined) {
    const quiet = new PassThrough();
    quiet.end();
    const chat = await openConsoleSession(kestrel, { input: quiet, output: io.output }, identity, () => null);
    io.output.write(`${await chat.receive(exec)}\n`);
    await chat.stop();
    return 0;
  }
  const chat = await openConsoleSession(kestrel, io, identity, () => null);
  await chat.closed();
  return 0;
}
