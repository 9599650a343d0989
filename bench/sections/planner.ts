import { clausesOf } from '../../src/planner/atoms.js';
import { packQueries } from '../../src/planner/pack.js';
import type { Watch, WatchSpec } from '../../src/watch/types.js';

/** Languages and stacks of the benchmarks' watches. */
export const STACKS = [
  'golang',
  'python',
  'rust',
  'java',
  'kotlin',
  'swift',
  'react',
  'vue',
  'php',
  'scala',
  'elixir',
  'c++',
];
const ROLES = ['backend', 'frontend', 'devops', 'qa', 'data', 'ml', 'ios', 'android', 'sre', 'designer'];
/** Brands of the benchmarks' watches. */
export const BRANDS = [
  'Яндекс',
  'Сбер',
  'Тинькофф',
  'Озон',
  'Авито',
  'Мегафон',
  'Билайн',
  'Ростелеком',
  'Wildberries',
  'VK',
];

/** A team's watches: a mix of job searches, topics, experts and brands. */
export function benchWatches(n: number): Watch[] {
  return Array.from({ length: n }, (_, i) => {
    const stack = STACKS[i % STACKS.length] as string;
    const role = ROLES[Math.floor(i / 4) % ROLES.length] as string;
    let spec: WatchSpec;
    switch (i % 4) {
      case 0:
        spec = {
          kind: 'jobs',
          name: `jobs-${i}`,
          terms: [`вакансия ${stack}`, `"hiring ${stack}"`, `ищем ${role}`],
        };
        break;
      case 1:
        spec = { kind: 'topic', name: `topic-${i}`, terms: [`${stack} ${role}`, `"${role} practices"`] };
        break;
      case 2:
        spec = { kind: 'expert', name: `@expert${i}`, handle: `expert${i}` };
        break;
      default:
        spec = {
          kind: 'brand',
          name: `brand-${i}`,
          aliases: [`${BRANDS[i % BRANDS.length]}${i >= 40 ? i : ''}`, `@brand${i}`],
          exclude: [],
          competitor: false,
        };
    }
    return { id: i + 1, chatId: '', origin: 'config', spec, specHash: String(i) };
  });
}

/** Search requests per poll: packed queries against one request per watch. */
export function runPlannerBench(): Record<string, { requests: number; naive: number }> {
  const out: Record<string, { requests: number; naive: number }> = {};
  for (const n of [10, 50, 200]) {
    const packed = packQueries(benchWatches(n).map(clausesOf), { maxLength: 512, suffix: '-is:retweet' });
    out[`watches_${n}`] = { requests: packed.length, naive: n };
  }
  return out;
}
