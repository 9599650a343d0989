import type { Writable } from 'node:stream';
import { parseWatchSpec } from '../../commands/args/watch-spec.js';
import { splitSubcommand } from '../../commands/args/words.js';
import type { Kestrel } from '../app.js';
import { KestrelError } from '../errors.js';
import { describeEstimate } from '../monitor/describe-estimate.js';

const KINDS = ['brand', 'jobs', 'topic', 'expert'];

/**
 * `kestrel watch estimate "<query>"`: what a watch would read and cost, from X's counts of the last 7 days
 * (one billed counts request per query it needs; the demo corpus without a token), before adding it.
 * The query is written as after `/watch add`: `jobs вакансия golang`, `brand Tinkoff @tinkoff`; without a
 * kind it is a topic (any of its words or "phrases").
 */
export async function runWatchEstimate(kestrel: Kestrel, text: string, out: Writable): Promise<number> {
  if (!text.trim())
    throw new KestrelError(
      'INPUT_INVALID',
      'usage: kestrel watch estimate "[brand|jobs|topic|expert] <words>"',
    );
  const { sub, rest } = splitSubcommand(text);
  const parsed = KINDS.includes(sub.toLowerCase())
    ? parseWatchSpec(sub.toLowerCase(), rest)
    : parseWatchSpec('topic', text);
  if (!parsed.ok) throw new KestrelError('INPUT_INVALID', parsed.problem.en);
  const e = await kestrel.estimator.estimate(parsed.spec);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lines = [
    `watch           ${parsed.spec.kind} ${parsed.spec.name}`,
    ...e.queries.map((q, i) => `query ${i + 1}${' '.repeat(10 - String(i + 1).length)}${q}`),
    ...e.days.map((d) => `  ${day(d.start)}    ${d.count}`),
    describeEstimate(e, 'en', kestrel.config.x),
    e.overShare
      ? `Over its share of ${e.share} posts a day (x.maxReadsPerWatchPerDay, or today's allowance): it would be paused each day after ${e.share} posts. Add it with /watch add … confirm, or narrow it.`
      : `Within its share of ${e.share} posts a day.`,
  ];
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
