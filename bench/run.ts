import { parseArgs } from 'node:util';
import { runClassifyBench } from './sections/classify.js';
import { runCostBench } from './sections/cost.js';
import { runFanoutBench } from './sections/fanout.js';
import { runIngestBench } from './sections/ingest.js';
import { runMentionsBench } from './sections/mentions.js';
import { runPlannerBench } from './sections/planner.js';
import { runTeachBench } from './sections/teach.js';

/** Benchmark sections by name; each returns a JSON-able figure set. */
const sections: Record<string, () => unknown | Promise<unknown>> = {
  planner: runPlannerBench,
  ingest: () => runIngestBench(),
  classify: runClassifyBench,
  mentions: () => runMentionsBench(),
  fanout: () => runFanoutBench(),
  cost: () => runCostBench(),
  teach: () => runTeachBench(),
};

const { values } = parseArgs({ options: { only: { type: 'string' } }, allowPositionals: true });
const names = values.only ? values.only.split(',') : Object.keys(sections);
const out: Record<string, unknown> = {};
for (const name of names) {
  const run = sections[name];
  if (!run) {
    process.stderr.write(`Unknown section "${name}". Sections: ${Object.keys(sections).join(', ')}\n`);
    process.exit(2);
  }
  out[name] = await run();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
