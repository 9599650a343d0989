import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { textReply } from '../../src/chat/reply.js';
import { openDatabase } from '../../src/store/database.js';
import { createOutboxStore } from '../../src/store/outbox-store.js';
import { type LimitedTarget, startLimitedTarget } from '../fakes/limited-target.js';

const MESSAGES = 1000;
const KILLS = 5;
const LIMIT_PER_S = 400;
const SEED = 20260101;
const CHILD = join(import.meta.dirname, 'crash-child.ts');

/** mulberry32: a small seeded PRNG, so the kill points are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startChild(dbPath: string, url: string, maxInFlight: number): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dbPath, url, String(LIMIT_PER_S), String(maxInFlight)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready\n')) onReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, ready, exited };
}

describe('crash recovery (a real child process, SIGKILLed at random points)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kestrel-crash-'));
  let target: LimitedTarget | undefined;
  afterAll(async () => {
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // One send in flight: at most one duplicate per kill. Four: at most the four in flight at each kill.
  it.each([
    { maxInFlight: 1, seed: SEED },
    { maxInFlight: 4, seed: SEED + 1 },
  ])(
    'delivers every message, and only those in flight at a kill twice (max in flight $maxInFlight)',
    {
      timeout: 60_000,
    },
    async ({ maxInFlight, seed }) => {
      const dbPath = join(dir, `kestrel-${maxInFlight}.db`);
      const keys: string[] = [];
      {
        const db = openDatabase(dbPath);
        const outbox = createOutboxStore(db);
        db.transaction(() => {
          for (let i = 0; i < MESSAGES; i++) {
            const key = `alert:user${i}:1900000000000000${String(i).padStart(3, '0')}`;
            keys.push(key);
            outbox.enqueue(
              { key, target: `telegram:${10_000 + i}`, reply: textReply(key, 'A vacancy'), notBefore: 0 },
              0,
            );
          }
        })();
        db.close();
      }
      await target?.close();
      target = await startLimitedTarget({
        limits: {
          global: { limit: LIMIT_PER_S, windowMs: 1000 },
          perTarget: { limit: 1, windowMs: 1000 },
          perGroup: null,
        },
      });

      const next = random(seed);
      /** For each kill: the keys it left `sending`, and how many were delivered by then. */
      const kills: { delayMs: number; sending: string[]; deliveredBefore: number }[] = [];
      const recovered: number[] = [];
      for (let i = 0; i < KILLS; i++) {
        const before = target.delivered.length;
        const run = startChild(dbPath, target.url, maxInFlight);
        await run.ready;
        // The random point is counted from the child's first delivery, so every kill lands while sending.
        let gone = false;
        void run.exited.then(() => {
          gone = true;
        });
        while (target.delivered.length === before && !gone)
          await new Promise((resolve) => setTimeout(resolve, 1));
        expect(gone, 'the child exited before it was killed').toBe(false);
        const delayMs = Math.round(50 + next() * 400);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        run.child.kill('SIGKILL');
        const exit = await run.exited;
        expect(exit.signal, exit.stderr).toBe('SIGKILL');
        const db = openDatabase(dbPath);
        kills.push({
          delayMs,
          sending: createOutboxStore(db).keys('sending'),
          deliveredBefore: target.delivered.length,
        });
        db.close();
      }
      for (let runs = 0; ; runs++) {
        expect(runs).toBeLessThan(3);
        const exit = await startChild(dbPath, target.url, maxInFlight).exited;
        expect(exit.code, exit.stderr).toBe(0);
        recovered.push((JSON.parse(exit.stdout.split('\n')[1] ?? '{}') as { recovered: number }).recovered);
        const db = openDatabase(dbPath);
        const counts = createOutboxStore(db).counts();
        db.close();
        if (counts.pending === 0 && counts.sending === 0) break;
      }

      // Every kill landed while messages were being sent.
      expect(kills.every((kill) => kill.deliveredBefore < MESSAGES)).toBe(true);
      const times = new Map<string, number>();
      for (const message of target.delivered) {
        const key = message.text.split('\n')[0] as string;
        times.set(key, (times.get(key) ?? 0) + 1);
      }
      const lost = keys.filter((key) => !times.has(key));
      const duplicates = [...times].filter(([, n]) => n > 1);
      const windowKeys = kills.flatMap((kill) => kill.sending);
      expect(lost).toEqual([]);
      expect([...times.keys()].sort()).toEqual([...keys].sort());
      // Duplicates only come from the window: a message left `sending` by a kill, at most once per such kill.
      for (const [key, n] of duplicates) {
        expect(windowKeys).toContain(key);
        expect(n - 1).toBeLessThanOrEqual(windowKeys.filter((k) => k === key).length);
      }
      const duplicateCount = duplicates.reduce((sum, [, n]) => sum + n - 1, 0);
      expect(duplicateCount).toBeLessThanOrEqual(windowKeys.length);
      expect(duplicateCount).toBeLessThanOrEqual(KILLS * maxInFlight);
      // Each restart resent exactly what the kill before it left in flight.
      expect(recovered[0]).toBe(kills[kills.length - 1]?.sending.length);
      const db = openDatabase(dbPath);
      expect(createOutboxStore(db).counts()).toEqual({ pending: 0, sending: 0, sent: MESSAGES, failed: 0 });
      db.close();
      process.stderr.write(
        `crash test, max in flight ${maxInFlight}: ${KILLS} kills at ${kills.map((k) => k.delayMs).join('/')} ms, left sending ` +
          `${kills.map((k) => k.sending.length).join('/')}, duplicates ${duplicateCount}, lost ${lost.length}, ` +
          `429s ${target.counts.tooMany}\n`,
      );
    },
  );
});
