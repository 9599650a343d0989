#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ConsoleIdentity } from '../adapters/console/console-adapter.js';
import { createKestrel, type Kestrel } from './app.js';
import { langOfLocale } from './chat/i18n.js';
import { runChat } from './cli/chat.js';
import { readBrandsFile, runClassify } from './cli/classify.js';
import { runFeedbackExport } from './cli/feedback-export.js';
import { runForget } from './cli/forget.js';
import { runModel } from './cli/model.js';
import { runStart } from './cli/start.js';
import { runDbStats, runPollOnce, runReclassify, runReplay } from './cli/store-commands.js';
import { runWatchEstimate } from './cli/watch-estimate.js';
import { systemClock } from './clock.js';
import { parseEnv } from './config/env.js';
import { loadConfigFile } from './config/load.js';
import { KestrelError } from './errors.js';
import { createLogger } from './logger.js';
import { acquireInstanceLock } from './store/instance-lock.js';
import { describeSqliteError } from './store/sqlite-errors.js';
import { brandSpecsOf } from './watch/brands.js';
import { watchSpecsFromConfig } from './watch/from-config.js';

const USAGE = `kestrel: watches X for your team.

Usage:
  kestrel start               poll on schedule (or replay the demo corpus with no X token) and open the console chat
  kestrel poll --once         run one poll cycle and print what it stored
  kestrel db stats            what the store holds, X reads and dollars against the budget, paused watches
  kestrel watch estimate "[brand|jobs|topic|expert] <words>"
                              posts a day and dollars a month a watch would cost (one X counts request)
  kestrel replay FILE         store recorded X API v2 pages (JSONL) as if polled [--no-shift]
  kestrel reclassify          classify every stored tweet again (after a classifier change)
  kestrel forget --user <platform:id>
                              delete all Kestrel keeps about a person (telegram:<id>, slack:<team>:<user>)
  kestrel chat [--exec "/mentions yandex"] [--as admin|member] [--lang ru|en] [--chat private|group]
                              the console chat on stored data; --exec runs one command and exits
  kestrel classify [--input FILE] [--brands FILE]
                              classify JSONL lines {"id","text","lang"?} from FILE or stdin to stdout
  kestrel feedback export     every vote the team gave on listed items, as JSON lines
  kestrel model status|retrain|reset
                              the label model in use and the team's retrainings; retrain now; back to shipped
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
      input: { type: 'string' },
      exec: { type: 'string' },
      as: { type: 'string', default: 'admin' },
      lang: { type: 'string' },
      chat: { type: 'string', default: 'private' },
      brands: { type: 'string' },
      user: { type: 'string' },
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
  if (command === 'classify') {
    const brands = values.brands
      ? readBrandsFile(values.brands)
      : brandSpecsOf(watchSpecsFromConfig(loadConfigFile(parsedEnv.KESTREL_CONFIG)));
    const result = await runClassify({ input: values.input ?? io.stdin, output: io.stdout, brands });
    if (result.errors > 0)
      logger.warn({ errors: result.errors, lines: result.lines }, 'some input lines were not classified');
    return 0;
  }
  const config = loadConfigFile(parsedEnv.KESTREL_CONFIG);
  const open = (): Kestrel => createKestrel({ config, env: parsedEnv, clock: systemClock, logger });

  const identity = consoleIdentity(values, env, config.poll.timezone);
  const logged = async (work: () => Promise<number>): Promise<number> => {
    try {
      return await work();
    } catch (error) {
      logger.debug({ err: error }, `kestrel ${command} failed`);
      throw error;
    }
  };
  if (command === 'start') {
    // One instance per database: taken before the database is opened, released by the OS if killed.
    const lock = acquireInstanceLock(parsedEnv.KESTREL_DB ?? config.storage.path);
    try {
      return await logged(() =>
        runStart(open(), { input: io.stdin, output: io.stdout }, identity, parsedEnv, lock),
      );
    } finally {
      lock?.release();
    }
  }
  const commands: Record<string, (kestrel: Kestrel) => number | Promise<number>> = {
    poll: (k) => {
      if (!values.once)
        throw new KestrelError('INPUT_INVALID', 'poll needs --once (scheduled polling is `kestrel start`)');
      return runPollOnce(k, io.stdout);
    },
    db: (k) => {
      if (rest[0] !== 'stats') throw new KestrelError('INPUT_INVALID', 'usage: kestrel db stats');
      return runDbStats(k, io.stdout);
    },
    replay: (k) => runReplay(k, rest[0], !values['no-shift'], io.stdout),
    watch: (k) => {
      if (rest[0] !== 'estimate')
        throw new KestrelError(
          'INPUT_INVALID',
          'usage: kestrel watch estimate "[brand|jobs|topic|expert] <words>"',
        );
      return runWatchEstimate(k, rest.slice(1).join(' '), io.stdout);
    },
    reclassify: (k) => runReclassify(k, io.stdout),
    forget: (k) => runForget(k, values.user, io.stdout),
    feedback: (k) => {
      if (rest[0] !== 'export') throw new KestrelError('INPUT_INVALID', 'usage: kestrel feedback export');
      return runFeedbackExport(k, io.stdout);
    },
    chat: (k) => runChat(k, { input: io.stdin, output: io.stdout }, identity, values.exec),
    model: (k) => runModel(k, rest[0], io.stdout),
  };
  const run = commands[command];
  if (!run) {
    io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  const kestrel = open();
  try {
    return await logged(async () => run(kestrel));
  } finally {
    await kestrel.close();
  }
}

/** Who the person at the console is: `--as`, `--lang` (default: the LANG locale), `--chat`. */
function consoleIdentity(
  values: { as?: string; lang?: string; chat?: string },
  env: Record<string, string | undefined>,
  timezone: string,
): ConsoleIdentity {
  const choice = <T extends string>(
    flag: string,
    value: string | undefined,
    allowed: readonly T[],
    fallback: T,
  ): T => {
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new KestrelError('INPUT_INVALID', `--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  };
  return {
    name: env.USER ?? 'you',
    isAdmin: choice('as', values.as, ['admin', 'member'], 'admin') === 'admin',
    lang: choice('lang', values.lang, ['ru', 'en'], langOfLocale(env.LC_ALL ?? env.LANG)),
    chatKind: choice('chat', values.chat, ['private', 'group'], 'private'),
    timezone,
  };
}

/** Runs the CLI and sets the exit code; errors are printed as one clear line, not a stack. */
export function runCli(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  return main(argv, env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kestrel: ${errorLine(error)}\n`);
      process.exitCode = error instanceof KestrelError && error.code === 'CONFIG_INVALID' ? 78 : 1;
    },
  );
}

/**
 * What a failed command prints: a KestrelError's message (a config error lists one problem per line), or
 * the first line of anything else, never its stack (`LOG_LEVEL=debug` logs that).
 */
export function errorLine(error: unknown): string {
  if (error instanceof KestrelError) return error.message;
  const store = describeSqliteError(error);
  if (store) return store;
  const first = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
  return `${first} (an unexpected error; LOG_LEVEL=debug logs where it came from)`;
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
