/**
 * `npm run eval`: how well Kestrel reads tweets, measured on tweets the models did not learn from.
 * - Labels: 5-fold cross-validation on the real labelled set (SentiRuEval-2015 tweets from ../shared with our
 *   labels) and on the development set, beside two baselines (always `other`, the previous rules).
 * - Sentiment toward brands: SentiRuEval's official figure, cross-validated and on the official split.
 * - Vacancy salaries and brand spans on the development set; brand mentions on SentiRuEval.
 * Parts that need ../shared are skipped with a line saying so when it is absent.
 */
import {
  loadDevLabelItems,
  loadDevSentimentItems,
  loadRealLabelItems,
  loadRealSentimentItems,
} from './data/labelled-sets.js';
import { evalSentiRuEvalBrands } from './eval/brand-eval.js';
import { evalDevFacts } from './eval/dev-facts.js';
import { evalLabels } from './eval/label-eval.js';
import { evalSentiment } from './eval/sentiment-eval.js';

const started = Date.now();
const dev = loadDevLabelItems();
evalLabels(loadRealLabelItems(), dev);
const english = new Set(dev.filter((i) => i.lang === 'en').map((i) => i.id));
evalSentiment(loadRealSentimentItems(), loadDevSentimentItems(), english);
evalDevFacts();
evalSentiRuEvalBrands();
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
