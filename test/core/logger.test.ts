import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('logger', () => {
  it('has every line logged before a SIGKILL on stderr', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'logger-child.ts')],
      {
        cwd: join(import.meta.dirname, '../..'),
        encoding: 'utf8',
      },
    );
    expect(child.signal).toBe('SIGKILL');
    const lines = child.stderr.split('\n').filter((l) => l.includes('before the kill'));
    expect(lines).toHaveLength(200);
    expect(JSON.parse(lines[199] as string).line).toBe(199);
  });
});
