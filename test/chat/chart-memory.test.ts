import { describe, expect, it } from 'vitest';
import { renderPng } from '../../src/charts/render.js';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="400" fill="#eee"/><text x="20" y="40" font-family="DejaVu Sans" font-size="20">Упоминания 123</text></svg>`;

describe('chart rendering', () => {
  it('gives back the renderer’s native memory as charts are drawn, without anyone calling the collector', {
    timeout: 60_000,
  }, async () => {
    // Without telling V8 about it, 600 renders in a process that allocates little else grew RSS by ~400 MB.
    const start = process.memoryUsage().rss;
    let highest = 0;
    for (let i = 0; i < 600; i++) {
      expect(renderPng(svg).length).toBeGreaterThan(1000);
      await new Promise((resolve) => setImmediate(resolve));
      highest = Math.max(highest, process.memoryUsage().rss - start);
    }
    expect(highest / 1024 / 1024).toBeLessThan(200);
  });
});
