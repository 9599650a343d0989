/**
 * How a label's strongest features are told to people: each cue and a few shape features have a phrase; a
 * word is shown as itself. Features without a phrase (character n-grams, bigrams, glue words) never appear.
 */
import type { Cue } from './cue-detect.js';

/** Cue → the phrase shown before its snippet; `null` for cues that never explain a label on their own. */
export const CUE_PHRASES: Record<Cue, string | null> = {
  hireWe: 'hiring phrase',
  ourTeam: null,
  vacancyNoun: 'vacancy word',
  jobTerms: 'employment terms',
  jobReqs: 'requirements',
  applyCall: 'call to apply',
  seekI: 'looking for someone',
  whoCan: 'asks who can do it',
  recommend: 'asks for a recommendation',
  role: 'role',
  task: 'task',
  pay: 'will pay',
  workNoun: 'work',
  seekWork: 'job search phrase',
  offerSelf: 'offers own services',
  firstPerson: null,
  iAmRole: 'introduces self',
  questionWord: 'question word',
  opinion: 'opinion marker',
  proTopic: 'professional topic',
  discount: 'discount',
  giveaway: 'giveaway',
  buyCall: 'call to buy',
  loanNoun: 'loan ad',
  loanAction: 'loan offer',
  adTag: 'ad label',
  moneyMake: 'money-making offer',
  commerce: 'commercial offer',
  edu: 'course ad',
  free: 'free offer',
  roleLike: 'role',
  pastVerb: 'news-style verb',
  we: null,
  salary: 'salary',
  budget: 'budget',
  price: 'price',
  percentOff: 'discount',
  promoCode: 'promo code',
  phone: 'phone number',
  experience: 'experience required',
  jobLink: 'job-board link',
  contact: 'contact',
  question: 'question form',
  url: null,
  linkSpam: 'link-only post',
  manyHashtags: 'hashtag stuffing',
  reply: 'a reply',
  adMarker: 'ad label',
};

/** Cues whose snippet says nothing more than the phrase (the whole text, a mark). */
export const PHRASE_ONLY: ReadonlySet<Cue> = new Set([
  'question',
  'linkSpam',
  'manyHashtags',
  'reply',
  'phone',
]);

/** Shape features worth telling, by feature name (see `tweet-features.ts`). */
export const SHAPE_PHRASES: Readonly<Record<string, string>> = {
  'short-with-link': 'short post with a link',
  'hashtags:3': 'many hashtags',
  'starts-with-mention': 'addressed to someone',
  'ends-with-question': 'ends with a question',
};
