import type { LinearModelFile } from '../learn/model-file.js';
import { type BrandSpan, type BrandSpec, createBrandMatcher, handlesOf } from './brands.js';
import type { Label, SentimentLabel } from './classes.js';
import { detectCuesPrepared } from './cue-detect.js';
import labelModelFile from './models/label-model.json' with { type: 'json' };
import sentimentModelFile from './models/sentiment-model.json' with { type: 'json' };
import { createReadingModel } from './reading-model.js';
import type { SalaryOptions } from './salary.js';
import { sentimentOfTokens } from './sentiment.js';
import { prepareText } from './text.js';
import { FeatureVector, targetFeatures, tweetFeatures } from './tweet-features.js';
import { extractVacancy, type VacancyFacts } from './vacancy.js';

export type { SentimentLabel } from './classes.js';

/** Kestrel's reading of one tweet: its label and why, vacancy facts, brand mentions and sentiment. */
export interface Classification {
  label: Label;
  /** Calibrated: of the tweets read with confidence 0.9, about nine in ten are right. */
  confidence: number;
  reasons: string[];
  /** Only for vacancies. */
  vacancy: VacancyFacts | null;
  brands: BrandSpan[];
  /** The tweet's tone. */
  sentiment: SentimentLabel;
  /** The tone toward each brand in `brands`, by brand name (one tweet may praise one and blame another). */
  brandSentiment: Record<string, SentimentLabel>;
}

export interface Classifier {
  classify(text: string, lang?: string | null): Classification;
}

/** Bumped whenever a change to the classifier should re-classify the store (`kestrel reclassify`). */
export const CLASSIFIER_VERSION = 2;

/** The models shipped with Kestrel (`npm run train` writes them). */
export const SHIPPED_MODELS = {
  label: labelModelFile as LinearModelFile,
  sentiment: sentimentModelFile as LinearModelFile,
};

const CYRILLIC = /[а-яё]/i;
const RUSSIAN_VACANCY: SalaryOptions = { fallbackCurrency: 'RUB' };

/** A bare salary figure in a Russian-language vacancy is read as roubles. */
export function vacancyOptions(text: string, lang: string | null | undefined): SalaryOptions {
  const russian = lang === 'ru' || (lang !== 'en' && CYRILLIC.test(text));
  return russian ? RUSSIAN_VACANCY : {};
}

export interface ClassifierOptions {
  brands: readonly BrandSpec[];
  /** Other model files than the shipped ones (a team's retrained model, tests). */
  models?: { label: LinearModelFile; sentiment: LinearModelFile };
}

/**
 * Labels, vacancy facts, brand spans and sentiment in one call. Pure and synchronous; no network and no
 * model download: the models are files of the project. A bare salary figure in a Russian-language vacancy
 * ("200-250к") is read as roubles.
 */
export function createClassifier(options: ClassifierOptions): Classifier {
  const brands = createBrandMatcher(options.brands);
  const files = options.models ?? SHIPPED_MODELS;
  const model = createReadingModel(files);
  const features = new FeatureVector();
  const brandFeatures = new FeatureVector();
  return {
    classify(text, lang) {
      // One tokenization, one cue scan and one feature vector, shared by the label and sentiment models.
      const prepared = prepareText(text);
      const cues = detectCuesPrepared(prepared);
      const lexiconScore = sentimentOfTokens(text, prepared.tokens).score;
      const spans = brands.match(text);
      tweetFeatures(prepared, { cues, lexiconScore, brandHandles: handlesOf(spans) }, features);
      const { label, confidence, reasons, sentiment } = model.read(prepared, cues, features);
      const brandSentiment: Record<string, SentimentLabel> = {};
      for (const span of spans) {
        if (span.brand in brandSentiment) continue;
        const mine = spans.filter((s) => s.brand === span.brand);
        const others = spans.filter((s) => s.brand !== span.brand);
        targetFeatures(prepared, { spans: mine, others }, brandFeatures, features);
        brandSentiment[span.brand] = model.toneToward(brandFeatures);
      }
      return {
        label,
        confidence,
        reasons,
        vacancy: label === 'vacancy' ? extractVacancy(text, vacancyOptions(text, lang)) : null,
        brands: spans,
        sentiment,
        brandSentiment,
      };
    },
  };
}
