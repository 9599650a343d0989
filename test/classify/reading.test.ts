import { describe, expect, it } from 'vitest';
import { createClassifier, SHIPPED_MODELS } from '../../src/classify/classifier.js';
import { detectCues } from '../../src/classify/cue-detect.js';
import { createReadingModel } from '../../src/classify/reading-model.js';
import { templateKeys } from '../../src/classify/template-key.js';
import { prepareText } from '../../src/classify/text.js';
import { FeatureVector, targetFeatures, tweetFeatures } from '../../src/classify/tweet-features.js';

const banks = [
  { name: 'sberbank', aliases: ['Сбербанк', 'Сбер'], exclude: [] },
  { name: 'vtb', aliases: ['ВТБ'], exclude: [] },
];

describe('tweet features', () => {
  const featuresOf = (text: string) => {
    const v = new FeatureVector();
    tweetFeatures(prepareText(text), { cues: detectCues(text), lexiconScore: 0 }, v);
    return [...v.index.subarray(0, v.count)].sort((a, b) => a - b);
  };

  it('are the same for the same text, and differ with a word', () => {
    expect(featuresOf('Взять кредит в банке')).toEqual(featuresOf('Взять кредит в банке'));
    expect(featuresOf('Взять кредит в банке')).not.toEqual(featuresOf('Взять вклад в банке'));
  });

  it('for a brand, add only the words around that brand', () => {
    const text = 'Сбербанк молодцы, а ВТБ опять подвёл';
    const prepared = prepareText(text);
    const sber = { start: 0, end: 8 };
    const vtb = { start: 20, end: 23 };
    const a = new FeatureVector();
    const b = new FeatureVector();
    targetFeatures(prepared, { spans: [sber], others: [vtb] }, a);
    targetFeatures(prepared, { spans: [vtb], others: [sber] }, b);
    expect(a.count).toBeGreaterThan(1);
    expect([...a.index.subarray(0, a.count)]).not.toEqual([...b.index.subarray(0, b.count)]);
  });
});

describe('the shipped models', () => {
  const classifier = createClassifier({ brands: banks });

  it('read a tone toward each brand: praise for one, blame for the other', () => {
    const contrasts: [string, Record<string, string>][] = [
      ['В ВТБ отличное обслуживание, а Сбер опять завис', { vtb: 'positive', sberbank: 'negative' }],
      ['Сбербанк опять завис, ужас. А в ВТБ всё быстро, спасибо', { sberbank: 'negative', vtb: 'positive' }],
      [
        'Ушёл из ВТБ, там хамят. Сбербанк молодцы, всё решили за 5 минут',
        { vtb: 'negative', sberbank: 'positive' },
      ],
      ['Спасибо Сбербанку за помощь! ВТБ отвратительный банк', { sberbank: 'positive', vtb: 'negative' }],
    ];
    let right = 0;
    for (const [text, want] of contrasts) {
      const r = classifier.classify(text);
      expect(Object.keys(r.brandSentiment).sort()).toEqual(['sberbank', 'vtb']);
      for (const [brand, tone] of Object.entries(want)) if (r.brandSentiment[brand] === tone) right++;
    }
    // Giving both brands the tweet's own tone gets exactly 4 of these 8 right; the eval has the real figure.
    expect(right).toBeGreaterThanOrEqual(5);
  });

  it('read loan keyword spam as promo and a complaint to support as other', () => {
    expect(classifier.classify('кредит наличными в сбербанке омск http://t.co/abc').label).toBe('promo');
    expect(classifier.classify('@sberbank почему не работает приложение уже второй день?').label).toBe(
      'other',
    );
  });

  it('refuse model files of the wrong shape with a message that names the fix', () => {
    expect(() =>
      createReadingModel({ label: SHIPPED_MODELS.sentiment, sentiment: SHIPPED_MODELS.sentiment }),
    ).toThrow(/classes/);
    expect(() =>
      createReadingModel({
        label: { ...SHIPPED_MODELS.label, featureVersion: 0 },
        sentiment: SHIPPED_MODELS.sentiment,
      }),
    ).toThrow(/npm run train/);
  });
});

describe('template keys', () => {
  it('tie the same spam template together whatever the bank or city, and keep distinct texts apart', () => {
    const a = templateKeys('Кредит наличными в Сбербанке Омск http://t.co/a', [{ start: 19, end: 29 }]);
    const b = templateKeys('кредит наличными в ВТБ Тюмень http://t.co/b', [{ start: 19, end: 22 }]);
    const c = templateKeys('Ипотека для молодой семьи в Сбербанке', [{ start: 28, end: 37 }]);
    expect(a[1]).toBeDefined();
    expect(a[1]).toBe(b[1]);
    expect(c).not.toContain(a[1]);
    expect(templateKeys('RT @x: Привет   мир http://t.co/z', [])[0]).toBe('text:привет мир');
  });
});
