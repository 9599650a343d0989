import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  jaccard,
  nearDuplicateGroups,
  shingles,
} from '../../src/digest/near-duplicates.js';

interface CorpusTweet {
  key?: string;
  kind: string;
  text: string;
  dup_of?: string;
  retweet?: string;
  quote?: string;
}

const corpus = parse(readFileSync('data/demo/corpus.yaml', 'utf8')) as { tweets: CorpusTweet[] };
const vacancies = corpus.tweets.filter((t) => t.kind === 'vacancy' && !t.retweet && !t.quote);

describe('near-duplicate detection', () => {
  it('on the demo corpus: finds every annotated repost and merges no two different vacancies', () => {
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    for (let i = 0; i < vacancies.length; i++) {
      for (let j = i + 1; j < vacancies.length; j++) {
        const a = vacancies[i] as CorpusTweet;
        const b = vacancies[j] as CorpusTweet;
        const same =
          (a.key !== undefined && b.dup_of === a.key) || (b.key !== undefined && a.dup_of === b.key);
        const found = jaccard(shingles(a.text), shingles(b.text)) >= DEFAULT_NEAR_DUPLICATE_THRESHOLD;
        if (found && same) truePositive++;
        else if (found) falsePositive++;
        else if (same) falseNegative++;
      }
    }
    expect(truePositive).toBeGreaterThanOrEqual(4);
    expect(falseNegative).toBe(0);
    expect(falsePositive).toBe(0);
  });

  const original =
    'Ищем senior backend-разработчика (Go) в финтех. Зарплата 300-350к, удалёнка. Стек: Go, Postgres, Kafka. Резюме: jobs@paycore.io https://t.co/abc123';
  const reposts = [
    'Ищем senior backend разработчика на Go в финтех! ЗП 300-350к, удаленка. Go/Postgres/Kafka. Резюме: jobs@paycore.io https://t.co/zzz999',
    '🔥 Финтех ищет senior backend-разработчика (Go). 300-350к, удалёнка. Стек Go, Postgres, Kafka. jobs@paycore.io',
    'RT-style repost: Ищем senior backend-разработчика (Go) в финтех. Зарплата 300-350к, удалёнка. Стек: Go, Postgres, Kafka. jobs@paycore.io',
  ];
  const different = [
    'Ищем middle frontend-разработчика (React) в e-commerce. Зарплата 200-250к, офис в Москве. Резюме: hr@shopfast.ru',
    'Ищем senior backend-разработчика (Java) в банк. Зарплата 350-400к, гибрид, Санкт-Петербург. hr@bank.ru',
    'Ищу работу: senior backend Go, 6 лет опыта, удалёнка, от 300к. Портфолио в профиле.',
  ];

  it('folds crafted reposts with small edits and keeps distinct posts apart', () => {
    const groups = nearDuplicateGroups([original, ...reposts, ...different]);
    expect(groups).toContainEqual([0, 1, 2, 3]);
    for (const i of [4, 5, 6]) expect(groups).toContainEqual([i]);
  });

  it('ignores t.co links, which every repost gets anew', () => {
    expect(jaccard(shingles(`${original}`), shingles(original.replace('abc123', 'qwe456')))).toBe(1);
  });
});
