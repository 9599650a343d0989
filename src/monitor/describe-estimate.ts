import { formatNumber, type Lang, t } from '../chat/i18n.js';
import { type Estimate, formatUsd, type Prices } from './estimate.js';

/**
 * An estimate in a line for a chat or the CLI: "Over the last 7 days X counted 1,234 posts for it: about
 * 176 a day, 5,290 in a 30-day month, $26.45 at $0.005 a post (this estimate: 1 counts request, $0.005)."
 */
export function describeEstimate(e: Estimate, lang: Lang, prices?: Prices): string {
  const n = (x: number) => formatNumber(lang, x);
  const perDay = formatNumber(lang, e.postsPerDay, e.postsPerDay < 10 ? 1 : 0);
  const price = prices ? formatUsd(prices.pricePerRead) : null;
  if (e.from === 'corpus') {
    return t(lang, {
      en: `The demo corpus (not X: no token) has ${n(e.total)} posts for it over the last 7 days: about ${perDay} a day, ${n(e.monthlyPosts)} in a 30-day month${price ? `, ${formatUsd(e.monthlyCost)} at ${price} a post` : ''}.`,
      ru: `В демо-корпусе (не X: нет токена) за последние 7 дней для этого ${n(e.total)} постов: около ${perDay} в день, ${n(e.monthlyPosts)} за 30 дней${price ? `, ${formatUsd(e.monthlyCost)} по ${price} за пост` : ''}.`,
    });
  }
  const requests = e.countsRequests;
  return t(lang, {
    en: `Over the last 7 days X counted ${n(e.total)} posts for it: about ${perDay} a day, ${n(e.monthlyPosts)} in a 30-day month${price ? `, ${formatUsd(e.monthlyCost)} at ${price} a post` : ''} (this estimate: ${requests} counts request${requests === 1 ? '' : 's'}, ${formatUsd(e.cost)}).`,
    ru: `За последние 7 дней X насчитал для этого ${n(e.total)} постов: около ${perDay} в день, ${n(e.monthlyPosts)} за 30 дней${price ? `, ${formatUsd(e.monthlyCost)} по ${price} за пост` : ''} (эта оценка: запросов counts — ${requests}, ${formatUsd(e.cost)}).`,
  });
}
