import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_RULE, judgeHour } from '../../src/digest/spike.js';

/** 14 days of hourly counts with a daily rhythm and deterministic noise, plus the hour to judge. */
function series(lastHour: number, noise = 1): number[] {
  const out: number[] = [];
  for (let h = 0; h < 14 * 24; h++) {
    const hourOfDay = h % 24;
    const rhythm = hourOfDay >= 9 && hourOfDay <= 20 ? 6 : 1;
    out.push(rhythm + ((h * 7919) % 3) * noise);
  }
  out.push(lastHour);
  return out;
}

describe('spike detection', () => {
  it('flags an hour far above the same hour on past days', () => {
    const verdict = judgeHour(series(40));
    expect(verdict.spike).toBe(true);
    expect(verdict.count).toBe(40);
    // Baseline computed independently: the same hour-of-day (hour 0) on the 14 previous days.
    const same = Array.from({ length: 14 }, (_, d) => {
      const h = 14 * 24 - 24 * (d + 1);
      return 1 + ((h * 7919) % 3);
    });
    const mean = same.reduce((a, b) => a + b, 0) / same.length;
    expect(verdict.mean).toBeCloseTo(mean, 10);
  });

  it('does not flag ordinary hours, nor small counts under the minimum', () => {
    expect(judgeHour(series(3)).spike).toBe(false);
    expect(judgeHour(series(DEFAULT_SPIKE_RULE.minCount - 1, 0)).spike).toBe(false);
    expect(judgeHour(series(DEFAULT_SPIKE_RULE.minCount, 0)).spike).toBe(true);
  });

  it('raises the bar with the variance of the baseline', () => {
    const noisy = series(8, 4);
    const verdict = judgeHour(noisy);
    expect(verdict.threshold).toBeGreaterThan(verdict.mean + 2 * verdict.sd);
    expect(verdict.spike).toBe(8 >= verdict.threshold);
  });

  it('works with fewer past days than asked for', () => {
    expect(judgeHour([0, 0, 9]).spike).toBe(true);
    expect(judgeHour([12]).spike).toBe(true);
  });
});
