import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '../../src/main.ts');
const ROOT = join(import.meta.dirname, '../..');

/** A real `kestrel …` process (the TypeScript sources through tsx), its output collected. */
export interface KestrelChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the output contains `text`, or rejects after `ms`. */
  waitFor(text: string | RegExp, ms?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node --import tsx src/main.ts <args>` with a clean environment plus `env`. `fileSizeBlocks` runs it
 * under `ulimit -f` (512-byte blocks): writes past it fail with EFBIG, as on a full disk.
 */
export function startKestrel(
  args: string[],
  env: Record<string, string>,
  options: { fileSizeBlocks?: number } = {},
): KestrelChild {
  const node = [process.execPath, '--import', 'tsx', MAIN, ...args];
  const command = options.fileSizeBlocks
    ? ['/bin/sh', '-c', `ulimit -f ${options.fileSizeBlocks} && exec "$@"`, 'sh', ...node]
    : node;
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const poke = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    poke();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    poke();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      poke();
    }),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(text, ms = 30_000) {
      const until = Date.now() + ms;
      const seen = () => (typeof text === 'string' ? (out + err).includes(text) : text.test(out + err));
      while (!seen()) {
        if (gone) throw new Error(`kestrel exited before "${text}":\n${out}\n${err}`);
        if (Date.now() > until) throw new Error(`no "${text}" within ${ms} ms:\n${out}\n${err}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

/** Runs `kestrel <args>` to its end. */
export async function runKestrel(
  args: string[],
  env: Record<string, string>,
  options: { fileSizeBlocks?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startKestrel(args, env, options);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** The committed example config with `changes` applied as text replacements, in a temp dir; returns its path. */
export function configWith(changes: [RegExp | string, string][], extra = ''): string {
  let text = readFileSync(join(ROOT, 'kestrel.config.yaml'), 'utf8');
  for (const [from, to] of changes) text = text.replace(from, to);
  const path = join(mkdtempSync(join(tmpdir(), 'kestrel-config-')), 'kestrel.config.yaml');
  writeFileSync(path, text + extra);
  return path;
}
