import { describe, expect, it } from 'vitest';
import { bucketEdges } from '../../commands/args/period.js';
import { mentionVolumeChart } from '../../src/charts/mention-volume.js';
import { bars, niceStep, niceTicks, plotFrame, svgText, xLabels } from '../../src/charts/svg.js';
import { zoneOffset } from '../../src/time/zone.js';

describe('svg helpers', () => {
  it('picks round steps and ticks', () => {
    expect(niceStep(3.3)).toBe(5);
    expect(niceStep(0.18)).toBe(0.2);
    expect(niceTicks(17, 4, true)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(0, 4, true)).toEqual([0, 1]);
  });

  it('escapes text and draws only positive bars', () => {
    expect(svgText(0, 0, '<a & "b">')).toContain('&#60;a &#38; &#34;b&#34;&#62;');
    const frame = plotFrame(200, 100, { left: 10, right: 10, top: 10, bottom: 10 });
    expect(bars(frame, [0, 2, 4], 4)).toHaveLength(2);
    expect(xLabels(frame, ['a', 'b', 'c', 'd'], 2).join('')).toContain('>c</text>');
  });
});

describe('mention volume chart', () => {
  it('renders a PNG with the day labels', () => {
    const labels = ['20 Nov', '21 Nov', '22 Nov'];
    const chart = mentionVolumeChart({
      title: 'Yandex <7 days>',
      labels,
      current: [1, 5, 2],
      previous: [2, 2, 0],
      lang: 'en',
      alt: 'alt',
      filename: 'x.png',
    });
    expect([...chart.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(chart.png.length).toBeGreaterThan(2_000);
    for (const l of labels) expect(chart.svg).toContain(`>${l}</text>`);
    expect(chart.svg).toContain('Yandex &#60;7 days&#62;');
  });
});

describe('period buckets', () => {
  it('cuts at Moscow midnights', () => {
    const to = Date.UTC(2026, 10, 26, 12);
    const edges = bucketEdges(to - 7 * 86_400_000, to, 'day', 'Europe/Moscow');
    expect(edges).toHaveLength(9);
    expect(edges[1]).toBe(Date.UTC(2026, 10, 19, 21));
    expect(zoneOffset(to, 'Europe/Moscow')).toBe(3 * 3_600_000);
  });

  it('follows DST: the Berlin day of the October change lasts 25 hours', () => {
    const from = Date.UTC(2026, 9, 24, 12);
    const edges = bucketEdges(from, from + 3 * 86_400_000, 'day', 'Europe/Berlin');
    const lengths = edges.slice(1, -1).map((e, i) => (edges[i + 2] ?? e) - e);
    expect(lengths).toContain(25 * 3_600_000);
  });
});
