import type { FeedbackRef } from '../chat/reply.js';
import type { Db } from './database.js';

/** What a vote is about: the tweet's label, whether it is about a brand, or its tone (toward a brand). */
export type FeedbackKind = 'label' | 'brand' | 'tone';

/** One person's vote on one reading of one tweet. `brand` is '' for the tweet's own label and tone. */
export interface Vote {
  tweetSeq: number;
  chatId: string;
  personId: string;
  admin: boolean;
  kind: FeedbackKind;
  brand: string;
  /** A label, a tone, or `keep` / `not_this_brand` for a brand. */
  value: string;
  at: number;
}

/** A decision of the votes that overrides the model's reading. */
export interface Override {
  kind: FeedbackKind;
  brand: string;
  value: string;
}

/** One exported vote (`kestrel feedback export`). */
export interface ExportedVote extends Vote {
  tweetId: string;
  text: string;
}

/** A tweet whose label the team decided, for training the team model. */
export interface LabelCorrection {
  seq: number;
  text: string;
  lang: string | null;
  label: string;
  decidedAt: number;
}

/** An item of a list as shown: its number and the reading it shows. */
export interface NumberedRef {
  number: number;
  ref: FeedbackRef;
}

/** A stored tweet with its stored reading, as feedback needs it. */
export interface ReadTweet {
  seq: number;
  id: string;
  text: string;
  lang: string | null;
  createdAt: number;
  label: string;
  sentiment: string;
}

/** An item a button points at: which tweet, listed for which brand, shown in which chat. */
export interface ButtonRef {
  chatId: string;
  ref: FeedbackRef;
}

/** The numbered items chats were shown, the votes on them, and what the votes decided. */
export interface FeedbackStore {
  /** The id buttons carry for (chat, tweet, brand): the same id every time the item is shown in that chat. */
  buttonId(chatId: string, ref: FeedbackRef, now: number): number;
  /** The item a button id points at; null when there is none. */
  buttonRef(id: number): ButtonRef | null;
  /** Replaces the chat's last list with these numbered items. */
  rememberList(chatId: string, items: readonly NumberedRef[], now: number): void;
  /** The item numbered `number` in the chat's last list, and how many items that list has. */
  itemAt(chatId: string, number: number): { item: FeedbackRef | null; count: number };
  /** Records a vote; a person's earlier vote on the same thing is replaced (one vote per person). */
  vote(vote: Vote): void;
  /**
   * The value the votes on (tweet, kind, brand) decide: the latest admin's vote if an admin voted, else the
   * value most people chose (the earliest of tied values); null when nobody voted.
   */
  decide(tweetSeq: number, kind: FeedbackKind, brand: string): string | null;
  /** Sets (value) or clears (null) the override of (tweet, kind, brand). */
  setOverride(tweetSeq: number, kind: FeedbackKind, brand: string, value: string | null, now: number): void;
  overridesOf(tweetSeq: number): Override[];
  /** Every tweet with an override. */
  overriddenSeqs(): number[];
  /** Every vote, oldest first, with the tweet's id and text. */
  exportVotes(): IterableIterator<ExportedVote>;
  /** Removes a person's votes everywhere; returns the (tweet, kind, brand) they were on, to decide again. */
  forgetPerson(personId: string): { tweetSeq: number; kind: FeedbackKind; brand: string }[];
  /** Tweets whose label the team decided, oldest decision first. */
  labelCorrections(): LabelCorrection[];
  /** Votes given at or after `at`. */
  votesSince(at: number): number;
  /** The tweet and its stored label and tone; null when no such tweet. */
  tweetOf(seq: number): ReadTweet | null;
}

interface VoteRow {
  tweetSeq: number;
  chatId: string;
  personId: string;
  admin: number;
  kind: FeedbackKind;
  brand: string;
  value: string;
  at: number;
}

const VOTE_COLUMNS = `f.tweet_seq AS tweetSeq, f.chat_id AS chatId, f.person_id AS personId, f.admin, f.kind,
  f.brand, f.value, f.at`;

export function createFeedbackStore(db: Db): FeedbackStore {
  const clearList = db.prepare('DELETE FROM feedback_items WHERE chat_id = ?');
  const addItem = db.prepare(
    'INSERT INTO feedback_items (chat_id, number, tweet_seq, brand, shown_at) VALUES (?, ?, ?, ?, ?)',
  );
  const item = db.prepare(
    'SELECT tweet_seq AS tweetSeq, brand FROM feedback_items WHERE chat_id = ? AND number = ?',
  );
  const count = db.prepare('SELECT count(*) FROM feedback_items WHERE chat_id = ?').pluck();
  const upsertVote = db.prepare(`
    INSERT INTO label_feedback (tweet_seq, chat_id, person_id, admin, kind, brand, value, at)
    VALUES (@tweetSeq, @chatId, @personId, @admin, @kind, @brand, @value, @at)
    ON CONFLICT (tweet_seq, chat_id, person_id, kind, brand)
    DO UPDATE SET value = excluded.value, admin = excluded.admin, at = excluded.at`);
  const votesOn = db.prepare(
    `SELECT ${VOTE_COLUMNS} FROM label_feedback f WHERE f.tweet_seq = ? AND f.kind = ? AND f.brand = ? ORDER BY f.at, f.id`,
  );
  const upsertOverride = db.prepare(`
    INSERT INTO label_overrides (tweet_seq, kind, brand, value, decided_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tweet_seq, kind, brand) DO UPDATE SET value = excluded.value, decided_at = excluded.decided_at`);
  const dropOverride = db.prepare(
    'DELETE FROM label_overrides WHERE tweet_seq = ? AND kind = ? AND brand = ?',
  );
  const overrides = db.prepare('SELECT kind, brand, value FROM label_overrides WHERE tweet_seq = ?');
  const overridden = db.prepare('SELECT DISTINCT tweet_seq FROM label_overrides ORDER BY tweet_seq').pluck();
  const exported = db.prepare(`
    SELECT ${VOTE_COLUMNS}, t.id AS tweetId, t.text FROM label_feedback f JOIN tweets t ON t.seq = f.tweet_seq
    ORDER BY f.at, f.id`);
  const personVotes = db.prepare(
    'DELETE FROM label_feedback WHERE person_id = ? RETURNING tweet_seq AS tweetSeq, kind, brand',
  );
  const corrections = db.prepare(`
    SELECT t.seq, t.text, t.lang, o.value AS label, o.decided_at AS decidedAt
    FROM label_overrides o JOIN tweets t ON t.seq = o.tweet_seq WHERE o.kind = 'label'
    ORDER BY o.decided_at, t.seq`);
  const tweet = db.prepare(`
    SELECT t.seq, t.id, t.text, t.lang, t.created_at AS createdAt, coalesce(s.label, 'other') AS label,
      coalesce(s.sentiment, 'neutral') AS sentiment
    FROM tweets t LEFT JOIN tweet_signals s ON s.tweet_seq = t.seq WHERE t.seq = ?`);
  const since = db.prepare('SELECT count(*) FROM label_feedback WHERE at >= ?').pluck();
  const addButton = db.prepare(
    'INSERT INTO feedback_refs (chat_id, tweet_seq, brand, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const buttonIdOf = db
    .prepare('SELECT id FROM feedback_refs WHERE chat_id = ? AND tweet_seq = ? AND brand = ?')
    .pluck();
  const buttonRow = db.prepare(
    'SELECT chat_id AS chatId, tweet_seq AS tweetSeq, brand FROM feedback_refs WHERE id = ?',
  );

  return {
    buttonId(chatId, ref, now) {
      const brand = ref.brand ?? '';
      addButton.run(chatId, ref.tweetSeq, brand, now);
      return buttonIdOf.get(chatId, ref.tweetSeq, brand) as number;
    },
    buttonRef(id) {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const row = buttonRow.get(id) as { chatId: string; tweetSeq: number; brand: string } | undefined;
      if (!row) return null;
      return {
        chatId: row.chatId,
        ref: row.brand ? { tweetSeq: row.tweetSeq, brand: row.brand } : { tweetSeq: row.tweetSeq },
      };
    },
    rememberList: db.transaction((chatId: string, items: readonly NumberedRef[], now: number) => {
      clearList.run(chatId);
      for (const { number, ref } of items) addItem.run(chatId, number, ref.tweetSeq, ref.brand ?? '', now);
    }),
    itemAt(chatId, number) {
      const row = item.get(chatId, number) as { tweetSeq: number; brand: string } | undefined;
      const n = count.get(chatId) as number;
      if (!row) return { item: null, count: n };
      return {
        item: row.brand ? { tweetSeq: row.tweetSeq, brand: row.brand } : { tweetSeq: row.tweetSeq },
        count: n,
      };
    },
    vote(v) {
      upsertVote.run({ ...v, admin: v.admin ? 1 : 0 });
    },
    decide(tweetSeq, kind, brand) {
      const rows = votesOn.all(tweetSeq, kind, brand) as VoteRow[];
      if (rows.length === 0) return null;
      const admins = rows.filter((r) => r.admin === 1);
      if (admins.length > 0) return admins[admins.length - 1]!.value;
      const tally = new Map<string, number>();
      for (const r of rows) tally.set(r.value, (tally.get(r.value) ?? 0) + 1);
      let best: string | null = null;
      for (const [value, n] of tally) if (best === null || n > tally.get(best)!) best = value;
      return best;
    },
    setOverride(tweetSeq, kind, brand, value, now) {
      if (value === null) dropOverride.run(tweetSeq, kind, brand);
      else upsertOverride.run(tweetSeq, kind, brand, value, now);
    },
    overridesOf: (seq) => overrides.all(seq) as Override[],
    overriddenSeqs: () => overridden.all() as number[],
    *exportVotes() {
      for (const row of exported.iterate() as IterableIterator<VoteRow & { tweetId: string; text: string }>)
        yield { ...row, admin: row.admin === 1 };
    },
    forgetPerson: (personId) =>
      personVotes.all(personId) as { tweetSeq: number; kind: FeedbackKind; brand: string }[],
    labelCorrections: () => corrections.all() as LabelCorrection[],
    votesSince: (at) => since.get(at) as number,
    tweetOf: (seq) => (tweet.get(seq) as ReadTweet | undefined) ?? null,
  };
}
