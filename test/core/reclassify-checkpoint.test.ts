import { describe, expect, it } from 'vitest';
import { createReclassifyCheckpoint } from '../../src/pipeline/reclassify.js';
import { openDatabase } from '../../src/store/database.js';
import { createMetaStore } from '../../src/store/meta-store.js';

describe('reclassify checkpoint', () => {
  it('resumes only the readings it was saved for, and not after a finished run', () => {
    const meta = createMetaStore(openDatabase(':memory:'));
    const shipped = createReclassifyCheckpoint(meta, 'v2|shipped|brands');
    expect(shipped.resume()).toBeNull();
    shipped.save(4_123, 4_000);
    expect(createReclassifyCheckpoint(meta, 'v2|shipped|brands').resume()).toEqual({
      after: 4_123,
      done: 4_000,
    });
    // Another label model or other brands read differently: their run starts from the first tweet.
    expect(createReclassifyCheckpoint(meta, 'v2|team-7|brands').resume()).toBeNull();
    shipped.clear();
    expect(shipped.resume()).toBeNull();
  });
});
