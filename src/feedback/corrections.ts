/**
 * Feedback from a chat, end to end: a person's vote on an item of the chat's last list is stored (once per
 * person), the votes decide, and the tweet is read again at once with the decision over the model's reading:
 * its digest section moves, a brand mention the team removed leaves the counts, and a tweet that became a
 * vacancy goes to the people whose alerts it matches (once: alert deliveries are keyed by person and tweet).
 */
import type { FeedbackRef } from '../chat/reply.js';
import { CLASSIFIER_VERSION, type Classifier } from '../classify/classifier.js';
import type { JobAlerts } from '../delivery/job-alerts.js';
import type { Db } from '../store/database.js';
import type { FeedbackKind, FeedbackStore, ReadTweet } from '../store/feedback-store.js';
import type { SignalWriter } from '../store/signal-store.js';
import { applyOverrides } from './apply-overrides.js';
import type { FeedbackChoice } from './choices.js';

export interface GiveFeedback {
  chatId: string;
  personId: string;
  isAdmin: boolean;
  /** The item: its number in the chat's last list (`/feedback 3 …`), or the stored id its button carries. */
  item: { number: number } | { button: number };
  choice: FeedbackChoice;
  now: number;
}

export type FeedbackResult =
  | { status: 'no_list' }
  | { status: 'no_item'; count: number }
  /** A button whose item is not in this chat (or no longer stored). */
  | { status: 'no_button' }
  | { status: 'not_a_brand_item' }
  | {
      status: 'recorded';
      tweet: ReadTweet;
      /** The stored label and tone after the decision. */
      after: { label: string; sentiment: string };
      /** What the votes decided (null: no decision yet). */
      decided: string | null;
      /** Job-alert messages the re-reading sent. */
      alerts: number;
    };

export interface Corrections {
  give(input: GiveFeedback): FeedbackResult;
  /** Reads a tweet again with the team's decisions; returns its new reading's label. */
  reread(seq: number): string | null;
  /** Removes a person's votes and decides their items again; returns how many votes went. */
  forgetPerson(personId: string, now: number): number;
}

export interface CorrectionsDeps {
  db: Db;
  feedback: FeedbackStore;
  signals: SignalWriter;
  /** The classifier in use (shipped or team model, current brands). */
  classifier: () => Classifier;
  jobAlerts: JobAlerts;
  /** Told after every recorded vote (the team model counts them). */
  onVote?: () => void;
}

/** The (kind, brand, value) a choice votes for, given the tweet's stored reading. */
function voteOf(choice: FeedbackChoice, tweet: ReadTweet, brand: string) {
  switch (choice.kind) {
    case 'right':
      return { kind: 'label' as const, brand: '', value: tweet.label };
    case 'label':
      return { kind: 'label' as const, brand: '', value: choice.label };
    case 'not_brand':
      return { kind: 'brand' as const, brand, value: 'not_this_brand' };
    case 'tone':
      return { kind: 'tone' as const, brand, value: choice.tone };
  }
}

export function createCorrections(deps: CorrectionsDeps): Corrections {
  const { feedback } = deps;
  const reread = (seq: number): string | null => {
    const tweet = feedback.tweetOf(seq);
    if (!tweet) return null;
    const model = deps.classifier().classify(tweet.text, tweet.lang);
    const reading = applyOverrides(model, feedback.overridesOf(seq), tweet.text, tweet.lang);
    deps.signals.replace(seq, tweet.createdAt, reading, CLASSIFIER_VERSION);
    return reading.label;
  };
  const decideAgain = (seq: number, kind: FeedbackKind, brand: string, now: number) => {
    feedback.setOverride(seq, kind, brand, feedback.decide(seq, kind, brand), now);
  };

  return {
    give: (input) =>
      deps.db.transaction((): FeedbackResult => {
        let item: FeedbackRef;
        if ('button' in input.item) {
          const found = feedback.buttonRef(input.item.button);
          if (!found || found.chatId !== input.chatId) return { status: 'no_button' };
          item = found.ref;
        } else {
          const listed = feedback.itemAt(input.chatId, input.item.number);
          if (listed.count === 0) return { status: 'no_list' };
          if (!listed.item) return { status: 'no_item', count: listed.count };
          item = listed.item;
        }
        if (input.choice.kind === 'not_brand' && !item.brand) return { status: 'not_a_brand_item' };
        const tweet = feedback.tweetOf(item.tweetSeq);
        if (!tweet) return { status: 'no_button' };
        const vote = voteOf(input.choice, tweet, item.brand ?? '');
        feedback.vote({
          tweetSeq: tweet.seq,
          chatId: input.chatId,
          personId: input.personId,
          admin: input.isAdmin,
          at: input.now,
          ...vote,
        });
        const decided = feedback.decide(tweet.seq, vote.kind, vote.brand);
        feedback.setOverride(tweet.seq, vote.kind, vote.brand, decided, input.now);
        const label = reread(tweet.seq);
        const alerts =
          label === 'vacancy' && tweet.label !== 'vacancy'
            ? deps.jobAlerts.decideJobAlerts({ newTweetSeqs: [tweet.seq], now: input.now }).messages
            : 0;
        const after = feedback.tweetOf(tweet.seq) ?? tweet;
        deps.onVote?.();
        return {
          status: 'recorded',
          tweet,
          after: { label: after.label, sentiment: after.sentiment },
          decided,
          alerts,
        };
      })(),
    reread,
    forgetPerson: (personId, now) =>
      deps.db.transaction(() => {
        const gone = feedback.forgetPerson(personId);
        const seen = new Set<string>();
        for (const g of gone) {
          const key = `${g.tweetSeq}\u0000${g.kind}\u0000${g.brand}`;
          if (seen.has(key)) continue;
          seen.add(key);
          decideAgain(g.tweetSeq, g.kind, g.brand, now);
        }
        for (const seq of new Set(gone.map((g) => g.tweetSeq))) reread(seq);
        return gone.length;
      })(),
  };
}
