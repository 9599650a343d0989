import { parseArgs } from 'node:util';
import { runIngestBench } from './sections/ingest.js';
import { runPlannerBench } from './sections/planner.js';

/** Benchmark sections by name; each returns a JSON-able figure set. */
const sections: Record<string, () => unknown> = {
  planner: runPlannerBench,
  ingest: () => runIngestBench(),
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
  out[name] = run();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
