/**
 * Sentiment lexicon for brand tweets in Russian and English. Entries are words in any form; the scorer
 * stems them with the same Snowball stemmer it uses on tweets. Weights: ±1 ordinary, ±2 strong.
 * Two-word entries are matched as consecutive words ("верните деньги", "customer service").
 */

const NEGATIVE_STRONG = `
ужасный ужасно отвратительный отвратительно отвратно мерзкий мерзко омерзительный кошмар кошмарный
хамство хам хамить хамят хамка обман обманывать обманули обманщики мошенники мошенничество мошенник
развод разводят развели разводилово ворюги воры ворует украли грабеж грабят грабители бесит бесят
ненавижу ненависть позор позорище отстой отстойный говно говняный хуево хреново херово дерьмо
убогий убого ублюдки твари уроды суки сволочи идиоты дебилы тупые тупорылые жулики жульничество
худший худшая наихудший бесполезный беспредел издевательство издеваются вымогательство вымогают
терпеть отвратительное кидалово кинули кидают достали задолбали заебали ебаный сраный гавно
horrible terrible awful worst hate hated disgusting scam scammers fraud rip-off ripoff useless pathetic
`;

const NEGATIVE = `
плохой плохо плохая хуже сбой сбои глючит глюк глюки лагает тормозит тормоза упал упала лежит лег
лежат висит зависает отключили отключают отключение списали списывают списание снимают сняли
жалоба жаловаться претензия проблема проблемы неполадки авария поломка ошибка ошибкой недоступен
недоступна недоступно медленный медленно долго ждать ожидание очередь очереди грубый грубо грубят
дорого дорогой подорожание повышают повышение штраф штрафы комиссия комиссии навязали навязывают
невозможно нельзя отказ отказали отказывают отказывает блокировка заблокировали блокируют
санкции санкциях санкций угроза кризис падение снизилась снижение убыток убытки потери рухнула
дефолт банкрот банкротство отозвали лишили долг долги задолженность коллекторы коллектор просрочка
разочарован разочарование разочаровал недоволен недовольна недовольны жаль печально грустно обидно
раздражает надоели надоело устал задержка задерживают пропал пропала пропадает потеряли потерялись
исчезли верните вернуть жуть ужас фу блин капец пиздец трындец жесть хрень фигня ерунда бред
неудобно неудобный некомпетентные некомпетентность безобразие возмутительно возмущен возмущена
обрыв обрывается сбрасывает глушат помехи спам навязчивый мучаюсь мучают замучили кошмарят
bad worse poor broken down outage slow problem issue issues error fail failed failure sucks sucked
annoying annoyed angry disappointed disappointing complaint charged overcharged rude expensive
crash crashed lost stolen unacceptable ridiculous wtf fuck fucking shit crap delay delayed
`;

const POSITIVE_STRONG = `
отлично отличный отличная превосходно прекрасно прекрасный шикарно шикарный замечательно
замечательный великолепно великолепный восхитительно обожаю люблю любимый любимая лучший лучшая
супер круто крутой классно классный офигенно охуенно огонь восторг восхищен спасибо благодарю
благодарность молодцы молодец браво ура
excellent awesome amazing love loved lovely fantastic wonderful brilliant perfect best thanks thank
`;

const POSITIVE = `
хорошо хороший хорошая норм нормально неплохо приятно приятный удобно удобный удобная быстро быстрый
быстрая оперативно оперативный вежливо вежливый вежливые доволен довольна довольны рад рада рады
радует порадовал понравилось нравится помогли помог помогает выгодно выгодный
надежный надежно стабильно стабильный качественно качественный бесплатно рекомендую
спасли выручили поздравляю поздравляем удачи успех успешно улучшили улучшение вкусно красиво лидер
интересно полезно полезный классика ок окей пожалуйста уважение уважаю приятная
good great nice fast quick helpful happy glad like liked cool fine recommend works worked fixed
reliable easy smooth friendly congrats congratulations well
`;

/** Words that are negative when negated ("не работает", "не отвечают", "can't connect"). */
export const NEGATED_NEGATIVE = `
работает работают работал работала работало ловит грузит грузится загружается открывается отвечают
отвечает ответили приходит пришли пришло проходит прошел дозвониться дозвонился могу можем может
получается получилось включается подключается соединяет вернули возвращают начисляют зачислили
work works working load loads connect connects respond responding answer
`;

/** Intensifiers: the next sentiment word counts 1.5 times. */
export const INTENSIFIERS = `
очень оч крайне абсолютно совершенно совсем вообще реально самый самая самое жутко дико
нереально безумно слишком настолько так такой такая просто полностью
very really so too extremely totally absolutely completely super most
`;

/** Negators: flip the polarity of the next 1–3 words. */
export const NEGATORS = `не нет ни ничуть никогда нисколько not no never nobody nothing without без`;

/** Promotional or loan-advertising cues: texts with several of them lean neutral. */
export const PROMO = `
кредит кредиты кредитная кредитную кредитной заявка заявку оформить оформление взять получить онлайн
процент проценты ставка ставки условия наличными ипотека ипотечный автокредит калькулятор вклад
вклады акция акции скидка скидки тариф тарифы предложение выгодное подробнее узнайте звоните
бесплатно подключите подключи розыгрыш конкурс выиграй
apply offer promo discount deal loan loans rate rates sale
`;

const TWO_WORD: [string, number][] = [
  ['верните деньги', -2],
  ['нет связи', -2],
  ['нет интернета', -2],
  ['нет сети', -2],
  ['не советую', -2],
  ['не рекомендую', -2],
  ['служба поддержки', 0],
  ['customer service', 0],
  ['not working', -2],
  ['doesn’t work', -2],
  ['does not work', -2],
  ['thank you', 2],
];

function words(block: string): string[] {
  return block.split(/\s+/).filter((w) => w.length > 0);
}

/** Every single-word entry with its weight. */
export function lexiconEntries(): [string, number][] {
  return [
    ...words(NEGATIVE_STRONG).map((w): [string, number] => [w, -2]),
    ...words(NEGATIVE).map((w): [string, number] => [w, -1]),
    ...words(POSITIVE_STRONG).map((w): [string, number] => [w, 2]),
    ...words(POSITIVE).map((w): [string, number] => [w, 1]),
  ];
}

/** Two-word entries with their weights. */
export function phraseEntries(): [string, number][] {
  return TWO_WORD;
}

/** Splits one of the word blocks above into words. */
export function wordList(block: string): string[] {
  return words(block);
}
