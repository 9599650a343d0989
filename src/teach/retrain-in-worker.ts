import { Worker } from 'node:worker_threads';
import { KestrelError } from '../errors.js';
import type { LinearModelFile } from '../learn/model-file.js';
import type { RetrainInput, TeamFigures } from './team-figures.js';

/** What a retraining gives back. */
export interface RetrainResult {
  model: LinearModelFile;
  figures: TeamFigures;
}

/**
 * Runs `retrainTeam` on a worker thread of its own, so the chat, the poller and the dispatcher go on meanwhile;
 * the worker ends with the answer. A crash or an error of the worker rejects with `TEACH_FAILED`.
 */
export function retrainInWorker(input: RetrainInput): Promise<RetrainResult> {
  const fromSource = import.meta.url.endsWith('.ts');
  const source = new URL(`./retrain-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`,
        { eval: true },
      )
    : new Worker(source);
  return new Promise<RetrainResult>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (answer: RetrainResult | { error: string }) =>
      settle(() =>
        'error' in answer
          ? reject(new KestrelError('TEACH_FAILED', `retraining failed: ${answer.error}`))
          : resolve(answer),
      ),
    );
    worker.once('error', (error) =>
      settle(() =>
        reject(new KestrelError('TEACH_FAILED', `retraining crashed: ${error.message}`, { cause: error })),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new KestrelError('TEACH_FAILED', `retraining worker exited with code ${code}`))),
    );
    worker.postMessage(input);
  });
}
