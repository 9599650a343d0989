import type { Writable } from 'node:stream';
import type { Kestrel } from '../app.js';
import { KestrelError } from '../errors.js';
import { createPersonEraser, isEmptyRecord, type PersonRecord } from '../store/person-eraser.js';

/** A person as Kestrel names them: `telegram:<id>`, `slack:<team>:<user>` or `console:<name>`. */
const PERSON = /^(?:telegram:-?\d+|slack:[A-Z0-9]+:[A-Z0-9]+|console:\S+)$/u;

/**
 * `kestrel forget --user <platform:id>`: deletes everything kept about a person (job alerts, their
 * subscriber record, which vacancies reached them, their private chat's settings, messages and digests,
 * stops the watches of that chat, and removes their feedback votes, deciding those items again), in one
 * transaction, and prints what went.
 */
export function runForget(kestrel: Kestrel, user: string | undefined, out: Writable): number {
  if (!user || !PERSON.test(user)) {
    throw new KestrelError(
      'INPUT_INVALID',
      `forget needs --user <platform:id>, e.g. --user telegram:5342492667 or --user slack:T0TEAM:U0USER${
        user ? ` (not "${user}")` : ''
      }; /jobs forget in a private chat with the bot does the same for the person asking`,
    );
  }
  const eraser = createPersonEraser(kestrel.db, { forgetVotes: kestrel.corrections.forgetPerson });
  const record = eraser.forget(user, kestrel.clock.now());
  out.write(
    isEmptyRecord(record) ? `nothing is kept about ${user}\n` : `forgot ${user}: ${summary(record)}\n`,
  );
  return 0;
}

function summary(r: PersonRecord): string {
  return [
    `${r.jobAlerts} job alerts (+${r.removedJobAlerts} removed)`,
    r.subscriber ? 'the subscriber record' : 'no subscriber record',
    `${r.alertDeliveries} alert deliveries`,
    `${r.privateChats.length} private chat settings`,
    `${r.messages} outbox messages`,
    `${r.digestRuns} digest runs`,
    `${r.watches} watches stopped`,
    `${r.votes} feedback votes (their items decided again)`,
  ].join(', ');
}
