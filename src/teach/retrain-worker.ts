/** Worker thread of a team retraining: receives one `RetrainInput`, answers `{ model, figures }` or `{ error }`. */
import { parentPort } from 'node:worker_threads';
import { type RetrainInput, retrainTeam } from './team-figures.js';

parentPort?.once('message', (input: RetrainInput) => {
  try {
    parentPort?.postMessage(retrainTeam(input));
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message });
  }
});
