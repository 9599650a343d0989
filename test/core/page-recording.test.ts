import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPageRecording } from '../../src/x/page-recording.js';
import { newestTimeInLines } from '../../src/x/replay-source.js';

const decoder = new TextDecoder();

function recordingOf(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'kestrel-recording-')), 'pages.jsonl');
  writeFileSync(file, text);
  return openPageRecording(file);
}

function page(createdAt: string, text = 'привет'): string {
  return JSON.stringify({ data: [{ id: '1', text, created_at: createdAt }] });
}

describe('page recording', () => {
  it('reads back the non-blank lines, in order, in any batch', () => {
    const lines = Array.from({ length: 7 }, (_, i) => page(`2026-11-0${i + 1}T10:00:00.000Z`, `твит ${i}`));
    const recording = recordingOf(
      `\n${lines.slice(0, 3).join('\n')}\n  \t\r\n${lines.slice(3).join('\r\n')}`,
    );
    expect(recording.count).toBe(7);
    const read = [...recording.read(0, 2), ...recording.read(2, 5), ...recording.read(5, 99)];
    expect(read.map((line) => JSON.parse(decoder.decode(line)))).toEqual(lines.map((l) => JSON.parse(l)));
    expect(recording.read(3, 3)).toEqual([]);
  });

  it('gives each batch one buffer holding just its lines, so it can be moved to a worker', () => {
    const recording = recordingOf(
      `${page('2026-11-01T00:00:00.000Z')}\n\n${page('2026-11-02T00:00:00.000Z')}\n`,
    );
    const batch = recording.read(0, 2);
    expect(batch[0]?.buffer).toBe(batch[1]?.buffer);
    expect(batch[0]?.buffer.byteLength).toBe((batch[0]?.byteLength ?? 0) + (batch[1]?.byteLength ?? 0));
  });

  it('handles lines across and longer than its scan buffer (1 MiB)', () => {
    const long = page('2026-11-03T00:00:00.000Z', 'я'.repeat(1_500_000));
    const many = Array.from({ length: 3000 }, (_, i) =>
      page('2026-11-01T00:00:00.000Z', `${i} ${'x'.repeat(500)}`),
    );
    const lines = [...many.slice(0, 1500), long, ...many.slice(1500)];
    const recording = recordingOf(lines.join('\n'));
    expect(recording.count).toBe(lines.length);
    expect(recording.read(0, lines.length).map((line) => decoder.decode(line))).toEqual(lines);
    expect(recording.newest).toBe(Date.parse('2026-11-03T00:00:00.000Z'));
  });

  it('finds the newest created_at of any form, in bytes and in text', () => {
    const lines = [
      page('2026-11-05T12:00:00.000Z'),
      JSON.stringify({
        data: [{ id: '2', text: 'b', created_at: '2026-11-06T08:00:00Z' }],
        includes: { users: [{ id: '9', created_at: '2020-01-01T00:00:00.000Z' }] },
      }),
      page('2026-11-06T07:59:59.999Z'),
      '{"data":[{"id":"3","text":"c","created_at" : "2026-11-04T00:00:00.000Z"}]}',
    ];
    const recording = recordingOf(lines.join('\n'));
    expect(recording.newest).toBe(Date.parse('2026-11-06T08:00:00Z'));
    expect(newestTimeInLines(lines)).toBe(Date.parse('2026-11-06T08:00:00Z'));
    expect(recordingOf('\n\n').newest).toBeNull();
  });

  it('names the file when it cannot be read', () => {
    expect(() => openPageRecording('/nonexistent/pages.jsonl')).toThrow(/\/nonexistent\/pages\.jsonl/);
  });
});
