import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatMembership } from '../../src/chat/membership.js';
import { textReply } from '../../src/chat/reply.js';
import { systemClock } from '../../src/clock.js';
import { createDispatcher } from '../../src/delivery/dispatcher.js';
import { PUBLISHED_LIMITS, scaleLimits } from '../../src/delivery/platform-limits.js';
import { silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { createHttpTargetAdapter } from '../../test/delivery/http-target-adapter.js';
import { startLimitedTarget } from '../../test/fakes/limited-target.js';

/** Fan-out of job alerts through the dispatcher to a fake platform that enforces Telegram's limits. */
export interface FanoutBench {
  messages: number;
  /** The overall limit the fake enforced (messages per second). */
  limit_per_s: number;
  /** True: Telegram's limits multiplied by `scale` to keep the run short. */
  scaled: boolean;
  scale: number;
  elapsed_s: number;
  rate_per_s: number;
  /** Achieved rate over the overall limit (target ≥ 0.9). */
  rate_vs_limit: number;
  http_429: number;
  duplicates: number;
  lost: number;
}

/**
 * 10,000 job alerts, one per person (DM targets), enqueued in a file database and sent by the dispatcher
 * over real HTTP to the fake limited target on 127.0.0.1. The fake enforces Telegram's published limits
 * scaled up (30/s → 1,000/s overall, 1/s → 33/s per chat) in sliding windows and answers 429 like Telegram;
 * the dispatcher paces with the same scaled limits.
 */
export async function runFanoutBench(
  options: { messages?: number; limitPerS?: number } = {},
): Promise<FanoutBench> {
  const messages = options.messages ?? 10_000;
  const limitPerS = options.limitPerS ?? 1000;
  const telegram = PUBLISHED_LIMITS.telegram;
  const scale = limitPerS / (telegram.global?.limit ?? 30);
  const limits = scaleLimits(telegram, scale);
  const dir = mkdtempSync(join(tmpdir(), 'kestrel-fanout-'));
  const target = await startLimitedTarget({ limits });
  const db = openDatabase(join(dir, 'fanout.db'));
  try {
    const outbox = createOutboxStore(db);
    const keys: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < messages; i++) {
        const key = `alert:telegram:${100_000 + i}:${1_900_000_000_000_000_000n + BigInt(i)}`;
        keys.push(key);
        outbox.enqueue(
          {
            key,
            target: `telegram:${100_000 + i}`,
            reply: textReply(
              key,
              'Senior backend developer (Go), remote, from 350k ₽ — https://x.com/i/status/1',
            ),
            notBefore: 0,
          },
          0,
        );
      }
    })();
    const telegram = createHttpTargetAdapter({ url: target.url });
    const dispatcher = createDispatcher({
      outbox,
      chats: createChatStore(db),
      membership: createChatMembership({
        store: createMembershipStore(db),
        now: systemClock.now,
        logger: silentLogger(),
      }),
      adapters: { telegram },
      clock: systemClock,
      logger: silentLogger(),
      limits: { telegram: limits },
      maxInFlight: 32,
    });
    const t0 = performance.now();
    await dispatcher.drain();
    const elapsedS = (performance.now() - t0) / 1000;
    await telegram.stop();

    const seen = new Map<string, number>();
    for (const message of target.delivered) {
      const key = message.text.split('\n')[0] as string;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const ratePerS = messages / elapsedS;
    return {
      messages,
      limit_per_s: limitPerS,
      scaled: scale !== 1,
      scale: Math.round(scale * 100) / 100,
      elapsed_s: Math.round(elapsedS * 100) / 100,
      rate_per_s: Math.round(ratePerS),
      rate_vs_limit: Math.round((ratePerS / limitPerS) * 1000) / 1000,
      http_429: target.counts.tooMany,
      duplicates: target.delivered.length - seen.size,
      lost: keys.filter((key) => !seen.has(key)).length,
    };
  } finally {
    db.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
