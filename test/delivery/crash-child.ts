/**
 * The crash test's child: runs the dispatcher over a file database until nothing is pending, sending to
 * the fake limited target over HTTP, and exits. The parent SIGKILLs it at random points and starts it again.
 *
 * Usage: node --import tsx test/delivery/crash-child.ts <db> <target-url> <limit-per-s> <max-in-flight>
 */
import { createChatMembership } from '../../src/chat/membership.js';
import { systemClock } from '../../src/clock.js';
import { createDispatcher } from '../../src/delivery/dispatcher.js';
import { PUBLISHED_LIMITS } from '../../src/delivery/platform-limits.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { createHttpTargetAdapter } from './http-target-adapter.js';

const [dbPath, url, limitPerS, maxInFlight] = process.argv.slice(2);
if (!dbPath || !url || !limitPerS || !maxInFlight) {
  process.stderr.write('usage: crash-child.ts <db> <target-url> <limit-per-s> <max-in-flight>\n');
  process.exit(2);
}
const db = openDatabase(dbPath);
const telegram = createHttpTargetAdapter({ url });
const dispatcher = createDispatcher({
  outbox: createOutboxStore(db),
  chats: createChatStore(db),
  membership: createChatMembership({
    store: createMembershipStore(db),
    now: systemClock.now,
    logger: silentLogger(),
  }),
  adapters: { telegram },
  clock: systemClock,
  logger: silentLogger(),
  limits: {
    telegram: { ...PUBLISHED_LIMITS.telegram, global: { limit: Number(limitPerS), windowMs: 1000 } },
  },
  maxInFlight: Number(maxInFlight),
});
process.stdout.write('ready\n');
await dispatcher.drain();
process.stdout.write(`${JSON.stringify(dispatcher.stats())}\n`);
await telegram.stop();
db.close();
