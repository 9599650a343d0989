/**
 * The word lists behind the label cues, grouped into concepts. Entry syntax:
 * - `word`   matches any token with the same Snowball stem (`вакансия` matches `вакансии`, `вакансию`);
 * - `=form`  matches the exact normalised token (`=ищу` but not `ищем`: the Russian stemmer merges them);
 * - `pre*`   matches tokens starting with `pre` (`кредит*`: кредит, кредиты, кредитная, кредитование);
 * - `a b c`  is a phrase: each element in order, at most one other token between neighbours; a leading
 *   `=` makes every plain element of the phrase exact; a `+` before an element lets up to four tokens
 *   come before it;
 * - `@name`  (inside a phrase) matches a token tagged with the single-token concept `name`.
 * Hashtags are matched both as `=#tag` and as the word after `#`. Entries are written `|`-separated.
 */
function entries(list: string): readonly string[] {
  return list.split('|');
}

export const LEXICON = {
  /** An employer or team announcing that it hires. */
  hireWe: entries(
    '=ищем|=ищет|=ищут|=набираем|=нанимаем|=приглашаем|=требуется|=требуются|=hiring|=recruiting' +
      '|открыт набор|объявляем набор|расширяем команду|в @ourTeam|ищем в команду|=мы ищем' +
      "|=we're looking|=we are looking|=we're searching|join @ourTeam|join us|=is hiring" +
      '|=are hiring|=now hiring|looking to hire|=#hiring|=#nowhiring|=#найм|=набирает' +
      '|growing the team|growing our team|expanding our team|растим команду|усиливаем команду' +
      "|я рекрутер|=i'm a recruiter|=recruiting for",
  ),
  ourTeam: entries('=команду|=команда|=team|=штат|=нашу|=our|=отдел|=стартап|=startup'),
  vacancyNoun: entries(
    'ваканс*|=job opening|=job openings|=open position|=open positions|=open role|=open roles' +
      '|=opening|=openings|открыт позиц*|=#job|=#jobs|=#remotejobs|=#techjobs|=#careers|=#работа' +
      '|job alert|=roles open|=positions open|roles posted|=hiring now',
  ),
  jobTerms: entries(
    'оклад*|=зп|зарплат*|заработн* плат*|=дмс|соцпакет*|тк рф|трудоустройств*|удаленк*|удаленн*' +
      '|=удаленно|офис*|гибрид*|график*|полн* занятост*|полный день|full-time|=fulltime|part-time' +
      '|=hybrid|=onsite|=on-site|=salary|benefit*|=equity|=relocation|релокац*|visa sponsorship' +
      '|=compensation|стажировк*|=internship|официальн* оформлен*|=оффер|=remote|фуллтайм*|фултайм*' +
      '|=full time',
  ),
  jobReqs: entries(
    'требовани*|обязанност*|мы предлагаем|=задачи|опыт работ*|=стек|=requirements' +
      "|=responsibilities|=qualifications|we offer|you will|you'll|nice to have|must have" +
      '|=experience|=years',
  ),
  applyCall: entries(
    'откликайт*|=откликнуться|=отклик|присылай* резюме|отправляй* резюме|резюме в|резюме на' +
      '|ждем резюме|ждем @ourTeam|=apply|apply now|apply here|send your cv|send your resume|=cv' +
      '|подробнее о ваканси*|подробности ваканси*|подать заявку|подавайте заявк*|no agencies' +
      '|без агентств|резюме сюда',
  ),
  /** First person singular: someone needs something. */
  seekI: entries(
    "=ищу|=нужен|=нужна|=нужны|=требуется|=need|=needed|=needs|=i'm looking|=im looking" +
      '|=i am looking|=looking for|=seeking|=searching for|=в поисках|=в поиске|=нахожусь в поиске',
  ),
  whoCan: entries(
    'кто может|кто сможет|кто умеет|кто возьмется|кто готов|кто занимается|кто делает' +
      '|кто-нибудь может|кто-то может|=anyone who|=can anyone|=could anyone|=someone who' +
      '|=someone to|=somebody to|=anybody who|=who can|кто настроит|кто сделает|кто поможет' +
      '|кто возьмет*|кто починит|кто напишет|кто сверстает|кто нарисует|ищу того|ищу кого-то' +
      '|ищу кого-нибудь|нужен кто-то|нужен кто-нибудь|=need help|нужна помощь|ищу помощь' +
      '|best person to|=anyone do|=anyone doing|=anyone here|=anyone available|нужен человек' +
      '|ищу человека|=need someone|=looking for someone',
  ),
  recommend: entries(
    'посоветуйт*|порекомендуйт*|рекомендаци*|кто знает хорош*|есть знаком*|есть проверен*' +
      '|подскажите контакт*|recommend*|=recs|know a good|know any good|know of a|=referral for' +
      '|any recommendations|посоветуете|подскажите хорош*|можете посоветовать' +
      '|можете порекомендовать|=know someone|=know anyone|знает кого-то|знаете кого' +
      '|=recommend someone',
  ),
  role: entries(
    'разработчик*|программист*|дизайнер*|верстальщик*|копирайтер*|редактор*|маркетолог*' +
      '|таргетолог*|тестировщик*|аналитик*|инженер*|админ*|сисадмин*|менеджер*|рекрутер*|эйчар*' +
      '|бухгалтер*|юрист*|переводчик*|монтажер*|видеомонтажер*|фотограф*|иллюстратор*|аниматор*' +
      '|моушн-дизайнер*|фронтенд*|бэкенд*|бекенд*|фулстек*|стажер*|тимлид*|техлид*|архитектор*' +
      '|специалист*|девопс*|продакт*|проджект*|сммщик*|=смм|=smm|фрилансер*|подрядчик*|исполнител*' +
      '|ассистент*|помощник*|оператор*|консультант*|репетитор*|ментор*|=qa|=devops|=sre|=cto|=pm' +
      '|=hr|=ux|=ui|=ml|=frontend|=backend|=front-end|=back-end|=fullstack|=full-stack|=senior' +
      '|=middle|=junior|=lead|=intern|=interns|developer*|=dev|=devs|engineer*|designer*' +
      '|programmer*|copywriter*|=writer|=writers|=editor|=editors|marketer*|=tester|=testers' +
      '|analyst*|scientist*|consultant*|contractor*|freelancer*|accountant*|lawyer*|translator*' +
      '|illustrator*|animator*|photographer*|videographer*|=video editor|recruiter*|assistant*' +
      '|architect*|specialist*|manager*|tutor*|mentor*|=cofounder|=co-founder|эксперт*|=expert' +
      '|=experts|психолог*|ghostwriter*|=artist|sysadmin*',
  ),
  /** Something to be done for money: the object of a help request. */
  task: entries(
    'проект*|задач*|лендинг*|=сайт|=сайта|=сайты|=бот|=бота|логотип*|верстк*|=настроить|настройк*' +
      '|доработ*|разов*|фриланс*|тз|техзадани*|под ключ|=project|=task|=gig|=contract|=freelance' +
      '|=website|=landing|=logo|=app|=mvp|=#freelance|=#фриланс|подрядчик*|фрилансер*|contractor*' +
      '|freelancer*|агентств*|=agency|консалтинг*|=consulting|=one-off|one-time|миграци*|интеграци*',
  ),
  pay: entries(
    '=заплачу|=оплачу|оплат*|бюджет*|за деньги|за вознаграждение|=will pay|=paid|=budget|=asap' +
      '|=срочно|=urgent|=urgently|кидайте портфолио|присылайте портфолио|send your portfolio' +
      '|send me your portfolio|=заплатим|=оплатим|=paying',
  ),
  workNoun: entries(
    '=работу|=работа|=работы|=подработку|=подработка|=заказы|=заказов|=заказчиков|=клиентов|=job' +
      '|=jobs|=work|=role|=roles|=position|opportunit*|=gigs|=clients|=employment|стажировк*' +
      '|=internship|=contracts|=проекты|=проекта|=проектов|=заказ|=место|=позицию|=вакансию',
  ),
  /** Someone looking for work or offering their own services. */
  seekWork: entries(
    '=ищу @workNoun|в поиск* работ*|поиск* @workNoun|ищу ваканси*|ищу новую|ищу удаленку' +
      '|нужна работа|рассмотр* предложени*|рассмотр* ваканси*|открыт* к предложени*' +
      '|открыт* для предложени*|open to work|open for work|=#opentowork|=#ищуработу|=#резюме' +
      '|=#lookingforwork|=#lookingforjob|looking for @workNoun|looking for a @workNoun' +
      '|looking for my next|looking for new @workNoun|seeking @workNoun|seeking a @workNoun' +
      '|seeking new @workNoun|need a job|=hire me|available for hire|available for freelance' +
      '|available for work|available for new|open for commissions|commissions are open' +
      '|commissions open|=#commissionsopen|taking new clients|accepting new clients|меня сократил*' +
      '|=laid off|got laid off|мое резюме|my resume|my cv|my portfolio|мое портфолио|=ищет работ*' +
      "|=ищет подработк*|looking for +@workNoun|seeking +@workNoun|=i'm looking to move|refer me" +
      '|свободен с|свободна с|=рассматриваю|ищу стажировк*|ищу первую|first job|=entry-level' +
      '|any leads|leads welcome|willing to relocate|open to opportunities|open to new' +
      '|снова в поиске|я в поиске|в активном поиске|портфолио в профиле|портфолио в шапке' +
      '|портфолио в закрепе|portfolio in bio|have capacity|taking on new|booking for|taking clients' +
      '|available from|=рассмотрю',
  ),
  offerSelf: entries(
    'беру заказ*|принимаю заказ*|возьму заказ*|возьмусь|беру в работу|=делаю|=помогу|=настрою' +
      '|=сверстаю|=нарисую|предлагаю свои услуги|мои услуги|my services|=i build|=i design|=i help' +
      '|=i can help|=оказываю|готов* помочь|=помогаю|=веду|=занимаюсь|=i do|=i write|=i offer' +
      '|=offering|hit me up|=my rates|rates negotiable|dm for rates|for hire|беру проект*' +
      '|возьму проект*|свободен для|свободна для',
  ),
  firstPerson: entries("=я|=мне|=меня|=мой|=моя|=мои|=i|=i'm|=im|=my|=me"),
  iAmRole: entries("=я @role|=i'm a @role|=i am a @role|=i'm an @role|=im a @role"),
  questionWord: entries(
    '=как|=почему|=зачем|=какой|=какая|=какие|=какую|=каким|=что|=стоит|=ли|=кто-нибудь|=кто-то' +
      '|=how|=why|=what|=which|=should|=does|=do|=is|=are|=anyone|=anybody|=или|=куда|=где|=когда' +
      "|=сколько|=чем|=вы|=вас|=вам|=what's|=you|=your|=or|=vs|best way",
  ),
  opinion: entries(
    '=имхо|по-моему|мне кажется|я считаю|я думаю|как по мне|что думаете|как думаете|ваше мнение' +
      '|ваши мысли|согласны|поделитесь|давайте обсудим|холивар*|непопулярн* мнени*|спорн*|=imo' +
      '|=imho|=i think|=thoughts|unpopular opinion|hot take|change my mind|what do you think' +
      "|what are your|agree or disagree|controversial|debate|am i the only|anyone else|let's hear" +
      "|your take|поделитесь опытом|кто как|а вы|а у вас|how do you|what's your|=do you" +
      '|is it just me|who else|миф*',
  ),
  proTopic: entries(
    'код*|=code|coding|программирован*|разработк*|архитектур*|фреймворк*|библиотек*|тест*|деплой*' +
      '|=прод|релиз*|ревью|рефакторинг*|база данных|собеседовани*|интервью|карьер*|продукт*' +
      '|стартап*|менеджмент*|найм*|алгоритм*|нейросет*|рын*|айти|=api|=ai|=llm|=llms|=gpt|=react' +
      '|=typescript|=javascript|=rust|=kotlin|=swift|=docker|=kubernetes|=k8s|=sql|=postgres' +
      '|=microservices|=monolith|=framework|=frameworks|=interview|=interviews|=career|=hiring' +
      '|=startup|=startups|=product|=engineering|=software|=tech|=testing|=tests|=deploy' +
      '|=production|=codebase|=remote|=teams|=founders|=ux|=design',
  ),
  discount: entries(
    'скидк*|распродаж*|промокод*|промо-код*|купон*|кэшбэк*|кешбэк*|кешбек*|выгодн*' +
      '|спецпредложени*|акци* действ*|по акции|только сегодня|успе* купить|=успей|=успейте|спешит*' +
      '|=дешево|=недорого|бесплатн* доставк*|=discount|=discounts|=sale|=deal|=deals|=coupon' +
      '|=cashback|promo code|=promocode|use code|limited time|free shipping|black friday|=#sale' +
      '|=#скидки|=#акция|рассрочк*|=limited-time|spots limited|осталось мест|money back' +
      '|гарантия возврата|=вернем деньги',
  ),
  giveaway: entries(
    'розыгрыш*|разыгрыва*|=дарим|в подарок|=конкурс|=giveaway|=giveaways|=prize|=prizes' +
      '|=#giveaway|=#розыгрыш|win a|chance to win|выиграть|giving away|retweet to' +
      '|retweet and follow|сделай ретвит|follow to enter|подпишись и|приз|=призы|=призов|выиграй*',
  ),
  buyCall: entries(
    '=купить|=купите|=закажите|=заказывайте|=закажи|=покупай|=переходи|=переходите|=жми|=жмите' +
      '|=регистрируйся|=регистрируйтесь|=звоните|подписывай*|ссылка в профиле|ссылка в шапке' +
      '|link in bio|=buy now|=shop now|=order now|=sign up|=grab|=get yours|=click|=subscribe' +
      '|check out|=enroll|=enrol|register now|регистрация закрывается|=записывайтесь|=запишись' +
      '|=инвестируйте|=купим|=дорого|terms apply|=apy|sign up now|join now|=ad|=продаю|=продам' +
      '|=cheap|раскрутк*|=получи|=забирай|=book now|=подключи|=dm now',
  ),
  loanNoun: entries(
    'кредит*|займ*|заем*|микрозайм*|микрокредит*|автокредит*|ипотек*|рефинанс*|потребкредит*' +
      '|наличным*|кредитк*|=loan|=loans|=payday|=mortgage|=refinance|=credit card|=credit cards' +
      '|вклад*|депозит*|сберегательн*|накопительн*|=savings|=deposit',
  ),
  loanAction: entries(
    '=взять|=возьми|=оформить|=оформи|=получить|=получи|заявк*|онлайн|=online|калькулятор*' +
      '|без справок|без отказ*|без поручител*|без проверк*|без залог*|одобрен*|быстр*|мгновенн*' +
      '|выгодн*|услови*|процент*|=ставка|=ставки|=apply|=approval|=approved|=instant|=fast' +
      '|bad credit|no credit check|в кредит|=без|=под|годовых|=apy|=откройте',
  ),
  adTag: entries(
    '=#реклама|=#ad|=#ads|=#sponsored|=#promo|=#партнерскийпост|=sponsored|партнерск*|реферальн*' +
      '|=affiliate|=referral|ref link',
  ),
  moneyMake: entries(
    'заработ*|пассивн* доход*|доход* от|казино|=ставки на|букмекер*|=casino|=betting|=airdrop' +
      '|make money|earn money|passive income|=followback|=#followback|=#rufollowback' +
      '|=#взаимныйфолловинг|накрутк*|=earn|доходност*|high-yield|=investment',
  ),
  commerce: entries(
    'услуг*|=цена|=цены|=цену|=ценам|стоимост*|доставк*|магазин*|товар*|заказ*|покупк*' +
      '|предложени*|тариф*|интернет-магазин*|=price|=prices|=shop|=store|=order|=offer|=offers' +
      '|=shipping|=product|=бонус|=бонусы|=bonus',
  ),
  edu: entries(
    'курс*|интенсив*|вебинар*|мастер-класс*|буткемп*|обучени*|онлайн-курс*|=course|=courses' +
      '|=bootcamp|=masterclass|=workshop|=webinar',
  ),
  free: entries('бесплатн*|=free|=бесплатно'),
  roleLike: [],
  pastVerb: [],
  we: entries("=мы|=нам|=нас|=наш|=наша|=нашу|=наши|=нашей|=we|=we're|=our|=us"),
} satisfies Record<string, readonly string[]>;

/** Names of the lexicon's concepts. */
export type LexiconConcept = keyof typeof LEXICON;
