/**
 * Versioned schema. Each entry moves the database from version i to i+1 (`PRAGMA user_version`).
 * Never edit a released migration: add a new one.
 */
export const migrations: readonly string[] = [
  // 1: tweets, authors, metrics, watches, matches, cursors, usage, FTS.
  `
  CREATE TABLE authors (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    verified INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER,
    followers INTEGER NOT NULL DEFAULT 0,
    following INTEGER NOT NULL DEFAULT 0,
    tweet_count INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX authors_username ON authors (username COLLATE NOCASE);

  CREATE TABLE author_snapshots (
    author_id TEXT NOT NULL REFERENCES authors (id),
    fetched_at INTEGER NOT NULL,
    followers INTEGER NOT NULL,
    following INTEGER NOT NULL,
    tweet_count INTEGER NOT NULL,
    PRIMARY KEY (author_id, fetched_at)
  ) WITHOUT ROWID;

  CREATE TABLE tweets (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    author_id TEXT NOT NULL REFERENCES authors (id),
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    lang TEXT,
    conversation_id TEXT,
    reply_to TEXT,
    quote_of TEXT,
    retweet_of TEXT,
    urls TEXT NOT NULL DEFAULT '[]',
    mentions TEXT NOT NULL DEFAULT '[]',
    hashtags TEXT NOT NULL DEFAULT '[]',
    likes INTEGER NOT NULL DEFAULT 0,
    retweets INTEGER NOT NULL DEFAULT 0,
    replies INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    bookmarks INTEGER,
    impressions INTEGER,
    author_followers INTEGER NOT NULL DEFAULT 0,
    fetched_at INTEGER NOT NULL,
    metrics_at INTEGER NOT NULL
  );
  CREATE INDEX tweets_created ON tweets (created_at);
  CREATE INDEX tweets_author_created ON tweets (author_id, created_at);
  CREATE INDEX tweets_conversation ON tweets (conversation_id);

  CREATE TABLE tweet_metrics (
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    fetched_at INTEGER NOT NULL,
    likes INTEGER NOT NULL,
    retweets INTEGER NOT NULL,
    replies INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    bookmarks INTEGER,
    impressions INTEGER,
    PRIMARY KEY (tweet_seq, fetched_at)
  ) WITHOUT ROWID;

  CREATE VIRTUAL TABLE tweets_fts USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 5'
  );

  CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('brand', 'jobs', 'topic', 'expert')),
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    spec_hash TEXT NOT NULL,
    chat_id TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
    created_at INTEGER NOT NULL,
    removed_at INTEGER
  );
  CREATE UNIQUE INDEX watches_identity ON watches (kind, name COLLATE NOCASE, chat_id) WHERE removed_at IS NULL;

  CREATE TABLE watch_cursors (
    watch_id INTEGER PRIMARY KEY REFERENCES watches (id),
    since_id TEXT NOT NULL,
    spec_hash TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE watch_matches (
    watch_id INTEGER NOT NULL REFERENCES watches (id),
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    matched_at INTEGER NOT NULL,
    PRIMARY KEY (watch_id, tweet_seq)
  ) WITHOUT ROWID;
  CREATE INDEX watch_matches_tweet ON watch_matches (tweet_seq);

  CREATE TABLE api_usage (
    day TEXT PRIMARY KEY,
    requests INTEGER NOT NULL DEFAULT 0,
    tweets_read INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE poll_runs (
    id INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
    requests INTEGER NOT NULL DEFAULT 0,
    tweets_read INTEGER NOT NULL DEFAULT 0,
    tweets_new INTEGER NOT NULL DEFAULT 0,
    message TEXT
  );
  `,
  // 2: what the classifier read in each tweet, and brand mentions with their spans.
  `
  CREATE TABLE tweet_signals (
    tweet_seq INTEGER PRIMARY KEY REFERENCES tweets (seq),
    label TEXT NOT NULL CHECK (label IN ('vacancy', 'help_wanted', 'job_seeker', 'discussion', 'promo', 'other')),
    confidence REAL NOT NULL,
    reasons TEXT NOT NULL,
    sentiment TEXT NOT NULL CHECK (sentiment IN ('positive', 'negative', 'neutral')),
    vacancy TEXT,
    salary_min REAL,
    salary_max REAL,
    salary_currency TEXT,
    salary_period TEXT,
    remote TEXT,
    version INTEGER NOT NULL
  );
  CREATE INDEX tweet_signals_label ON tweet_signals (label);

  CREATE TABLE brand_mentions (
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    brand TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tweet_seq, brand, start)
  ) WITHOUT ROWID;
  CREATE INDEX brand_mentions_brand_time ON brand_mentions (brand, created_at);
  `,
  // 3: chats (language, timezone, digest schedule) and people's job-alert subscriptions.
  `
  CREATE TABLE chats (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('private', 'group', 'channel')),
    title TEXT,
    lang TEXT CHECK (lang IN ('ru', 'en')),
    timezone TEXT,
    digest_time TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE subscribers (
    user_id TEXT PRIMARY KEY,
    chat_id TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    timezone TEXT,
    quiet_start TEXT,
    quiet_end TEXT,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE job_subscriptions (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES subscribers (user_id),
    keywords TEXT NOT NULL,
    remote_only INTEGER NOT NULL DEFAULT 0,
    min_salary REAL,
    salary_currency TEXT,
    location TEXT,
    created_at INTEGER NOT NULL,
    removed_at INTEGER
  );
  CREATE INDEX job_subscriptions_user ON job_subscriptions (user_id) WHERE removed_at IS NULL;
  `,
  // 4: delivery: the outbox (exactly-once sending), which vacancy reached whom, spike and digest history.
  `
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    platform_ids TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX outbox_due ON outbox (status, not_before);

  CREATE TABLE alert_deliveries (
    user_id TEXT NOT NULL,
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    outbox_key TEXT NOT NULL,
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, tweet_seq)
  ) WITHOUT ROWID;

  CREATE TABLE spike_alerts (
    brand TEXT NOT NULL,
    hour_start INTEGER NOT NULL,
    count INTEGER NOT NULL,
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (brand, hour_start)
  ) WITHOUT ROWID;

  CREATE TABLE digest_runs (
    chat_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    window_from INTEGER NOT NULL,
    window_to INTEGER NOT NULL,
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, local_date)
  ) WITHOUT ROWID;
  `,
  // 5: what /mentions reads for a brand without visiting every mention. One row per (brand, tweet) with the
  // figures of the reply, ordered by time within a brand, and tweets per brand per UTC hour by sentiment (a
  // day-long chart in any whole-hour timezone is 24 of these rows). Kept by the signal writer
  // (src/store/signal-store.ts); `engagement` also by the tweet writer when metrics are re-fetched.
  `
  CREATE TABLE brand_mention_tweets (
    brand TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    sentiment TEXT,
    engagement INTEGER NOT NULL,
    original INTEGER NOT NULL,
    author_id TEXT NOT NULL,
    author_followers INTEGER NOT NULL,
    PRIMARY KEY (brand, created_at, tweet_seq)
  ) WITHOUT ROWID;
  CREATE INDEX brand_mention_tweets_tweet ON brand_mention_tweets (tweet_seq);

  CREATE TABLE brand_mention_hours (
    brand TEXT NOT NULL,
    hour INTEGER NOT NULL,
    positive INTEGER NOT NULL,
    neutral INTEGER NOT NULL,
    negative INTEGER NOT NULL,
    unknown INTEGER NOT NULL,
    PRIMARY KEY (brand, hour)
  ) WITHOUT ROWID;

  INSERT INTO brand_mention_tweets (brand, created_at, tweet_seq, sentiment, engagement, original, author_id,
    author_followers)
  SELECT m.brand, min(m.created_at), m.tweet_seq, s.sentiment, t.likes + t.retweets + t.replies + t.quotes,
    t.retweet_of IS NULL, t.author_id, t.author_followers
  FROM brand_mentions m JOIN tweets t ON t.seq = m.tweet_seq LEFT JOIN tweet_signals s ON s.tweet_seq = m.tweet_seq
  GROUP BY m.tweet_seq, m.brand;

  INSERT INTO brand_mention_hours (brand, hour, positive, neutral, negative, unknown)
  SELECT brand, created_at / 3600000, count(*) FILTER (WHERE sentiment = 'positive'),
    count(*) FILTER (WHERE sentiment = 'neutral'), count(*) FILTER (WHERE sentiment = 'negative'),
    count(*) FILTER (WHERE sentiment IS NULL)
  FROM brand_mention_tweets GROUP BY brand, created_at / 3600000;
  `,
  // 6: what a full-text /mentions reads, without visiting the wide tweet rows.
  // - tweet_days: the lowest seq of the tweets created on each UTC day, so a search over a period reads the FTS
  //   index from that seq on (FTS rowid = seq). Tweets are stored in about the order they were written, but a
  //   back-fill stores older ones later: a floor per day stays right whatever the order. Kept by the tweet
  //   writer (a trigger would too, but makes every insert of a tweet 2-5 times slower).
  // - tweet_facts: per tweet, the figures of the reply (time, engagement, author, reach, original, sentiment),
  //   ~40 bytes a row against ~300 for tweets, and sentiment without a second join. Kept by the signal writer
  //   (src/store/signal-store.ts) and, for engagement, by the tweet writer when metrics are re-fetched.
  `
  CREATE TABLE tweet_days (
    day INTEGER PRIMARY KEY,
    first_seq INTEGER NOT NULL
  );
  INSERT INTO tweet_days (day, first_seq)
  SELECT CAST(created_at / 86400000 AS INTEGER), min(seq) FROM tweets GROUP BY 1;

  CREATE TABLE tweet_facts (
    seq INTEGER PRIMARY KEY REFERENCES tweets (seq),
    created_at INTEGER NOT NULL,
    engagement INTEGER NOT NULL,
    author_id TEXT NOT NULL,
    author_followers INTEGER NOT NULL,
    original INTEGER NOT NULL,
    sentiment TEXT
  );
  INSERT INTO tweet_facts (seq, created_at, engagement, author_id, author_followers, original, sentiment)
  SELECT t.seq, t.created_at, t.likes + t.retweets + t.replies + t.quotes, t.author_id, t.author_followers,
    t.retweet_of IS NULL, s.sentiment
  FROM tweets t LEFT JOIN tweet_signals s ON s.tweet_seq = t.seq;
  `,
  // 7: authors X left out of a page's `includes` (a documented page without expansions, a suspended account):
  // a minimal row marked unknown keeps the tweet, and the first page that brings the author fills it in.
  `
  ALTER TABLE authors ADD COLUMN unknown INTEGER NOT NULL DEFAULT 0;
  `,
  // 8: polling as a plan (issue 13).
  // - query_cursors: what each unit (a watch's share of a packed query: the whole watch, or one part of a split
  //   one) has read. Every tweet its clauses find with an id ≤ since_id is stored; when gap_until is set, the
  //   range [gap_until, gap_top] is stored too and (since_id, gap_until) is still to read. Failing units back off.
  // - read_posts: the posts read per UTC day, so a post X returns again the same day (free) is told apart from
  //   one it bills; api_usage counts both, and counts requests.
  // - watch_reads: billed posts per watch per UTC day, against x.maxReadsPerWatchPerDay.
  // - poll_runs gains 'partial' (some queries failed, the others were stored) and the number of failed queries.
  `
  CREATE TABLE query_cursors (
    watch_id INTEGER NOT NULL REFERENCES watches (id),
    unit TEXT NOT NULL,
    since_id TEXT NOT NULL,
    gap_until TEXT,
    gap_top TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    retry_at INTEGER,
    last_error TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (watch_id, unit)
  ) WITHOUT ROWID;

  CREATE TABLE read_posts (
    day TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (day, id)
  ) WITHOUT ROWID;

  CREATE TABLE watch_reads (
    watch_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    reads INTEGER NOT NULL,
    PRIMARY KEY (watch_id, day)
  ) WITHOUT ROWID;

  ALTER TABLE api_usage ADD COLUMN re_reads INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE api_usage ADD COLUMN counts_requests INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE poll_runs_8 (
    id INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'skipped')),
    requests INTEGER NOT NULL DEFAULT 0,
    tweets_read INTEGER NOT NULL DEFAULT 0,
    tweets_new INTEGER NOT NULL DEFAULT 0,
    message TEXT,
    failed_queries INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO poll_runs_8 (id, started_at, finished_at, status, requests, tweets_read, tweets_new, message)
  SELECT id, started_at, finished_at, status, requests, tweets_read, tweets_new, message FROM poll_runs;
  DROP TABLE poll_runs;
  ALTER TABLE poll_runs_8 RENAME TO poll_runs;
  `,
  // 9: chats come back (issue 14). Why and since when a chat is inactive; outbox messages failed because
  // their chat went away keep `revivable` and `failed_at`, so a chat that returns within
  // delivery.reviveWithinHours gets them then, in order, once.
  `
  ALTER TABLE chats ADD COLUMN inactive_reason TEXT;
  ALTER TABLE chats ADD COLUMN inactive_since INTEGER;
  ALTER TABLE outbox ADD COLUMN failed_at INTEGER;
  ALTER TABLE outbox ADD COLUMN revivable INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX outbox_revivable ON outbox (target, failed_at) WHERE revivable = 1;
  `,
  // 10: over-budget gaps (issue 13 follow-up). A day's allowance and a watch's cap buy that day's posts: a unit the
  // budget stopped keeps the day it did so (over_budget_day, and why), and on a later day gives up what it did
  // not read of that day instead of reading it a day late (when X would bill again every post another watch read
  // that day). What it gave up is recorded: one budget_skips row per watch and day (an estimate of the posts, and
  // how many reached the watch anyway through other watches' queries), its stretches of ids per unit in
  // budget_skip_ranges (both bounds exclusive, as a search's).
  `
  ALTER TABLE query_cursors ADD COLUMN over_budget_day TEXT;
  ALTER TABLE query_cursors ADD COLUMN over_budget_reason TEXT CHECK (over_budget_reason IN ('cap', 'allowance', 'month'));

  CREATE TABLE budget_skips (
    id INTEGER PRIMARY KEY,
    watch_id INTEGER NOT NULL REFERENCES watches (id),
    day TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('cap', 'allowance', 'month')),
    from_at INTEGER NOT NULL,
    to_at INTEGER NOT NULL,
    posts_estimate INTEGER,
    posts_reached INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
  );
  CREATE INDEX budget_skips_day ON budget_skips (day, watch_id);

  CREATE TABLE budget_skip_ranges (
    skip_id INTEGER NOT NULL REFERENCES budget_skips (id),
    unit TEXT NOT NULL,
    since_id TEXT NOT NULL,
    until_id TEXT NOT NULL
  );
  CREATE INDEX budget_skip_ranges_skip ON budget_skip_ranges (skip_id);
  `,
  // 11: what teams teach Kestrel (issue 16). The numbered items of the last list each chat was shown, so
  // "/feedback 3 promo" (or a button) names one tweet; each person's vote per (tweet, kind, brand), once; the
  // decision of those votes, which overrides the model's reading; the team's retrained models.
  `
  CREATE TABLE feedback_items (
    chat_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    brand TEXT NOT NULL DEFAULT '',
    shown_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, number)
  ) WITHOUT ROWID;

  CREATE TABLE label_feedback (
    id INTEGER PRIMARY KEY,
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    chat_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('label', 'brand', 'tone')),
    brand TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL,
    at INTEGER NOT NULL,
    UNIQUE (tweet_seq, chat_id, person_id, kind, brand)
  );
  CREATE INDEX label_feedback_person ON label_feedback (person_id);
  CREATE INDEX label_feedback_at ON label_feedback (at);

  CREATE TABLE label_overrides (
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    kind TEXT NOT NULL CHECK (kind IN ('label', 'brand', 'tone')),
    brand TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL,
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (tweet_seq, kind, brand)
  ) WITHOUT ROWID;

  CREATE TABLE team_models (
    id INTEGER PRIMARY KEY,
    trained_at INTEGER NOT NULL,
    corrections INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 0,
    figures TEXT NOT NULL,
    label_model TEXT
  );
  `,
  // 12: the filters /mentions reads beside a tweet's figures (issue 15): its language and whether it replies,
  // so `lang:` and `is:reply` need not join the wide tweets table. Added columns cost nothing; the back-fill
  // reads each tweet once by seq. Kept by the signal writer like the rest of tweet_facts.
  `
  ALTER TABLE tweet_facts ADD COLUMN lang TEXT;
  ALTER TABLE tweet_facts ADD COLUMN reply INTEGER NOT NULL DEFAULT 0;
  UPDATE tweet_facts SET (lang, reply) =
    (SELECT t.lang, coalesce(t.reply_to IS NOT NULL, 0) FROM tweets t WHERE t.seq = tweet_facts.seq);
  `,
  // 13: the items feedback buttons point at (issue 16). A button outlives the chat's last list (an older digest
  // can still be tapped), so it carries the id of one (chat, tweet, brand) instead of a list number: short
  // enough for Telegram's 64-byte callback_data, and a tap from another chat finds nothing.
  `
  CREATE TABLE feedback_refs (
    id INTEGER PRIMARY KEY,
    chat_id TEXT NOT NULL,
    tweet_seq INTEGER NOT NULL REFERENCES tweets (seq),
    brand TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    UNIQUE (chat_id, tweet_seq, brand)
  );
  `,
  // 14: the full-text index keyed by time (issue 15). A tweet's rowid in tweets_fts packs the minute it was
  // created, its language, whether it replies, and its seq (src/store/search-key.ts), so a word's matches come
  // out in time order, a period is a rowid range, and /mentions counts the previous period's matches without
  // reading each tweet's row. The index is contentless, so it is rebuilt from the tweets (folded by kestrel_fold,
  // the function src/store/database.ts registers before migrating): about 40 s per million tweets, once.
  // tweet_facts.author_key is the author's rowid in authors (never deleted or replaced), so /mentions groups
  // authors by an integer instead of a string per match. tweet_days (migration 6) found a period's first seq in
  // the old index; a key range needs no lookup, so it goes.
  `
  DROP TABLE tweet_days;
  ALTER TABLE tweet_facts ADD COLUMN author_key INTEGER;
  UPDATE tweet_facts SET author_key = (SELECT a.rowid FROM authors a WHERE a.id = tweet_facts.author_id);

  DROP TABLE tweets_fts;
  CREATE VIRTUAL TABLE tweets_fts USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 5'
  );
  INSERT INTO tweets_fts (rowid, text)
  SELECT ((created_at / 60000) << 37) | ((CASE lang WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 0 END) << 35)
      | ((reply_to IS NOT NULL) << 34) | seq,
    kestrel_fold(text)
  FROM tweets ORDER BY seq;
  `,
];
