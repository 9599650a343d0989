#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKestrel, type Kestrel, pagesShiftedOnce } from './app.js';
import { dbStatsText } from './cli/db-stats.js';
import { createProgress } from './cli/progress.js';
import { runStart } from './cli/start.js';
import { systemClock } from './clock.js';
import { parseEnv } from './config/env.js';
import { loadConfigFile } from './config/load.js';
import { KestrelError } from './errors.js';
import { createLogger } from './logger.js';
import { replayPages } from './monitor/replay.js';
import { readPagesFile } from './x/replay-source.js';

const USAGE = `kestrel: watches X for your team.

Usage:
  kestrel start               poll on schedule (or replay the demo corpus with no X token) and open the console chat
  kestrel poll --once         run one poll cycle and print what it stored
  kestrel db stats            what the store holds, API usage against the budget, the last poll
  kestrel replay FILE         store recorded X API v2 pages (JSONL) as if polled [--no-shift]
  kestrel help

Options:
  --config PATH               config file (default: $KESTREL_CONFIG or kestrel.config.yaml)
  --db PATH                   database file (default: storage.path from the config)`;

/** Where the CLI reads and writes; tests pass their own streams. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** The composition root: reads env and config once, wires Kestrel, runs one CLI command. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = processIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      db: { type: 'string' },
      once: { type: 'boolean', default: false },
      'no-shift': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'help', ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const parsedEnv = parseEnv({
    ...env,
    KESTREL_CONFIG: values.config ?? env.KESTREL_CONFIG,
    KESTREL_DB: values.db ?? env.KESTREL_DB,
  });
  const logger = createLogger({ level: parsedEnv.LOG_LEVEL });
  const config = loadConfigFile(parsedEnv.KESTREL_CONFIG);
  const open = (): Kestrel => createKestrel({ config, env: parsedEnv, clock: systemClock, logger });

  switch (command) {
    case 'start':
      return runStart(open(), { input: io.stdin, output: io.stdout });
    case 'poll': {
      if (!values.once)
        throw new KestrelError('INPUT_INVALID', 'poll needs --once (scheduled polling is `kestrel start`)');
      const kestrel = open();
      try {
        const report = await kestrel.poller.runOnce();
        io.stdout.write(
          `${report.status}: ${report.queries} queries, ${report.requests} requests, ${report.tweetsRead} read, ${report.tweetsNew} new, ${report.matchesNew} new matches${report.reason ? ` (${report.reason})` : ''}\n`,
        );
        return report.status === 'failed' ? 1 : 0;
      } finally {
        kestrel.close();
      }
    }
    case 'db': {
      if (rest[0] !== 'stats') throw new KestrelError('INPUT_INVALID', 'usage: kestrel db stats');
      const kestrel = open();
      try {
        io.stdout.write(`${dbStatsText(kestrel)}\n`);
        return 0;
      } finally {
        kestrel.close();
      }
    }
    case 'replay': {
      const file = rest[0];
      if (!file) throw new KestrelError('INPUT_INVALID', 'usage: kestrel replay FILE.jsonl [--no-shift]');
      const kestrel = open();
      try {
        const pages = values['no-shift']
          ? readPagesFile(file)
          : pagesShiftedOnce(file, kestrel.meta, kestrel.clock);
        const progress = createProgress('replay');
        const report = replayPages(
          pages,
          { stores: kestrel.stores, ingestor: kestrel.ingestor, now: kestrel.clock.now },
          (p) => progress.update(p.done, p.total),
        );
        progress.stop();
        io.stdout.write(
          `replayed ${report.tweets} tweets: ${report.tweetsNew} new, ${report.matchesNew} new matches\n`,
        );
        return 0;
      } finally {
        kestrel.close();
      }
    }
    default:
      io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

/** Runs the CLI and sets the exit code; errors are printed as one clear line, not a stack. */
export function runCli(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  return main(argv, env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message =
        error instanceof KestrelError ? error.message : String((error as Error)?.stack ?? error);
      process.stderr.write(`kestrel: ${message}\n`);
      process.exitCode = error instanceof KestrelError && error.code === 'CONFIG_INVALID' ? 78 : 1;
    },
  );
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) void runCli(process.argv.slice(2), process.env);
