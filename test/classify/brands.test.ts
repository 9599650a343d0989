import { describe, expect, it } from 'vitest';
import { type BrandSpan, createBrandMatcher } from '../../src/classify/brands.js';

const matcher = createBrandMatcher([
  { name: 'Yandex', aliases: ['Яндекс', 'Yandex'], exclude: ['Яндекс.Деньги'] },
  { name: 'Sber', aliases: ['Сбербанк', 'Сбер', 'Sberbank', 'Sber'] },
  { name: 'VK', aliases: ['ВКонтакте', 'ВК', 'VK'] },
  { name: 'MTS', aliases: ['МТС', 'MTS'] },
  { name: 'Beeline', aliases: ['Билайн', 'Beeline'] },
  { name: 'MegaFon', aliases: ['Мегафон', 'MegaFon'] },
  { name: 'Tele2', aliases: ['Теле2', 'Tele2'] },
  { name: 'Rostelecom', aliases: ['Ростелеком'] },
  { name: 'VTB', aliases: ['ВТБ', 'VTB'] },
  { name: 'Alfa', aliases: ['Альфа-Банк', 'Alfa-Bank'] },
  { name: 'Gazprombank', aliases: ['Газпромбанк'] },
  { name: 'BankMoskvy', aliases: ['Банк Москвы'] },
  { name: 'Raiffeisen', aliases: ['Райффайзенбанк'] },
]);

const brands = (text: string): string[] => matcher.match(text).map((s) => s.brand);
const surfaces = (text: string): string[] => matcher.match(text).map((s) => s.surface);

describe('createBrandMatcher', () => {
  it.each([
    ['Пишу в поддержку Яндекса', 'Яндекса'],
    ['Спасибо Яндексу', 'Яндексу'],
    ['Работаю с Яндексом', 'Яндексом'],
    ['О Яндексе', 'Яндексе'],
    ['Кредит в Сбербанке', 'Сбербанке'],
    ['Клиенты Сбербанка', 'Сбербанка'],
    ['Перевёл через Сбер', 'Сбер'],
    ['Звонки от Билайна', 'Билайна'],
    ['сеть Мегафона', 'Мегафона'],
    ['у Ростелекома авария', 'Ростелекома'],
    ['кредит в Газпромбанке', 'Газпромбанке'],
    ['в Альфа-Банке очередь', 'Альфа-Банке'],
    ['в Альфа-банке очередь', 'Альфа-банке'],
    ['в альфа банке очередь', 'альфа банке'],
    ['карта Альфабанка', 'Альфабанка'],
    ['кредит в Банке Москвы', 'Банке Москвы'],
    ['кредит в газпром банке', 'газпром банке'],
    ['в райффайзен банке', 'райффайзен банке'],
  ])('inflection: %s', (text, surface) => {
    expect(surfaces(text)).toEqual([surface]);
  });

  it('matches case-insensitively and with ё/е', () => {
    expect(brands('ЯНДЕКС и yandex')).toEqual(['Yandex', 'Yandex']);
    expect(brands('СБЕРБАНК')).toEqual(['Sber']);
  });

  it('treats acronyms: exact, hyphenated and colloquial glued endings of 3+ letters', () => {
    expect(surfaces('МТС снова')).toEqual(['МТС']);
    expect(surfaces('у МТС-а сбой')).toEqual(['МТС']);
    expect(surfaces('ограничение у мтса бесит')).toEqual(['мтса']);
    expect(surfaces('мтсовский номер')).toEqual(['мтсовский']);
    expect(surfaces('кредит ВТБ24')).toEqual(['ВТБ']);
    expect(surfaces('МТС-Украина')).toEqual(['МТС']);
    expect(surfaces('зашёл в ВК')).toEqual(['ВК']);
    expect(surfaces('ВК-шный паблик')).toEqual(['ВК']);
    expect(brands('вкус вкусно ВКС вка')).toEqual([]);
  });

  it('does not fire on look-alike words', () => {
    for (const text of [
      'индекс цен вырос',
      'yandere anime',
      'мои сбережения',
      'сберегательный сертификат',
      'сберечь нервы',
      'большой билайнер',
      'знакомтсва и почтамтская',
      'vkus и VKontakte',
      'vkusno',
      'megafonic',
      'банки Москвы выдают кредиты',
      'мегафонная дипломатия',
      'телефон и телевизор',
    ]) {
      expect(brands(text), text).toEqual([]);
    }
  });

  it('handles @handles', () => {
    expect(surfaces('@yandex помогите')).toEqual(['@yandex']);
    expect(surfaces('пишу @sberbank')).toEqual(['@sberbank']);
    expect(brands('@beeline_rus @ru_mts @megafonhelp @alfa_bank @tele2russia')).toEqual([
      'Beeline',
      'MTS',
      'MegaFon',
      'Alfa',
      'Tele2',
    ]);
    expect(brands('@vkusno_tochka @dimabeeline @mtsmith')).toEqual([]);
    expect(brands('info@sberbank.ru')).toEqual(['Sber']);
  });

  it('handles #hashtags', () => {
    expect(surfaces('#яндекс лучший')).toEqual(['#яндекс']);
    expect(surfaces('#Yandex rocks')).toEqual(['#Yandex']);
    expect(surfaces('#Сбербанка нет')).toEqual(['#Сбербанка']);
    expect(surfaces('#Альфа-банк снова')).toEqual(['#Альфа-банк']);
    expect(surfaces('#банкмосквы')).toEqual(['#банкмосквы']);
    expect(surfaces('#велобилайн')).toEqual(['#велобилайн']);
    expect(surfaces('#МТСквест и #люблюМТС')).toEqual(['#МТСквест', '#люблюМТС']);
    expect(brands('#МТСБУ #сбережения #vkus')).toEqual([]);
  });

  it('handles domains and URLs (host only)', () => {
    expect(surfaces('см. yandex.ru')).toEqual(['yandex.ru']);
    expect(surfaces('https://www.sberbank.ru/ru/person')).toEqual(['https://www.sberbank.ru/ru/person']);
    expect(brands('vk.com/id1')).toEqual(['VK']);
    expect(brands('ya.ru')).toEqual([]);
    expect(brands('https://example.com/yandex/mts')).toEqual([]);
    const withYa = createBrandMatcher([{ name: 'Yandex', aliases: ['Яндекс', 'ya.ru'] }]);
    expect(withYa.match('ищи на ya.ru и https://mail.ya.ru/x').map((s) => s.surface)).toEqual([
      'ya.ru',
      'https://mail.ya.ru/x',
    ]);
  });

  it('spans the brand part of product compounds', () => {
    expect(surfaces('Яндекс.Такси опоздало')).toEqual(['Яндекс']);
    expect(surfaces('Яндекс Go и Yandex Go')).toEqual(['Яндекс', 'Yandex']);
    expect(surfaces('Сбер Онлайн и СберБанк Онлайн')).toEqual(['Сбер', 'СберБанк']);
    expect(surfaces("Yandex's new app")).toEqual(['Yandex']);
  });

  it('suppresses spans inside exclusions', () => {
    expect(brands('Пополнил Яндекс.Деньги')).toEqual([]);
    expect(brands('оплата через Яндекс Деньги')).toEqual([]);
    expect(brands('Яндекс.Деньгами не пользуюсь, а Яндекс люблю')).toEqual(['Yandex']);
  });

  it('does not transliterate on its own', () => {
    const ruOnly = createBrandMatcher([{ name: 'Beeline', aliases: ['Билайн'] }]);
    expect(ruOnly.match('Beeline и @beeline')).toEqual([]);
  });

  it('tolerates one typo in long names only', () => {
    expect(brands('кредит в райфайзенбанке')).toEqual(['Raiffeisen']);
    expect(brands('санкции против Газромбанка')).toEqual(['Gazprombank']);
    expect(brands('сбербнк')).toEqual([]);
  });

  it('finds a long name glued to the next word (a missing space), not a short one', () => {
    expect(matcher.match('Взять кредит в райффайзенбанкаваль')).toEqual([
      { brand: 'Raiffeisen', start: 15, end: 29, surface: 'райффайзенбанк' },
    ]);
    expect(surfaces('Газпромбанкипотека без первого взноса')).toEqual(['Газпромбанк']);
    expect(surfaces('#кредит РОСТЕЛЕКОМинтернет')).toEqual(['РОСТЕЛЕКОМ']);
    // An ending is a case form, not a glued word; short names never glue (сбережения is not Sber).
    expect(surfaces('в Райффайзенбанке')).toEqual(['Райффайзенбанке']);
    expect(brands('сбережения и сбербанкинг')).toEqual([]);
    expect(brands('мегафонтан')).toEqual([]);
  });

  it('reports several brands with exact offsets', () => {
    const text = 'Ушёл из МТС в Билайн, а @megafonru молчит; Tele2 и Теле2 дешевле. ВТБ24 → vk.com';
    const spans = matcher.match(text);
    expect(spans.map((s: BrandSpan) => s.brand)).toEqual([
      'MTS',
      'Beeline',
      'MegaFon',
      'Tele2',
      'Tele2',
      'VTB',
      'VK',
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.surface);
    expect(spans[3]?.surface).toBe('Tele2');
  });

  it('keeps offsets right when lower-casing changes length', () => {
    const text = 'İİ Яндекс';
    const [span] = matcher.match(text);
    expect(span?.surface).toBe('Яндекс');
    expect(text.slice(span?.start, span?.end)).toBe('Яндекс');
  });
});
