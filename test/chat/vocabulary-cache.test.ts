import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createMentionQueries } from '../../src/store/mention-queries.js';
import { createTweetWriter } from '../../src/store/tweet-store.js';
import { createVocabularyCache } from '../../src/store/vocabulary-cache.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';

const T0 = Date.UTC(2026, 10, 20, 12);

describe('word forms from the index vocabulary', () => {
  it('are remembered while the index is unchanged and read again after any tweet is indexed', () => {
    const db = openDatabase(':memory:');
    const writer = createTweetWriter(db);
    const queries = createMentionQueries(db);
    writer.save([makeTweet({ text: 'Открыта вакансия', createdAt: T0 }, 1)], [makeAuthor()], T0);
    expect(queries.wordForms('ваканс', 4, 40)).toEqual(['вакансия']);
    writer.save([makeTweet({ text: 'Две вакансии', createdAt: T0 + 1 }, 2)], [makeAuthor()], T0 + 1);
    expect(queries.wordForms('ваканс', 4, 40)).toEqual(['вакансии', 'вакансия']);
    // Limits are part of what is remembered.
    expect(queries.wordForms('ваканс', 4, 1)).toEqual(['вакансии']);
  });

  it('computes again only when the index changed, and hands out copies', () => {
    const db = openDatabase(':memory:');
    const writer = createTweetWriter(db);
    const cache = createVocabularyCache(db);
    let computed = 0;
    const list = () => cache.remember('k', () => [`v${++computed}`]);
    writer.save([makeTweet({ text: 'один', createdAt: T0 }, 1)], [makeAuthor()], T0);
    expect(list()).toEqual(['v1']);
    const copy = list();
    copy.push('changed by the caller');
    expect(list()).toEqual(['v1']);
    writer.save([makeTweet({ text: 'два', createdAt: T0 + 1 }, 2)], [makeAuthor()], T0 + 1);
    expect(list()).toEqual(['v2']);
    expect(computed).toBe(2);
  });
});
