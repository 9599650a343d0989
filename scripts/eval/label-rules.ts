/**
 * Kestrel's first labeller, kept as the baseline `npm run eval` measures the learned model against: hand-set
 * weighted rules that turn cues into per-label scores. A rule fires when all of `all` are present,
 * at least one of `any` (if given) and none of `none`; it adds `weight` to its label's score. `reason` is
 * shown to people when the rule helped decide; `{cue}` in it is replaced with that cue's snippet.
 */

import type { Label } from '../../src/classify/classes.js';
import type { Cue } from '../../src/classify/cue-detect.js';

/** One weighted cue rule. */
export interface LabelRule {
  label: Label;
  weight: number;
  all: readonly Cue[];
  any?: readonly Cue[];
  none?: readonly Cue[];
  reason: string;
}

const VACANCY_DETAILS: readonly Cue[] = [
  'jobTerms',
  'salary',
  'experience',
  'jobReqs',
  'applyCall',
  'jobLink',
];
const HELP_CONTEXT: readonly Cue[] = ['task', 'pay', 'whoCan', 'recommend'];

/** The rule table. Weights are log-odds-like; the `other` label has a constant prior in the scorer. */
export const LABEL_RULES: readonly LabelRule[] = [
  // vacancy
  { label: 'vacancy', weight: 1.6, all: ['hireWe'], reason: 'hiring phrase: «{hireWe}»' },
  { label: 'vacancy', weight: 1.2, all: ['hireWe', 'role'], none: ['task'], reason: 'role: «{role}»' },
  {
    label: 'vacancy',
    weight: 2.2,
    all: ['vacancyNoun'],
    none: ['seekWork'],
    reason: 'vacancy word: «{vacancyNoun}»',
  },
  {
    label: 'vacancy',
    weight: 1.8,
    all: ['jobLink'],
    none: ['seekWork'],
    reason: 'job-board link: «{jobLink}»',
  },
  { label: 'vacancy', weight: 1.5, all: ['salary'], none: ['seekWork'], reason: 'salary: «{salary}»' },
  { label: 'vacancy', weight: 0.7, all: ['jobTerms'], reason: 'employment terms: «{jobTerms}»' },
  { label: 'vacancy', weight: 0.6, all: ['jobTerms', 'role'], reason: 'role: «{role}»' },
  {
    label: 'vacancy',
    weight: 0.7,
    all: ['jobReqs'],
    any: ['role', 'hireWe', 'vacancyNoun'],
    reason: 'requirements: «{jobReqs}»',
  },
  {
    label: 'vacancy',
    weight: 1.4,
    all: ['applyCall'],
    none: ['seekWork'],
    reason: 'call to apply: «{applyCall}»',
  },
  {
    label: 'vacancy',
    weight: 1.1,
    all: ['experience'],
    none: ['seekWork', 'iAmRole'],
    reason: 'experience required: «{experience}»',
  },
  { label: 'vacancy', weight: 0.8, all: ['role', 'salary'], none: ['seekWork'], reason: 'role: «{role}»' },
  { label: 'vacancy', weight: 1.0, all: ['seekI', 'role'], any: VACANCY_DETAILS, reason: 'role: «{role}»' },
  { label: 'vacancy', weight: -0.8, all: ['task'], any: ['seekI', 'whoCan', 'pay'], reason: '' },
  // help_wanted
  {
    label: 'help_wanted',
    weight: 2.2,
    all: ['seekI', 'role'],
    none: ['seekWork'],
    reason: 'needs a specialist: «{seekI}» + «{role}»',
  },
  { label: 'help_wanted', weight: 1.6, all: ['whoCan'], reason: 'asks who can do it: «{whoCan}»' },
  {
    label: 'help_wanted',
    weight: 2.0,
    all: ['recommend', 'role'],
    reason: 'asks for a recommendation: «{recommend}»',
  },
  {
    label: 'help_wanted',
    weight: 1.2,
    all: ['task'],
    any: ['seekI', 'whoCan', 'hireWe', 'recommend'],
    none: ['seekWork', 'offerSelf'],
    reason: 'task: «{task}»',
  },
  {
    label: 'help_wanted',
    weight: 0.9,
    all: ['pay'],
    any: ['seekI', 'whoCan', 'task', 'role'],
    none: ['seekWork', 'offerSelf'],
    reason: 'will pay: «{pay}»',
  },
  {
    label: 'help_wanted',
    weight: 0.8,
    all: ['seekI', 'question'],
    none: ['seekWork'],
    reason: 'request: «{seekI}»',
  },
  {
    label: 'help_wanted',
    weight: 1.2,
    all: ['seekI', 'roleLike'],
    none: ['role', 'seekWork', 'iAmRole'],
    reason: 'needs a specialist: «{seekI}» + «{roleLike}»',
  },
  {
    label: 'help_wanted',
    weight: 1.2,
    all: ['recommend', 'roleLike'],
    none: ['role'],
    reason: 'asks for a recommendation: «{recommend}»',
  },
  {
    label: 'help_wanted',
    weight: 1.2,
    all: ['budget'],
    none: ['seekWork', 'offerSelf'],
    reason: 'budget: «{budget}»',
  },
  { label: 'help_wanted', weight: -0.7, all: ['jobTerms'], none: HELP_CONTEXT, reason: '' },
  // job_seeker
  { label: 'job_seeker', weight: 3.4, all: ['seekWork'], reason: 'job search phrase: «{seekWork}»' },
  {
    label: 'job_seeker',
    weight: 1.7,
    all: ['offerSelf'],
    none: ['we', 'question', 'seekI'],
    reason: 'offers own services: «{offerSelf}»',
  },
  { label: 'job_seeker', weight: 1.0, all: ['iAmRole'], reason: 'introduces self: «{iAmRole}»' },
  {
    label: 'job_seeker',
    weight: 0.8,
    all: ['iAmRole'],
    any: ['contact', 'offerSelf', 'seekI', 'workNoun'],
    reason: 'introduces self: «{iAmRole}»',
  },
  {
    label: 'job_seeker',
    weight: 0.6,
    all: ['offerSelf', 'contact'],
    none: ['we'],
    reason: 'contact: «{contact}»',
  },
  // discussion
  {
    label: 'discussion',
    weight: 1.1,
    all: ['question'],
    any: ['questionWord', 'proTopic', 'opinion'],
    reason: 'question form',
  },
  { label: 'discussion', weight: 0.5, all: ['question'], reason: 'question form' },
  { label: 'discussion', weight: 1.5, all: ['opinion'], reason: 'opinion marker: «{opinion}»' },
  {
    label: 'discussion',
    weight: 0.7,
    all: ['proTopic'],
    any: ['question', 'opinion'],
    reason: 'professional topic: «{proTopic}»',
  },
  { label: 'discussion', weight: 0.4, all: ['proTopic'], reason: 'professional topic: «{proTopic}»' },
  {
    label: 'discussion',
    weight: -0.8,
    all: ['question', 'reply'],
    none: ['proTopic', 'opinion'],
    reason: '',
  },
  { label: 'discussion', weight: -1.0, all: ['whoCan'], reason: '' },
  { label: 'discussion', weight: -1.0, all: ['recommend', 'role'], reason: '' },
  { label: 'discussion', weight: -0.8, all: ['seekI', 'role'], reason: '' },
  { label: 'discussion', weight: -1.0, all: ['seekWork'], reason: '' },
  // promo
  { label: 'promo', weight: 2.0, all: ['discount'], reason: 'discount: «{discount}»' },
  { label: 'promo', weight: 2.0, all: ['percentOff'], reason: 'discount: «{percentOff}»' },
  { label: 'promo', weight: 2.4, all: ['promoCode'], reason: 'promo code: «{promoCode}»' },
  { label: 'promo', weight: 2.0, all: ['giveaway'], reason: 'giveaway: «{giveaway}»' },
  { label: 'promo', weight: 3.0, all: ['adTag'], reason: 'ad label: «{adTag}»' },
  { label: 'promo', weight: 3.0, all: ['adMarker'], reason: 'ad label: «{adMarker}»' },
  { label: 'promo', weight: 0.9, all: ['buyCall'], reason: 'call to buy: «{buyCall}»' },
  { label: 'promo', weight: 0.5, all: ['buyCall', 'url'], reason: 'call to buy: «{buyCall}»' },
  {
    label: 'promo',
    weight: 2.2,
    all: ['loanNoun', 'loanAction'],
    none: ['pastVerb'],
    reason: 'loan ad: «{loanNoun}»',
  },
  {
    label: 'promo',
    weight: 1.6,
    all: ['loanNoun', 'linkSpam'],
    none: ['pastVerb'],
    reason: 'loan ad: «{loanNoun}»',
  },
  { label: 'promo', weight: 0.5, all: ['loanNoun', 'url'], reason: 'loan link: «{loanNoun}»' },
  { label: 'promo', weight: 1.8, all: ['moneyMake'], reason: 'money-making offer: «{moneyMake}»' },
  { label: 'promo', weight: 1.2, all: ['price'], none: ['seekI', 'whoCan'], reason: 'price: «{price}»' },
  { label: 'promo', weight: 0.5, all: ['commerce'], reason: 'commercial offer: «{commerce}»' },
  {
    label: 'promo',
    weight: 0.7,
    all: ['commerce'],
    any: ['url', 'phone', 'price'],
    reason: 'commercial offer: «{commerce}»',
  },
  {
    label: 'promo',
    weight: 0.8,
    all: ['phone'],
    none: ['hireWe', 'vacancyNoun', 'seekI'],
    reason: 'phone number',
  },
  { label: 'promo', weight: 0.8, all: ['linkSpam'], none: ['pastVerb'], reason: 'link-only post' },
  { label: 'promo', weight: 0.8, all: ['manyHashtags'], reason: 'hashtag stuffing' },
  { label: 'promo', weight: 0.5, all: ['we', 'commerce'], reason: 'commercial offer: «{commerce}»' },
  {
    label: 'promo',
    weight: 1.6,
    all: ['edu'],
    any: ['buyCall', 'price', 'discount', 'giveaway', 'free'],
    reason: 'course ad: «{edu}»',
  },
  { label: 'promo', weight: 0.5, all: ['edu', 'url'], reason: 'course ad: «{edu}»' },
  { label: 'promo', weight: 0.4, all: ['free'], reason: 'free offer: «{free}»' },
];
