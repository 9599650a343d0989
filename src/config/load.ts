import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError, KestrelError } from '../errors.js';
import { configSchema, type KestrelConfig } from './schema.js';

/** Reads and validates a config file. Throws a ConfigError naming the field, the value and the fix. */
export function loadConfigFile(path: string): KestrelConfig {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new KestrelError(
      'CONFIG_NOT_FOUND',
      `Cannot read the config file ${path}: ${(cause as Error).message}. ` +
        'Copy kestrel.config.yaml from the repository or pass --config PATH.',
      { cause },
    );
  }
  return parseConfig(source, path);
}

/** Validates config text (YAML). `origin` names the file in messages. */
export function parseConfig(source: string, origin = 'kestrel.config.yaml'): KestrelConfig {
  let raw: unknown;
  try {
    raw = parseYaml(source) ?? {};
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` at line ${cause.linePos[0].line}` : '';
    throw new ConfigError(`${origin}: not valid YAML${where}: ${(cause as Error).message.split('\n')[0]}`);
  }
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => describeIssue(issue, raw));
  throw new ConfigError(
    `${origin} has ${lines.length} problem(s):\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    {
      issues: result.error.issues,
    },
  );
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (field ? `${field}.${k}` : k));
    return `${keys.join(', ')}: unknown key; remove it or check its spelling (see the configuration reference in README.md)`;
  }
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  return `${field || '(top level)'} = ${shown}: ${issue.message}`;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
