import type { Watch, WatchSpec } from '../../src/watch/types.js';

/** A config watch with this id and spec. */
export const watch = (id: number, spec: WatchSpec): Watch => ({
  id,
  chatId: '',
  origin: 'config',
  spec,
  specHash: String(id),
});

/** Realistic watches of varied size, like a team would configure. */
export function sampleWatches(n: number): Watch[] {
  const stacks = ['golang', 'python', 'rust', 'java', 'kotlin', 'swift', 'react', 'vue', 'php', 'scala'];
  const roles = ['backend', 'frontend', 'devops', 'qa', 'data', 'ml', 'ios', 'android', 'sre', 'design'];
  const brands = [
    'Яндекс',
    'Сбер',
    'Тинькофф',
    'Озон',
    'Авито',
    'Мегафон',
    'Билайн',
    'Ростелеком',
    'Лента',
    'Магнит',
  ];
  const out: Watch[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    const s = stacks[i % stacks.length] as string;
    const r = roles[Math.floor(i / 4) % roles.length] as string;
    let spec: WatchSpec;
    if (k === 0)
      spec = { kind: 'jobs', name: `jobs ${i}`, terms: [`вакансия ${s}`, `"hiring ${s}"`, `ищем ${r}`] };
    else if (k === 1) spec = { kind: 'topic', name: `topic ${i}`, terms: [`${s} ${r}`, `"${r} ${i}"`] };
    else if (k === 2) spec = { kind: 'expert', name: `@expert_${i}`, handle: `expert_${i}` };
    else {
      const b = `${brands[i % brands.length]}${i > 40 ? i : ''}`;
      spec = {
        kind: 'brand',
        name: `brand ${i}`,
        aliases: [b, `@brand_${i}`],
        exclude: [],
        competitor: false,
      };
    }
    out.push(watch(i + 1, spec));
  }
  return out;
}
