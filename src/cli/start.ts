import type { Readable, Writable } from 'node:stream';
import type { ConsoleIdentity } from '../../adapters/console/console-adapter.js';
import type { Kestrel } from '../app.js';
import { createCommandSet } from '../chat/command-set.js';
import { createRegistry } from '../chat/registry.js';
import { CLASSIFIER_VERSION } from '../classify/classifier.js';
import type { KestrelEnv } from '../config/env.js';
import { createPollScheduler } from '../monitor/scheduler.js';
import { outdatedReadings } from '../store/stats-store.js';
import { openConsoleSession } from './console-session.js';
import { createProgress } from './progress.js';
import { startRuntime } from './runtime.js';
import { runReclassify } from './store-commands.js';
import { formatIngestSummary } from './summary.js';

/**
 * `kestrel start`: with an X token, poll now and then on schedule; without one, replay the demo corpus.
 * Then the console chat prints the digest and takes commands until its input ends or /quit.
 */
export async function runStart(
  kestrel: Kestrel,
  io: { input: Readable; output: Writable },
  identity: ConsoleIdentity,
  env: KestrelEnv,
): Promise<number> {
  const out = (text: string) => io.output.write(`${text}\n`);
  const watches = kestrel.stores.watches.list();
  const scheduler = createPollScheduler({
    poller: kestrel.poller,
    schedule: { expression: kestrel.config.poll.schedule, timezone: kestrel.config.poll.timezone },
    logger: kestrel.logger,
  });
  let header: string;
  let added: Map<number, number>;
  if (kestrel.demo) {
    const progress = createProgress('demo replay (pages)');
    const { lines, shiftMs } = kestrel.demoCorpus;
    const report = await kestrel.replay(lines, shiftMs, (p) => progress.update(p.done, p.total));
    progress.stop();
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
  const registry = createRegistry(commands, { logger: kestrel.logger });
  const chat = await openConsoleSession(kestrel, io, identity, () => scheduler.nextRun(), registry);
  const runtime = await startRuntime({
    kestrel,
    env,
    registry,
    commands,
    console: chat,
    operatorChatId: chat.chatId,
  });
  kestrel.onAfterCycle(() => runtime.dispatcher.poke());
  out(await chat.receive('/digest'));
  const next = scheduler.nextRun();
  out(`\n${next ? `Next poll ${next.toISOString()}. ` : ''}Type /help for commands, /quit to leave.`);

  let signalled: () => void = () => {};
  const signal = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  const stop = () => {
    void chat.stop();
    signalled();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await chat.closed();
  // Without a terminal (a container, a service) the chat ends at once; polling goes on until a signal.
  if (scheduler.nextRun()) {
    kestrel.logger.info('console input closed; polling continues until SIGINT/SIGTERM');
    await signal;
  }
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await scheduler.stop();
  await runtime.stop();
  await kestrel.close();
  return 0;
}
