import type { KestrelConfig } from '../config/schema.js';
import type { WatchSpec } from './types.js';

/** The watches a config file declares, in a stable order. */
export function watchSpecsFromConfig(config: KestrelConfig): WatchSpec[] {
  return [
    ...config.brands.map(
      (b): WatchSpec => ({
        kind: 'brand',
        name: b.name,
        aliases: b.aliases,
        exclude: b.exclude,
        competitor: b.competitor,
      }),
    ),
    ...config.jobs.map((j): WatchSpec => ({ kind: 'jobs', name: j.name, terms: j.terms, lang: j.lang })),
    ...config.topics.map((t): WatchSpec => ({ kind: 'topic', name: t.name, terms: t.terms, lang: t.lang })),
    ...config.experts.map((e): WatchSpec => {
      const handle = e.handle.replace(/^@/, '');
      return { kind: 'expert', name: `@${handle}`, handle };
    }),
  ];
}
