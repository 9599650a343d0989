import type { Readable, Writable } from 'node:stream';
import type { ConsoleIdentity } from '../../adapters/console/console-adapter.js';
import type { Kestrel } from '../app.js';
import { createCommandSet } from '../chat/command-set.js';
import { createRegistry } from '../chat/registry.js';
import { CLASSIFIER_VERSION } from '../classify/classifier.js';
import type { KestrelEnv } from '../config/env.js';
import { rememberReply } from '../feedback/lists.js';
import { createSupervisor } from '../health/supervisor.js';
import { createPollScheduler } from '../monitor/scheduler.js';
import type { InstanceLock } from '../store/instance-lock.js';
import { outdatedReadings } from '../store/stats-store.js';
import { openConsoleSession } from './console-session.js';
import { startHealthEndpoint } from './health-endpoint.js';
import { createProgress } from './progress.js';
import { type Runtime, startRuntime } from './runtime.js';
import { shutDown, waitFor } from './shutdown.js';
import { runReclassify } from './store-commands.js';
import { formatIngestSummary } from './summary.js';

/** Exit code after a supervised part crashed too often in a row (EX_SOFTWARE): the container restarts it. */
export const EXIT_GAVE_UP = 70;

/** In-flight sends get this long to be confirmed and recorded at shutdown. */
const SEND_GRACE_MS = 10_000;

/**
 * `kestrel start`: with an X token, poll now and then on schedule; without one, replay the demo corpus.
 * Then the console chat prints the digest and takes commands until its input ends or /quit; with a
 * schedule or a chat platform it keeps running until SIGTERM/SIGINT, then shuts down gracefully (no new
 * sends, in-flight sends recorded within 10 s, the poll's transaction finished, the database closed).
 * Serves GET /healthz and GET /metrics meanwhile. The dispatcher, the poll scheduler and the digest cron
 * are supervised; after too many crashes in a row it shuts down and returns 70.
 */
export async function runStart(
  kestrel: Kestrel,
  io: { input: Readable; output: Writable },
  identity: ConsoleIdentity,
  env: KestrelEnv,
  lock: InstanceLock | null = null,
): Promise<number> {
  const out = (text: string) => io.output.write(`${text}\n`);
  const { logger, clock } = kestrel;
  let signalled: () => void = () => {};
  const signal = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  let exitCode = 0;
  const supervisor = createSupervisor({
    clock,
    logger,
    onGiveUp: () => {
      exitCode = EXIT_GAVE_UP;
      signalled();
    },
  });
  const watches = kestrel.stores.watches.list();
  const scheduler = createPollScheduler({
    poller: kestrel.poller,
    schedule: { expression: kestrel.config.poll.schedule, timezone: kestrel.config.poll.timezone },
    logger,
    guard: (run) => supervisor.job('poll', run),
  });
  let runtime: Runtime | null = null;
  const health = await startHealthEndpoint({
    kestrel,
    supervisor,
    pollIntervalMs: () => scheduler.intervalMs(),
    dispatcherHeartbeat: () => runtime?.dispatcher.heartbeat() ?? null,
  });
  const stopSignal = () => signalled();
  process.once('SIGINT', stopSignal);
  process.once('SIGTERM', stopSignal);
  try {
    let header: string;
    let added: Map<number, number>;
    if (kestrel.demo) {
      const progress = createProgress('demo replay (pages)');
      const { lines, shiftMs } = kestrel.demoCorpus;
      const report = await kestrel
        .replay(lines, shiftMs, (p) => progress.update(p.done, p.total))
        .finally(() => progress.stop());
      header =
        'Demo mode (no X_BEARER_TOKEN): replayed the bundled corpus into ' +
        `${kestrel.dbPath}: ${report.tweets} tweets, ${report.tweetsNew} new.`;
      added = report.perWatch;
      // The demo store is small: re-read what an older classifier stored in it, rather than show stale labels.
      if (outdatedReadings(kestrel.db, CLASSIFIER_VERSION) > 0) runReclassify(kestrel, io.output);
    } else {
      const report = await kestrel.poller.runOnce();
      header = `Polled X: ${report.status}, ${report.requests} requests, ${report.tweetsRead} read, ${report.tweetsNew} new.`;
      added = report.perWatch;
      scheduler.start();
      const outdated = outdatedReadings(kestrel.db, CLASSIFIER_VERSION);
      if (outdated > 0)
        header += `\n${outdated} stored tweets were read by an older classifier: run kestrel reclassify to read them again.`;
    }
    out(
      formatIngestSummary(
        watches,
        added,
        kestrel.stores.watches.matchCounts(),
        `${header}\nPer watch (new / total):`,
      ),
    );
    out('');

    const commands = createCommandSet({
      ...kestrel,
      source: kestrel.demo ? null : kestrel.source,
      nextPoll: () => scheduler.nextRun(),
    });
    // Every list a command answers with becomes the chat's last list, so `/feedback 2 …` can follow it.
    const registry = createRegistry(commands, {
      logger: kestrel.logger,
      onReply: (reply, ctx) => rememberReply(kestrel.feedback, ctx.chat.id, reply, ctx.now),
    });
    const chat = await openConsoleSession(kestrel, io, identity, () => scheduler.nextRun(), registry);
    const started = await startRuntime({
      kestrel,
      env,
      registry,
      commands,
      console: chat,
      operatorChatId: chat.chatId,
      supervisor,
      observe: health.metrics.send,
    });
    runtime = started;
    kestrel.onAfterCycle(() => started.dispatcher.poke());
    out(await chat.receive('/digest'));
    const next = scheduler.nextRun();
    out(`\n${next ? `Next poll ${next.toISOString()}. ` : ''}Type /help for commands, /quit to leave.`);

    void signal.then(() => chat.stop());
    await Promise.race([chat.closed(), signal]);
    // Without a terminal (a container, a service) the chat ends at once; polling and chats go on until a signal.
    const platforms = Object.keys(started.adapters).some((platform) => platform !== 'console');
    if (exitCode === 0 && (scheduler.nextRun() || platforms)) {
      logger.info('console input closed; running until SIGINT/SIGTERM');
      await signal;
    }
    process.off('SIGINT', stopSignal);
    process.off('SIGTERM', stopSignal);
    logger.info('shutting down');
    const unclean = await shutDown(
      [
        { name: 'stop polling', run: () => scheduler.stop() },
        // The poll's writes are transactions per query: wait for the cycle under way to finish.
        {
          name: 'finish the poll under way',
          run: () => waitFor(() => !kestrel.poller.running, SEND_GRACE_MS, clock),
        },
        { name: 'stop sending', run: () => started.stopSending(), timeoutMs: SEND_GRACE_MS },
        { name: 'stop chat platforms', run: () => started.stopAdapters(), timeoutMs: 5_000 },
        { name: 'stop the health server', run: () => health.server.close(), timeoutMs: 2_000 },
        { name: 'close the database', run: () => kestrel.close() },
        { name: 'release the instance lock', run: () => lock?.release() },
      ],
      { clock, logger },
    );
    if (unclean.length > 0) logger.warn({ unclean }, 'shut down, not everything cleanly');
    else logger.info('shut down cleanly');
  } catch (error) {
    // A failure while starting (a full disk, a broken database): undo what runs, then the one-line error.
    process.off('SIGINT', stopSignal);
    process.off('SIGTERM', stopSignal);
    await shutDown(
      [
        { name: 'stop polling', run: () => scheduler.stop() },
        { name: 'stop sending', run: () => runtime?.stopSending(), timeoutMs: SEND_GRACE_MS },
        { name: 'stop chat platforms', run: () => runtime?.stopAdapters(), timeoutMs: 5_000 },
        { name: 'stop the health server', run: () => health.server.close(), timeoutMs: 2_000 },
        { name: 'close the database', run: () => kestrel.close() },
      ],
      { clock, logger },
    );
    throw error;
  }
  return exitCode;
}
