import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENTIRUEVAL_DIR } from '../../scripts/data/sentirueval.js';
import { MODEL_DIR, modelText, trainModels } from '../../scripts/train.js';

const shared = existsSync(SENTIRUEVAL_DIR);
if (!shared) console.warn(`skipping the model reproduction test: ${SENTIRUEVAL_DIR} is absent`);

describe.runIf(shared)('the committed models', () => {
  it('are exactly what npm run train writes from the labelled sets', { timeout: 600_000 }, () => {
    const models = trainModels();
    expect(models).not.toBeNull();
    for (const [name, file] of Object.entries(models!)) {
      const committed = readFileSync(join(MODEL_DIR, `${name}-model.json`), 'utf8');
      expect(modelText(file) === committed, `${name}-model.json differs from a fresh npm run train`).toBe(
        true,
      );
    }
  });
});
