import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';

process.env.KESTREL_CRASH_ONCE_FLAG = join(mkdtempSync(join(tmpdir(), 'kestrel-pool-')), 'crashed');
const crashes: Error[] = [];
const pool = createPreparePool({
  size: 2,
  workerModule: new URL('./crashing-worker.ts', import.meta.url),
  onWorkerCrash: (error) => crashes.push(error),
});
afterAll(() => pool.close());

const batch = (n: number, marker = '') =>
  Array.from({ length: n }, (_, i) => ({
    text: i === n - 1 && marker ? `${marker} вакансия go developer` : `Ищем Go разработчика, удалённо ${i}`,
    lang: 'ru',
  }));

describe('prepare pool: a worker crash fails only its own batch', () => {
  it('retries the batch of a crashed worker on a fresh one; the other worker is not disturbed', async () => {
    const [crashed, calm] = await Promise.all([
      pool.classify(batch(100, 'CRASH-ONCE'), []),
      pool.classify(batch(80), []),
    ]);
    expect(crashed).toHaveLength(100);
    expect(calm).toHaveLength(80);
    expect(crashes).toHaveLength(1);
    expect(crashed[0]?.label).toBe(calm[0]?.label);
  });

  it('rejects only a batch that kills a fresh worker too, and keeps working', async () => {
    const [poison, other] = await Promise.allSettled([
      pool.classify(batch(100, 'CRASH-ALWAYS'), []),
      pool.classify(batch(70), []),
    ]);
    expect(poison.status).toBe('rejected');
    expect(String((poison as PromiseRejectedResult).reason)).toMatch(/crashed twice on one batch/);
    expect(other).toMatchObject({ status: 'fulfilled' });
    expect((other as PromiseFulfilledResult<unknown[]>).value).toHaveLength(70);
    expect(await pool.classify(batch(90), [])).toHaveLength(90);
  });
});
