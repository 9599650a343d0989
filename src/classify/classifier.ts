import { type BrandSpan, type BrandSpec, createBrandMatcher } from './brands.js';
import { classifyPrepared, type Label } from './labels.js';
import type { SalaryOptions } from './salary.js';
import { sentimentOfTokens } from './sentiment.js';
import { prepareText } from './text.js';
import { extractVacancy, type VacancyFacts } from './vacancy.js';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

/** Kestrel's reading of one tweet: its label and why, vacancy facts, brand mentions and sentiment. */
export interface Classification {
  label: Label;
  confidence: number;
  reasons: string[];
  /** Only for vacancies. */
  vacancy: VacancyFacts | null;
  brands: BrandSpan[];
  sentiment: SentimentLabel;
}

export interface Classifier {
  classify(text: string, lang?: string | null): Classification;
}

/** Bumped whenever a change to the classifier should re-classify the store (`kestrel reclassify`). */
export const CLASSIFIER_VERSION = 1;

const CYRILLIC = /[а-яё]/i;
const RUSSIAN_VACANCY: SalaryOptions = { fallbackCurrency: 'RUB' };

/** A bare salary figure in a Russian-language vacancy is read as roubles. */
function vacancyOptions(text: string, lang: string | null | undefined): SalaryOptions {
  const russian = lang === 'ru' || (lang !== 'en' && CYRILLIC.test(text));
  return russian ? RUSSIAN_VACANCY : {};
}

/**
 * Labels, vacancy facts, brand spans and sentiment in one call. Pure and synchronous; no network and no
 * model download. A bare salary figure in a Russian-language vacancy ("200-250к") is read as roubles.
 */
export function createClassifier(options: { brands: readonly BrandSpec[] }): Classifier {
  const brands = createBrandMatcher(options.brands);
  return {
    classify(text, lang) {
      // One tokenization and normalisation, shared by the label and sentiment scorers.
      const prepared = prepareText(text);
      const { label, confidence, reasons } = classifyPrepared(prepared);
      const vacancy = label === 'vacancy' ? extractVacancy(text, vacancyOptions(text, lang)) : null;
      return {
        label,
        confidence,
        reasons,
        vacancy,
        brands: brands.match(text),
        sentiment: sentimentOfTokens(text, prepared.tokens).sentiment,
      };
    },
  };
}
