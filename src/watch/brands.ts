import type { BrandSpec } from '../classify/brands.js';
import type { WatchSpec } from './types.js';

/** The brands to look for in tweets: every brand watch, once by name, with its aliases and exclusions. */
export function brandSpecsOf(specs: readonly WatchSpec[]): BrandSpec[] {
  const out = new Map<string, BrandSpec>();
  for (const spec of specs) {
    if (spec.kind === 'brand' && !out.has(spec.name)) {
      out.set(spec.name, { name: spec.name, aliases: spec.aliases, exclude: spec.exclude });
    }
  }
  return [...out.values()];
}
