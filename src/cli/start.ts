import type { Readable, Writable } from 'node:stream';
import { createConsoleChat } from '../../adapters/console/console-chat.js';
import type { Kestrel } from '../app.js';
import { replayPages } from '../monitor/replay.js';
import { createPollScheduler } from '../monitor/scheduler.js';
import { dbStatsText } from './db-stats.js';
import { createProgress } from './progress.js';
import { formatIngestSummary } from './summary.js';

/**
 * `kestrel start`: with an X token, poll now and then on schedule; without one, replay the demo corpus.
 * Then the console chat runs until its input ends or /quit.
 */
export async function runStart(kestrel: Kestrel, io: { input: Readable; output: Writable }): Promise<number> {
  const out = (text: string) => io.output.write(`${text}\n`);
  const watches = kestrel.stores.watches.list();
  let header: string;
  let added: Map<number, number>;
  const scheduler = createPollScheduler({
    poller: kestrel.poller,
    schedule: { expression: kestrel.config.poll.schedule, timezone: kestrel.config.poll.timezone },
    logger: kestrel.logger,
  });
  if (kestrel.demo) {
    const progress = createProgress('demo replay');
    const report = replayPages(
      kestrel.demoPages,
      { stores: kestrel.stores, ingestor: kestrel.ingestor, now: kestrel.clock.now, batchTweets: 100 },
      (p) => progress.update(p.done, p.total),
    );
    progress.stop();
    header =
      'Demo mode (no X_BEARER_TOKEN): replayed the bundled corpus into ' +
      `${kestrel.dbPath}: ${report.tweets} tweets, ${report.tweetsNew} new.`;
    added = report.perWatch;
  } else {
    const report = await kestrel.poller.runOnce();
    header = `Polled X: ${report.status}, ${report.requests} requests, ${report.tweetsRead} read, ${report.tweetsNew} new.`;
    added = report.perWatch;
    scheduler.start();
  }
  out(
    formatIngestSummary(
      watches,
      added,
      kestrel.stores.watches.matchCounts(),
      `${header}\nPer watch (new / total):`,
    ),
  );
  const next = scheduler.nextRun();
  out(next ? `Next poll ${next.toISOString()}. Type /stats or /quit.` : 'Type /stats or /quit.');

  const chat = createConsoleChat({
    input: io.input,
    output: io.output,
    handle: async (line) => {
      if (line === '/stats') return dbStatsText(kestrel);
      return `Commands other than /stats and /quit are not here yet ("${line.slice(0, 40)}").`;
    },
  });
  let signalled: () => void = () => {};
  const signal = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  const stop = () => {
    chat.close();
    signalled();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await chat.run();
  // Without a terminal (a container, a service) the chat ends at once; polling goes on until a signal.
  if (scheduler.nextRun()) {
    kestrel.logger.info('console input closed; polling continues until SIGINT/SIGTERM');
    await signal;
  }
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await scheduler.stop();
  kestrel.close();
  return 0;
}
