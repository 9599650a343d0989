import { describe, expect, it } from 'vitest';
import type { Salary } from '../../src/classify/salary.js';
import { extractVacancy, type VacancyFacts } from '../../src/classify/vacancy.js';

const s = (
  min: number | null,
  max: number | null,
  currency: string | null,
  period: Salary['period'],
): Salary => ({ min, max, currency, period });

const CASES: ReadonlyArray<readonly [string, VacancyFacts]> = [
  [
    'Ищем Senior Go-разработчика в команду платежей. Удалёнка, полная занятость. ЗП 350-450к на руки. Резюме: hr@paycore.ru',
    {
      role: 'Go-разработчик',
      seniority: 'senior',
      remote: 'remote',
      location: null,
      employmentType: 'full_time',
      contact: 'hr@paycore.ru',
      salary: s(350000, 450000, null, null),
    },
  ],
  [
    '#вакансия Middle+ Python-разработчик, Москва, гибрид (2 дня в офисе). Вилка 250–320 тыс. Пишите @anna_hr',
    {
      role: 'Python-разработчик',
      seniority: 'middle',
      remote: 'hybrid',
      location: 'Москва',
      employmentType: null,
      contact: '@anna_hr',
      salary: s(250000, 320000, null, null),
    },
  ],
  [
    "We're hiring a Senior Backend Engineer (Go) — remote EU, €70–85k/yr, full-time. Apply: https://jobs.acme.io/backend-go",
    {
      role: 'Backend Engineer',
      seniority: 'senior',
      remote: 'remote',
      location: 'EU',
      employmentType: 'full_time',
      contact: 'https://jobs.acme.io/backend-go',
      salary: s(70000, 85000, 'EUR', 'year'),
    },
  ],
  [
    'RT @devjobs: Junior frontend-разработчик (React) в Питере, офис, от 80 000 ₽. Отклик: t.me/frontjobs',
    {
      role: 'frontend-разработчик',
      seniority: 'junior',
      remote: 'office',
      location: 'Санкт-Петербург',
      employmentType: null,
      contact: 't.me/frontjobs',
      salary: s(80000, null, 'RUB', 'month'),
    },
  ],
  [
    'Ищем мобильного разработчика iOS в Казани, 200к. Пишите в лс',
    {
      role: 'мобильный разработчик',
      seniority: null,
      remote: null,
      location: 'Казань',
      employmentType: null,
      contact: null,
      salary: s(200000, 200000, null, null),
    },
  ],
  [
    'Стажировка для QA-инженеров в Екб, можно без опыта. Оплачиваемая, 40 000 руб в месяц',
    {
      role: 'QA-инженер',
      seniority: 'intern',
      remote: null,
      location: 'Екатеринбург',
      employmentType: 'internship',
      contact: null,
      salary: s(40000, 40000, 'RUB', 'month'),
    },
  ],
  [
    'Lead Data Scientist, London (hybrid), £90k-£110k. Contract, B2B SaaS. https://t.co/abc123',
    {
      role: 'Data Scientist',
      seniority: 'lead',
      remote: 'hybrid',
      location: 'London',
      employmentType: 'contract',
      contact: 'https://t.co/abc123',
      salary: s(90000, 110000, 'GBP', null),
    },
  ],
  [
    'Нужен UX/UI-дизайнер на проектную работу, удаленно, 1500 руб/час. Портфолио на design@studio.io',
    {
      role: 'UX/UI-дизайнер',
      seniority: null,
      remote: 'remote',
      location: null,
      employmentType: 'freelance',
      contact: 'design@studio.io',
      salary: s(1500, 1500, 'RUB', 'hour'),
    },
  ],
  [
    'Ищем тимлида бэкенда. Офис в Тбилиси, не удаленка. $5000-6000 net',
    {
      role: 'тимлид',
      seniority: 'lead',
      remote: 'office',
      location: 'Тбилиси',
      employmentType: null,
      contact: null,
      salary: s(5000, 6000, 'USD', null),
    },
  ],
  [
    'Team Lead Android, Белград, релокация. 5-6k EUR gross, full-time',
    {
      role: 'Team Lead',
      seniority: 'lead',
      remote: null,
      location: 'Белград',
      employmentType: 'full_time',
      contact: null,
      salary: s(5000, 6000, 'EUR', null),
    },
  ],
  [
    'Hiring: Staff Software Engineer, Platform. NYC or remote (US). $200K–$250K + equity. careers.stripe-demo.com',
    {
      role: 'Software Engineer',
      seniority: 'principal',
      remote: 'remote',
      location: 'NYC',
      employmentType: null,
      contact: 'careers.stripe-demo.com',
      salary: s(200000, 250000, 'USD', null),
    },
  ],
  [
    'Джун фронтенд-разработчик на Vue, частичная занятость, удалёнка. 60 000 ₽. Откликайтесь: https://hh.ru/vacancy/93817261',
    {
      role: 'фронтенд-разработчик на Vue',
      seniority: 'junior',
      remote: 'remote',
      location: null,
      employmentType: 'part_time',
      contact: 'https://hh.ru/vacancy/93817261',
      salary: s(60000, 60000, 'RUB', 'month'),
    },
  ],
  [
    'Ищем DevOps-инженера (k8s, Terraform) в Новосибирск, офис. Зарплата до 300 тыс. руб. Телеграм: @ops_hiring',
    {
      role: 'DevOps-инженер',
      seniority: null,
      remote: 'office',
      location: 'Новосибирск',
      employmentType: null,
      contact: '@ops_hiring',
      salary: s(null, 300000, 'RUB', 'month'),
    },
  ],
  [
    'Product Manager wanted in Berlin, hybrid 3 days in office, €75k. Send CV to jobs@berlin-startup.de',
    {
      role: 'Product Manager',
      seniority: null,
      remote: 'hybrid',
      location: 'Berlin',
      employmentType: null,
      contact: 'jobs@berlin-startup.de',
      salary: s(75000, 75000, 'EUR', null),
    },
  ],
  [
    'Ищем продакт-менеджера в финтех, Москва, гибрид. 350к. Пишите в тг t.me/fintech_hr',
    {
      role: 'продакт-менеджер',
      seniority: null,
      remote: 'hybrid',
      location: 'Москва',
      employmentType: null,
      contact: 't.me/fintech_hr',
      salary: s(350000, 350000, null, null),
    },
  ],
  [
    'Senior iOS Developer, Cyprus (Limassol), on-site, €6k/mo net, relocation package. Apply via https://cyprus-tech.com/jobs/ios',
    {
      role: 'iOS Developer',
      seniority: 'senior',
      remote: 'office',
      location: 'Cyprus',
      employmentType: null,
      contact: 'https://cyprus-tech.com/jobs/ios',
      salary: s(6000, 6000, 'EUR', 'month'),
    },
  ],
  [
    'Вакансия: системный аналитик, middle, Санкт-Петербург, гибрид. от 200 000 до 250 000 рублей. hr@bank-demo.ru',
    {
      role: 'системный аналитик',
      seniority: 'middle',
      remote: 'hybrid',
      location: 'Санкт-Петербург',
      employmentType: null,
      contact: 'hr@bank-demo.ru',
      salary: s(200000, 250000, 'RUB', 'month'),
    },
  ],
  [
    'Фриланс: ищем React Native разработчика на разовый проект, $40/hr, remote. DM @mobile_lab',
    {
      role: 'React Native разработчик',
      seniority: null,
      remote: 'remote',
      location: null,
      employmentType: 'freelance',
      contact: '@mobile_lab',
      salary: s(40, 40, 'USD', 'hour'),
    },
  ],
  [
    'Looking for a Junior QA Engineer, part-time, remote from anywhere. $1500/month. Form: https://forms.gle/qa-junior',
    {
      role: 'QA Engineer',
      seniority: 'junior',
      remote: 'remote',
      location: null,
      employmentType: 'part_time',
      contact: 'https://forms.gle/qa-junior',
      salary: s(1500, 1500, 'USD', 'month'),
    },
  ],
  [
    'Ищем 1С-программиста в Екатеринбурге, полный день, офис. ЗП от 150 тр',
    {
      role: '1С-программист',
      seniority: null,
      remote: 'office',
      location: 'Екатеринбург',
      employmentType: 'full_time',
      contact: null,
      salary: s(150000, null, 'RUB', 'month'),
    },
  ],
  [
    'Head of Engineering, Amsterdam, hybrid. €140-160k. Reach out: talent@ams-scale.nl',
    {
      role: 'Head of Engineering',
      seniority: 'lead',
      remote: 'hybrid',
      location: 'Amsterdam',
      employmentType: null,
      contact: 'talent@ams-scale.nl',
      salary: s(140000, 160000, 'EUR', null),
    },
  ],
  [
    'Middle Java developer, Almaty, office, 1 200 000 KZT. Пишите @kz_jobs',
    {
      role: 'Java developer',
      seniority: 'middle',
      remote: 'office',
      location: 'Almaty',
      employmentType: null,
      contact: '@kz_jobs',
      salary: s(1200000, 1200000, 'KZT', null),
    },
  ],
  [
    'Ищем верстальщика на подработку, удаленно, 40-50к. Пишите hr@web-studio.ru',
    {
      role: 'верстальщик',
      seniority: null,
      remote: 'remote',
      location: null,
      employmentType: 'part_time',
      contact: 'hr@web-studio.ru',
      salary: s(40000, 50000, null, null),
    },
  ],
  [
    'Principal Engineer (Rust), remote worldwide, $250k/yr, full time. https://jobs.lever.co/rusty/123',
    {
      role: 'Engineer',
      seniority: 'principal',
      remote: 'remote',
      location: null,
      employmentType: 'full_time',
      contact: 'https://jobs.lever.co/rusty/123',
      salary: s(250000, 250000, 'USD', 'year'),
    },
  ],
  [
    'Ищем стажера-аналитика данных в Ереван, 300 000 AMD, офис. Стажировка 3 месяца. t.me/yerevan_data',
    {
      role: 'аналитик данных',
      seniority: 'intern',
      remote: 'office',
      location: 'Ереван',
      employmentType: 'internship',
      contact: 't.me/yerevan_data',
      salary: s(300000, 300000, 'AMD', null),
    },
  ],
  [
    'Data Engineer в Дубае, on-site, 25k AED/month, контракт на 1 год. Пишите @dxb_hr',
    {
      role: 'Data Engineer',
      seniority: null,
      remote: 'office',
      location: 'Дубай',
      employmentType: 'contract',
      contact: '@dxb_hr',
      salary: s(25000, 25000, 'AED', 'month'),
    },
  ],
  [
    'Ищем тестировщика (ручное тестирование), мидл, Минск, 3000 BYN. Офис или удалёнка',
    {
      role: 'тестировщик',
      seniority: 'middle',
      remote: 'remote',
      location: 'Минск',
      employmentType: null,
      contact: null,
      salary: s(3000, 3000, 'BYN', null),
    },
  ],
  [
    'Senior Kotlin Developer, Warsaw, B2B contract, 25-30k PLN net. https://nofluffjobs.com/job/kotlin-123',
    {
      role: 'Kotlin Developer',
      seniority: 'senior',
      remote: null,
      location: 'Warsaw',
      employmentType: 'contract',
      contact: 'https://nofluffjobs.com/job/kotlin-123',
      salary: s(25000, 30000, 'PLN', null),
    },
  ],
  [
    'Ищем лида ML-команды в Тель-Авив. Гибрид. Пишите @ml_lead_hiring',
    {
      role: 'лид',
      seniority: 'lead',
      remote: 'hybrid',
      location: 'Тель-Авив',
      employmentType: null,
      contact: '@ml_lead_hiring',
      salary: null,
    },
  ],
  [
    'Вакансия: дизайнер интерфейсов, Лиссабон, удалёнка, до 3500 евро. Портфолио: hire@lisbon-design.pt',
    {
      role: 'дизайнер интерфейсов',
      seniority: null,
      remote: 'remote',
      location: 'Лиссабон',
      employmentType: null,
      contact: 'hire@lisbon-design.pt',
      salary: s(null, 3500, 'EUR', null),
    },
  ],
  [
    'Ищем fullstack-разработчика (Node.js + React) на фултайм, удаленка из любой точки. 4-5k$ gross. Отклик в форме https://forms.yandex.ru/u/123',
    {
      role: 'fullstack-разработчик',
      seniority: null,
      remote: 'remote',
      location: null,
      employmentType: 'full_time',
      contact: 'https://forms.yandex.ru/u/123',
      salary: s(4000, 5000, 'USD', null),
    },
  ],
  [
    'SRE, Хельсинки, офис, full-time. €5.5k/mo. Apply: https://careers.nordic-demo.fi/sre',
    {
      role: 'SRE',
      seniority: null,
      remote: 'office',
      location: 'Хельсинки',
      employmentType: 'full_time',
      contact: 'https://careers.nordic-demo.fi/sre',
      salary: s(5500, 5500, 'EUR', 'month'),
    },
  ],
  [
    'Ищем разработчика на Go в Питер. Без удалёнки. 280к',
    {
      role: 'разработчик на Go',
      seniority: null,
      remote: 'office',
      location: 'Санкт-Петербург',
      employmentType: null,
      contact: null,
      salary: s(280000, 280000, null, null),
    },
  ],
  [
    'Мы растём! Нужны люди в команду. Подробности в профиле',
    {
      role: null,
      seniority: null,
      remote: null,
      location: null,
      employmentType: null,
      contact: null,
      salary: null,
    },
  ],
  [
    'Engineering Manager, remote (EMEA), £110k. DM me',
    {
      role: 'Engineering Manager',
      seniority: null,
      remote: 'remote',
      location: 'EMEA',
      employmentType: null,
      contact: null,
      salary: s(110000, 110000, 'GBP', null),
    },
  ],
  [
    '@kate @bob_dev Ищем Senior React-разработчика, удалёнка, 300-350к. Пишите в тг @react_hr',
    {
      role: 'React-разработчик',
      seniority: 'senior',
      remote: 'remote',
      location: null,
      employmentType: null,
      contact: '@react_hr',
      salary: s(300000, 350000, null, null),
    },
  ],
  [
    'Junior Python developer, Москва, офис, 90к на руки via @hh_ru',
    {
      role: 'Python developer',
      seniority: 'junior',
      remote: 'office',
      location: 'Москва',
      employmentType: null,
      contact: null,
      salary: s(90000, 90000, null, null),
    },
  ],
  [
    'Вакансия без подробностей, детали при собеседовании',
    {
      role: null,
      seniority: null,
      remote: null,
      location: null,
      employmentType: null,
      contact: null,
      salary: null,
    },
  ],
];

describe('extractVacancy', () => {
  it.each(CASES)('reads %s', (text, expected) => {
    expect(extractVacancy(text)).toEqual(expected);
  });

  it('normalises abbreviations and Russian case forms of places', () => {
    expect(extractVacancy('Офис в МСК').location).toBe('Москва');
    expect(extractVacancy('Работа в Питере').location).toBe('Санкт-Петербург');
    expect(extractVacancy('офис в СПб').location).toBe('Санкт-Петербург');
    expect(extractVacancy('Команда в Новосибирске').location).toBe('Новосибирск');
    expect(extractVacancy('Relocation to Lisbon').location).toBe('Lisbon');
    expect(extractVacancy('join us in the office').location).toBeNull();
  });

  it('reads seniority words in both languages', () => {
    expect(extractVacancy('Ищем джуна').seniority).toBe('junior');
    expect(extractVacancy('Нужен сеньор').seniority).toBe('senior');
    expect(extractVacancy('Sr. engineer').seniority).toBe('senior');
    expect(extractVacancy('ищем мидла').seniority).toBe('middle');
    expect(extractVacancy('Staff engineer').seniority).toBe('principal');
    expect(extractVacancy('our staff is great').seniority).toBeNull();
    expect(extractVacancy('we lead generation').seniority).toBeNull();
  });

  it('reads remote modes and their negations', () => {
    expect(extractVacancy('WFH ok').remote).toBe('remote');
    expect(extractVacancy('No remote, sorry').remote).toBe('office');
    expect(extractVacancy('удаленка не рассматривается').remote).toBe('office');
    expect(extractVacancy('Onsite in Berlin').remote).toBe('office');
    expect(extractVacancy('2 days a week in the office').remote).toBe('hybrid');
  });

  it('does not take smart contracts or B2B products for a contract', () => {
    expect(extractVacancy('Solidity dev for smart contracts').employmentType).toBeNull();
    expect(extractVacancy('Ищем разработчика в B2B SaaS').employmentType).toBeNull();
    expect(extractVacancy('работа по ГПХ').employmentType).toBe('contract');
  });

  it('passes a fallback currency to the salary parser', () => {
    expect(extractVacancy('Go, 300к', { fallbackCurrency: 'RUB' }).salary).toEqual(
      s(300000, 300000, 'RUB', 'month'),
    );
  });

  it('returns all nulls for an empty text', () => {
    expect(extractVacancy('')).toEqual({
      role: null,
      seniority: null,
      remote: null,
      location: null,
      employmentType: null,
      contact: null,
      salary: null,
    });
  });
});
