import { afterAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../src/classify/classes.js';
import { SHIPPED_MODELS } from '../../src/classify/classifier.js';
import type { LinearModelFile } from '../../src/learn/model-file.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';

/** The shipped label model with one class's bias so high that every tweet reads as that class. */
function everything(label: string): LinearModelFile {
  const bias = SHIPPED_MODELS.label.bias.map((b, k) =>
    SHIPPED_MODELS.label.classes[k] === label ? b + 100 : b,
  );
  return { ...SHIPPED_MODELS.label, name: `all-${label}`, bias };
}

const texts = Array.from({ length: 200 }, (_, i) => ({
  text:
    i % 2
      ? `Ищем backend-разработчика на Go, зарплата от ${200 + i} 000 ₽`
      : `Скидка ${i}% по промокоду SALE`,
  lang: 'ru',
}));

const pool = createPreparePool({ size: 2 });
afterAll(() => pool.close());

describe('the label model a team retrained reaches every reader', () => {
  it('workers and the inline path read with the chosen model, and back with the shipped one', async () => {
    const labels = async (items = texts) => new Set((await pool.classify(items, [])).map((r) => r.label));
    const shipped = await labels();
    expect(shipped.size).toBeGreaterThan(1);
    expect(LABELS).toContain('job_seeker');
    pool.useLabelModel({ key: 'team-1', file: everything('job_seeker') });
    expect(await labels()).toEqual(new Set(['job_seeker'])); // on the workers (200 texts)
    expect(await labels(texts.slice(0, 10))).toEqual(new Set(['job_seeker'])); // inline (few texts)
    pool.useLabelModel({ key: 'team-2', file: everything('discussion') });
    expect(await labels()).toEqual(new Set(['discussion']));
    pool.useLabelModel(null);
    expect(await labels()).toEqual(shipped);
  });
});
