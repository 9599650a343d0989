import { describe, expect, it } from 'vitest';
import { sentimentOf } from '../../src/classify/sentiment.js';

describe('sentimentOf', () => {
  it.each([
    ['Опять не работает интернет, третий день', 'negative'],
    ['Сбой в приложении, деньги списали дважды', 'negative'],
    ['Верните деньги! Это обман', 'negative'],
    ['Хамство в отделении, отвратительное обслуживание', 'negative'],
    ['Сеть лежит весь вечер 😡', 'negative'],
    ['Опять разводят на платные подписки', 'negative'],
    ['Спасибо, всё быстро и удобно!', 'positive'],
    ['Люблю этот банк ❤️', 'positive'],
    ['Отличная связь, круто 👍', 'positive'],
    ['Thanks, the support team was great', 'positive'],
    ['Awesome service, love it 🔥', 'positive'],
    ['This is the worst app ever, it keeps crashing', 'negative'],
    ['It does not work again :(', 'negative'],
    ['Terrible support 😭', 'negative'],
    ['Взять кредит в Сбербанке http://t.co/abc', 'neutral'],
    ['Сбербанк открыл новый офис на Ленина', 'neutral'],
  ] as const)('%s → %s', (text, expected) => {
    expect(sentimentOf(text).sentiment).toBe(expected);
  });

  it('flips or dampens negated words', () => {
    expect(sentimentOf('Совсем не плохо').score).toBeGreaterThan(0);
    expect(sentimentOf('Не хорошо так поступать с клиентами').score).toBeLessThan(0);
    expect(sentimentOf("I don't like it").score).toBeLessThan(0);
    expect(sentimentOf('не советую этот банк').sentiment).toBe('negative');
  });

  it('counts intensifiers and exclamation marks', () => {
    expect(sentimentOf('очень плохо').score).toBeLessThan(sentimentOf('плохо').score);
    expect(sentimentOf('плохо!!!').score).toBeLessThan(sentimentOf('плохо').score);
  });

  it('reads emoticons and emoji', () => {
    expect(sentimentOf('ну вот :)').sentiment).toBe('positive');
    expect(sentimentOf('опять(((').sentiment).toBe('negative');
    expect(sentimentOf('👎').sentiment).toBe('negative');
  });

  it('keeps promotional loan adverts neutral', () => {
    const ad = 'Выгодный кредит онлайн, оформить заявку быстро и удобно http://t.co/xyz';
    expect(sentimentOf(ad).sentiment).toBe('neutral');
  });

  it('lists the cues it used', () => {
    const result = sentimentOf('Спасибо, но связь ужасная');
    expect(result.cues).toContain('спасибо');
    expect(result.cues).toContain('ужасная');
  });
});
