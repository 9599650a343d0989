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
];
