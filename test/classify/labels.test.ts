import { describe, expect, it } from 'vitest';
import { LABELS, type Label } from '../../src/classify/classes.js';
import { createClassifier } from '../../src/classify/classifier.js';

const classifier = createClassifier({ brands: [] });
const classifyLabel = (text: string, lang?: string | null) => classifier.classify(text, lang);

const CASES: Record<Label, string[]> = {
  vacancy: [
    'Ищем backend-разработчика на Go в команду платежей. Зп от 250 000 ₽, удалёнка. Резюме в лс',
    'В нашу команду требуется Senior Python developer, полная занятость, офис в Москве или удалённо',
    'Открыта вакансия: frontend-разработчик (React, TypeScript), вилка 200–300к, ДМС, гибкий график',
    '#вакансия Middle QA-инженер, опыт от 2 лет, оформление по ТК РФ. Откликайтесь: hh.ru/vacancy/98765432',
    'Компания ищет аналитика данных, SQL + Python, опыт работы от 3 лет. Подробности и отклик по ссылке',
    'Набираем стажёров в отдел DevOps! Оплачиваемая стажировка, наставник, возможность остаться в штате',
    'Я рекрутер, ищу iOS-разработчика в финтех, 350-400к на руки, релокация в Дубай. Пишите в личку',
    "We're hiring a Senior PM! Remote (EU), €90k–110k + equity. Apply: https://jobs.lever.co/acme/123",
    'Now hiring: Staff Backend Engineer (Rust). Hybrid in Berlin, visa sponsorship available',
    'Our team is growing — we have open roles for ML engineers and data scientists. https://acme.com/careers',
    'Join our team as a Junior Designer! 2+ years of experience with Figma, full-time, salary from $60k',
    'Hiring a DevOps engineer: k8s, Terraform, AWS. 5+ years experience. Send your CV to jobs@acme.io',
    'Looking for a Head of Marketing to join our startup. Full-time, remote, competitive salary and equity',
    '#hiring Senior Android developer, Kotlin, Warsaw or remote. Requirements and benefits in the link https://acme.com/jobs/42',
    'Вакансии недели: Java-разработчик, тимлид, продакт-менеджер. Все с зарплатами → t.me/itjobs_ru',
    'Требуются курьеры и операторы колл-центра, график 2/2, оплата каждую неделю, оформление официальное',
  ],
  help_wanted: [
    'Ищу дизайнера на лендинг для кофейни, бюджет 20к, сроки — неделя',
    'кто может настроить CI на гитлабе? заплачу, задача на вечер',
    'Нужен фрилансер, который сверстает три страницы по макету в Figma. Оплата сразу',
    'Посоветуйте хорошего бухгалтера для ИП на УСН, пожалуйста',
    'Нужен таргетолог для запуска рекламы в ВК, разово. Кто возьмётся?',
    'Подскажите контакты толкового юриста по трудовым спорам',
    'Ищем подрядчика на разработку мобильного приложения, ТЗ готово, бюджет обсуждаем',
    'Есть проверенный монтажёр? Нужно смонтировать 10 роликов для YouTube',
    'Need a freelance copywriter for a SaaS landing page, paid gig, DM me',
    'Can anyone recommend a good accountant for a small LLC in Delaware?',
    'Looking for a React Native dev for a 2-week project. Budget is $3k',
    'Anyone know a solid motion designer? Need a 30s explainer animation by Friday',
    'Need someone who can fix our WordPress site, it keeps crashing. Will pay well',
    'Who can set up Google Analytics 4 for a small online store? One-off task',
    'We need a contractor to migrate our app from Heroku to AWS, any recommendations?',
    'Looking for an illustrator for a children’s book cover, paid project',
  ],
  job_seeker: [
    'Ищу работу фронтенд-разработчиком, опыт 3 года, React/TypeScript. Резюме по запросу',
    'Я в поиске работы: QA-инженер, ручное и автотесты, рассмотрю удалёнку',
    'Беру заказы на логотипы и фирменный стиль, портфолио в профиле',
    'Всем привет! Я дизайнер интерфейсов, сейчас свободна для новых проектов. Пишите в лс',
    'Меня сократили, ищу новую работу. Python, Django, 5 лет опыта. Буду рад репостам',
    'Начинающий SMM-специалист, ищу первых клиентов, веду соцсети недорого',
    'Готов помочь с настройкой серверов и Docker, возьму проекты на фрилансе',
    'Рассмотрю предложения о работе: продакт-менеджер, B2B SaaS, Москва или удалённо',
    'Open to work! Senior data engineer, 8 years exp. #OpenToWork',
    'I got laid off today. Looking for a new backend role — Go, Postgres, Kafka. Referrals appreciated',
    'Freelance UX designer here, available for new projects from June. Portfolio in bio',
    'Recent bootcamp grad looking for my first junior developer job. Happy to relocate',
    'I do technical writing for devtools startups. Taking on two new clients this month',
    'Seeking a part-time remote role in customer support. Fluent in English and Spanish',
    'Commissions are open! Character art, logos and emotes. DM for rates',
    "I'm a full-stack developer looking for freelance work. Next.js, Node, Postgres. Hire me!",
  ],
  discussion: [
    'Как вы думаете, стоит ли переписывать монолит на микросервисы, если команда из пяти человек?',
    'Почему все так любят Kubernetes? Для маленьких проектов это же оверкилл',
    'Имхо, код-ревью важнее тестов. Кто не согласен?',
    'Что выбрать для нового проекта в 2024: Postgres или MongoDB? Поделитесь опытом',
    'Как вы проводите собеседования джунов? Даёте тестовое или лайвкодинг?',
    'Мне кажется, ИИ-ассистенты сильно переоценены для продакшн-кода',
    'Кто-нибудь пробовал Bun в проде? Насколько он стабилен?',
    'Удалёнка или офис — где вы продуктивнее? Интересно мнение тимлидов',
    'Unpopular opinion: TypeScript enums are fine and you should use them',
    'What is your favourite way to structure a monorepo? Nx, Turborepo, or plain workspaces?',
    'Hot take: most startups do not need microservices',
    'How do you handle on-call burnout on small teams?',
    'Is it just me or are technical interviews getting harder every year?',
    'Do you write tests before or after the code? Curious what people actually do',
    'What do you think about using LLMs for code review? Useful or noise?',
    'I think pair programming is underrated. Thoughts?',
  ],
  promo: [
    'Скидка 30% на все курсы по программированию по промокоду SPRING! https://example.com/sale',
    'Взять кредит наличными без справок и поручителей, онлайн заявка http://t.co/abc123',
    'Займ на карту за 5 минут, одобрение 99%, без отказа! Оформить: http://t.co/xyz',
    'РОЗЫГРЫШ! Разыгрываем iPhone 15 среди подписчиков. Подпишись и сделай ретвит',
    'Только сегодня: распродажа ноутбуков, цены от 29 990 ₽. Доставка бесплатно',
    'Онлайн-курс «Python с нуля» — первый месяц бесплатно, запишитесь по ссылке',
    'Пассивный доход от 100 000 в месяц без вложений! Пиши в директ',
    'Ипотека под 5% годовых, оформите заявку на сайте банка http://t.co/a1b2c3',
    '#реклама Лучший VPN для работы и путешествий, первые 30 дней бесплатно',
    'Get 50% off our annual plan with code LAUNCH50 — this week only! https://example.com',
    'Giveaway time! Win a mechanical keyboard: follow us and retweet to enter',
    'Black Friday deals: all courses $9.99. Limited time only! https://example.com',
    'Earn $500 a day from home with this simple trick, link in bio',
    'Payday loans with instant approval and no credit check. Apply online now http://t.co/loan',
    'Sponsored: try our new AI writing tool free for 14 days',
    'Our bootcamp is now enrolling! Become a developer in 12 weeks or your money back',
  ],
  other: [
    'Сегодня был отличный день, гуляли в парке с детьми',
    'США ввели санкции против ВТБ и Россельхозбанка http://t.co/AoaRjBA0lH',
    'Ну и погодка в Питере, опять дождь',
    'Спасибо всем, кто пришёл на митап вчера! Слайды выложим завтра',
    '@sberbank почему не работает приложение уже второй час?',
    'Наконец-то закрыл квартальный релиз, иду спать',
    'Поздравляю коллег с днём программиста! 🎉',
    'Мегафон опять пропал в метро, ни одной палки связи',
    'Just shipped our new docs site, really proud of the team',
    'Happy Friday everyone! Going hiking this weekend',
    'My cat just walked across the keyboard and pushed to main',
    'Congrats to our team on the 2.0 launch, 1M downloads in a week 🚀',
    'Slides from my talk at ReactConf are here: https://example.com/slides',
    'Coffee first, then code',
    'RT @techcrunch: Startup X raises $20M Series B to expand in Europe',
    'Lost the chess tournament again but won a free t-shirt, not a bad Saturday',
  ],
};

describe('the learned labeller', () => {
  // A learned model is judged on a set, not on every sentence: at least 85% of each label's examples.
  it.each(LABELS)('reads most %s examples as such', (label) => {
    const missed = CASES[label].filter((text) => classifyLabel(text).label !== label);
    expect(missed.length, `misread: ${missed.join(' | ')}`).toBeLessThanOrEqual(
      Math.floor(CASES[label].length * 0.15),
    );
  });

  it('returns a confidence in [0, 1] and 1–3 short English reasons', () => {
    for (const texts of Object.values(CASES)) {
      for (const text of texts) {
        const { confidence, reasons } = classifyLabel(text, null);
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
        expect(reasons.length).toBeGreaterThanOrEqual(1);
        expect(reasons.length).toBeLessThanOrEqual(3);
        for (const reason of reasons) expect(reason.length).toBeLessThan(120);
      }
    }
  });

  it('names the cues and words that decided, with their snippets', () => {
    const { reasons } = classifyLabel('Ищем backend-разработчика в команду, зп от 200 000 ₽');
    expect(
      reasons.some((r) => /^(hiring phrase|salary|role|vacancy word|employment terms): «.+»$/.test(r)),
    ).toBe(true);
    const loan = classifyLabel('Взять кредит наличными в банке без справок http://t.co/abc');
    expect(loan.label).toBe('promo');
    expect(loan.reasons.join(' ')).toMatch(/кредит/);
  });

  it('falls back to other on empty or cue-less text', () => {
    expect(classifyLabel('')).toMatchObject({ label: 'other' });
    expect(classifyLabel('🙂🙂🙂').label).toBe('other');
  });

  it('is confident on clear cases', () => {
    expect(
      classifyLabel('Ищем backend-разработчика в команду, зп от 200 000 ₽, удалёнка').confidence,
    ).toBeGreaterThan(0.9);
  });
});
