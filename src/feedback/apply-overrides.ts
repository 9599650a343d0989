import { LABELS, type Label, SENTIMENT_CLASSES, type SentimentLabel } from '../classify/classes.js';
import { type Classification, vacancyOptions } from '../classify/classifier.js';
import { extractVacancy } from '../classify/vacancy.js';
import type { Override } from '../store/feedback-store.js';

/** The reason a corrected reading gives instead of the model's cues. */
export const TEAM_REASON = 'corrected by the team';

const isLabel = (v: string): v is Label => (LABELS as readonly string[]).includes(v);
const isTone = (v: string): v is SentimentLabel => (SENTIMENT_CLASSES as readonly string[]).includes(v);

/**
 * The model's reading of a tweet with the team's decisions put over it: the decided label (vacancy facts read
 * when it becomes a vacancy, dropped when it stops being one), brands the team said it is not about removed,
 * decided tones set. Overrides that name an unknown value are ignored.
 */
export function applyOverrides(
  reading: Classification,
  overrides: readonly Override[],
  text: string,
  lang: string | null,
): Classification {
  let out = reading;
  for (const o of overrides) {
    if (o.kind === 'label' && isLabel(o.value) && o.value !== out.label) {
      out = {
        ...out,
        label: o.value,
        confidence: 1,
        reasons: [TEAM_REASON],
        vacancy: o.value === 'vacancy' ? extractVacancy(text, vacancyOptions(text, lang)) : null,
      };
    } else if (o.kind === 'brand' && o.value === 'not_this_brand') {
      const { [o.brand]: _gone, ...rest } = out.brandSentiment;
      out = { ...out, brands: out.brands.filter((b) => b.brand !== o.brand), brandSentiment: rest };
    } else if (o.kind === 'tone' && isTone(o.value)) {
      if (o.brand === '') out = { ...out, sentiment: o.value };
      else if (o.brand in out.brandSentiment)
        out = { ...out, brandSentiment: { ...out.brandSentiment, [o.brand]: o.value } };
    }
  }
  return out;
}
