import { KestrelError } from '../errors.js';

/**
 * Where ER by followers stops being good, from our users' own practice with expert and brand accounts.
 * Ratios, not percents: 0.05 is 5%.
 */
export interface ErThresholds {
  excellent: number;
  good: number;
  fair: number;
}

/** ≥ 5% excellent, ≥ 3% good, ≥ 1.5% fair; below that the audience is going inert. */
export const DEFAULT_THRESHOLDS: Readonly<ErThresholds> = Object.freeze({
  excellent: 0.05,
  good: 0.03,
  fair: 0.015,
});

/**
 * Industry context: a typical brand account on X gets well under this ER by followers (0.1%).
 * Shown next to the rating so a "fair" expert is not mistaken for a failing one.
 */
export const TYPICAL_BRAND_ER_CEILING = 0.001;

/** The verdict on a median ER by followers. `inert`: the followers no longer react. */
export type ErRating = 'excellent' | 'good' | 'fair' | 'inert';

/** Rates a median ER by followers against the thresholds. */
export function rateEr(er: number, thresholds: ErThresholds = DEFAULT_THRESHOLDS): ErRating {
  if (er >= thresholds.excellent) return 'excellent';
  if (er >= thresholds.good) return 'good';
  if (er >= thresholds.fair) return 'fair';
  return 'inert';
}

/**
 * Checks thresholds given in configuration or a factory: finite ratios with 0 < fair < good < excellent ≤ 1.
 * Throws INPUT_INVALID naming the offending value otherwise.
 */
export function checkThresholds(thresholds: ErThresholds): ErThresholds {
  const { excellent, good, fair } = thresholds;
  for (const [name, value] of Object.entries(thresholds)) {
    if (!Number.isFinite(value) || value <= 0 || value > 1) {
      throw new KestrelError(
        'INPUT_INVALID',
        `ER threshold ${name} = ${value} must be a ratio above 0 and at most 1 (0.05 means 5%)`,
      );
    }
  }
  if (!(fair < good && good < excellent)) {
    throw new KestrelError(
      'INPUT_INVALID',
      `ER thresholds must rise: fair (${fair}) < good (${good}) < excellent (${excellent})`,
    );
  }
  return { excellent, good, fair };
}
