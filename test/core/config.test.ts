import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { loadConfigFile, parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

function problems(yaml: string): string {
  try {
    parseConfig(yaml, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('loads the committed example with its watches', () => {
    const config = loadConfigFile('kestrel.config.yaml');
    expect(config.brands.map((b) => b.name)).toEqual(['Yandex', 'Sber', 'VK']);
    expect(config.brands[1]?.competitor).toBe(true);
    expect(config.x.queryMaxLength).toBe(512);
    expect(config.poll.timezone).toBe('Europe/Moscow');
    expect(config.experts.length).toBeGreaterThan(0);
  });

  it('fills defaults for an empty file', () => {
    const config = parseConfig('');
    expect(config.poll.schedule).toBe('*/15 * * * *');
    expect(config.x.queryMaxLength).toBe(512);
    expect(config.storage.path).toBe('./data/kestrel.db');
  });

  it('names the field, the value and the fix', () => {
    const message = problems(
      'poll:\n  schedule: "every day"\n  timezone: Mars/Olympus\nx:\n  queryMaxLength: 600\n',
    );
    expect(message).toContain('poll.schedule = "every day"');
    expect(message).toContain('*/15 * * * *');
    expect(message).toContain('poll.timezone = "Mars/Olympus"');
    expect(message).toContain('Europe/Moscow');
    expect(message).toContain('x.queryMaxLength = 600');
    expect(message).toContain('512');
  });

  it('rejects unknown keys instead of ignoring them', () => {
    expect(problems('pol:\n  schedule: "* * * * *"\n')).toContain('pol: unknown key');
    expect(problems('brands:\n  - name: A\n    aliases: [a]\n    alias: [b]\n')).toContain(
      'brands[0].alias: unknown key',
    );
  });

  it('checks list items', () => {
    expect(problems('brands:\n  - name: Yandex\n    aliases: []\n')).toContain('brands[0].aliases = []');
    expect(problems('experts:\n  - handle: "not a handle!"\n')).toContain('experts[0].handle');
    expect(problems('x:\n  monthlyReadBudget: -5\n')).toContain('x.monthlyReadBudget = -5');
  });

  it('checks @handle, #tag and domain aliases by the rules of /watch add brand', () => {
    const bad = problems(
      'brands:\n  - name: Y\n    aliases: ["@ya OR from:x", "#a-b", "ok", "@yandex", yandex.ru]\n',
    );
    expect(bad).toContain('brands[0].aliases[0] = "@ya OR from:x": is not an alias');
    expect(bad).toContain('brands[0].aliases[1] = "#a-b": is not an alias');
    expect(bad).not.toContain('aliases[2]');
    expect(bad).not.toContain('aliases[3]');
    expect(bad).not.toContain('aliases[4]');
  });

  it('reports YAML syntax errors with a line', () => {
    expect(problems('brands: [a, "b" c]\n')).toMatch(/not valid YAML at line 1/);
  });

  it('reads secrets only from the environment it is given', () => {
    expect(parseEnv({}).X_BEARER_TOKEN).toBeUndefined();
    expect(parseEnv({ X_BEARER_TOKEN: 'abc', X_API_BASE_URL: 'http://127.0.0.1:1' }).X_API_BASE_URL).toBe(
      'http://127.0.0.1:1',
    );
    expect(() => parseEnv({ X_API_BASE_URL: 'not a url' })).toThrow(/X_API_BASE_URL = "not a url"/);
  });
});
