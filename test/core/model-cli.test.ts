import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'kestrel-model-cli-'));
const CONFIG = join(dir, 'kestrel.config.yaml');
writeFileSync(
  CONFIG,
  readFileSync('kestrel.config.yaml', 'utf8')
    .replace(/port: 9464/, 'port: 0')
    .replace('retrainEvery: 20', 'retrainEvery: 2'),
);

async function run(argv: string[], input = '') {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => {
    text += String(c);
  });
  const code = await main(
    argv,
    { LOG_LEVEL: 'silent', KESTREL_CONFIG: CONFIG, KESTREL_DB: join(dir, 'kestrel.db') },
    { stdin: Readable.from(input ? [input] : []), stdout: out, stderr: new PassThrough() },
  );
  return { code, out: text };
}

describe('kestrel model status | retrain | reset', () => {
  it('two votes in the chat retrain the team model; status shows it and its figures; reset goes back', {
    timeout: 120_000,
  }, async () => {
    expect((await run(['model', 'status'])).out).toContain('In use: the shipped model (label)');
    const session = await run(['start'], '/digest\n/feedback 1 other\n/feedback 2 promo\n');
    expect(session.code).toBe(0);
    const status = await run(['model', 'status']);
    expect(status.out).toMatch(/In use: team model #1 \(label\+team\), trained .* on 2 corrections/);
    expect(status.out).toMatch(
      /#1 .* 2 corrections, in use \(votes\): guard set macro-F1 [01]\.\d{3} → [01]\.\d{3}.*\(651 items\)/,
    );
    const db = new Database(join(dir, 'kestrel.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM team_models WHERE active = 1').pluck().get()).toBe(1);
    db.close();

    expect((await run(['model', 'retrain'])).out).toMatch(
      /#2 .* 2 corrections, in use \(kestrel model retrain\)/,
    );
    const reset = await run(['model', 'reset']);
    expect(reset.out).toContain('Back to the shipped model');
    expect((await run(['model', 'status'])).out).toContain('In use: the shipped model');
    expect((await run(['model', 'reset'])).out).toContain('is already in use');
    await expect(run(['model', 'train'])).rejects.toThrow(
      /usage: kestrel model status \| kestrel model retrain/,
    );
  });
});
