/** How a spike is told from ordinary noise. */
export interface SpikeRule {
  /** Standard deviations above the mean of the same hour on past days. */
  sigmas: number;
  /** Never a spike below this many mentions in the hour. */
  minCount: number;
  /** Past days to compare with. */
  days: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { sigmas: 3, minCount: 5, days: 14 };

export interface SpikeVerdict {
  spike: boolean;
  count: number;
  mean: number;
  sd: number;
  /** The count this hour had to exceed. */
  threshold: number;
}

/**
 * Is the last hour of `hourly` (counts per hour, oldest first, ending with the hour to judge) a spike?
 * Its baseline is the same hour of day on each of the previous `rule.days` days: mean + sigmas × σ, and
 * never below `rule.minCount`.
 */
export function judgeHour(hourly: readonly number[], rule: SpikeRule = DEFAULT_SPIKE_RULE): SpikeVerdict {
  const last = hourly.length - 1;
  const count = hourly[last] ?? 0;
  const past: number[] = [];
  for (let d = 1; d <= rule.days; d++) {
    const i = last - 24 * d;
    if (i < 0) break;
    past.push(hourly[i] ?? 0);
  }
  const mean = past.length ? past.reduce((a, b) => a + b, 0) / past.length : 0;
  const variance = past.length ? past.reduce((a, b) => a + (b - mean) ** 2, 0) / past.length : 0;
  const sd = Math.sqrt(variance);
  const threshold = Math.max(rule.minCount, mean + rule.sigmas * sd);
  return { spike: count >= threshold && count > mean, count, mean, sd, threshold };
}

/** Hours needed by `judgeHour` to judge the hour ending at `to`: the past days plus the hour itself. */
export function hoursNeeded(rule: SpikeRule = DEFAULT_SPIKE_RULE): number {
  return rule.days * 24 + 1;
}
