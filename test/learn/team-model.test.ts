import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/classify/classes.js';
import { SHIPPED_MODELS } from '../../src/classify/classifier.js';
import { examplesOf, type TrainingItem } from '../../src/classify/train/train-model.js';
import { decodeModel, encodeModel } from '../../src/learn/model-file.js';
import { predict, retrainTeam } from '../../src/teach/team-figures.js';
import { TEAM_RECIPE, trainTeamModel } from '../../src/teach/team-trainer.js';

const item = (text: string, label: string): TrainingItem => ({
  text,
  label: LABELS.indexOf(label as never),
  keys: [text],
  weight: 1,
});

const promoAsOther = [
  'Скидка 50% на тариф Безлимит только сегодня, подключайтесь по ссылке',
  'Скидка на тариф Безлимит для новых абонентов, подключайтесь сегодня',
  'Только сегодня скидка на тариф Безлимит, подключение по ссылке',
  'Тариф Безлимит со скидкой 50%, подключайтесь по ссылке в профиле',
  'Подключайтесь к тарифу Безлимит со скидкой, только сегодня',
].map((t) => item(t, 'other'));

describe('team model', () => {
  it('learns the corrected label of the corrected texts, from the shipped model, deterministically', () => {
    const before = predict(SHIPPED_MODELS.label, examplesOf(promoAsOther));
    const team = trainTeamModel(SHIPPED_MODELS.label, promoAsOther, { ...TEAM_RECIPE, correctionWeight: 20 });
    const after = predict(team, examplesOf(promoAsOther));
    expect(Array.from(after)).toEqual(promoAsOther.map(() => LABELS.indexOf('other')));
    expect(Array.from(before)).not.toEqual(Array.from(after));
    expect(
      trainTeamModel(SHIPPED_MODELS.label, promoAsOther, { ...TEAM_RECIPE, correctionWeight: 20 }),
    ).toEqual(team);
    expect(team.temperature).toBe(SHIPPED_MODELS.label.temperature);
  });

  it('moves the weights the shipped data holds firmly less than those it barely saw, and keeps the biases', () => {
    const corrections = [item('тариф абонент подключение', 'discussion')];
    const [example] = examplesOf(corrections);
    const moved = (precision: number) => {
      const base = { ...SHIPPED_MODELS.label, precision: undefined };
      const K = LABELS.length;
      const decoded = decodeModel(base, base);
      const firm = new Float32Array(decoded.dimension).fill(precision);
      const file = encodeModel(decoded, { ...base, precision: firm });
      const team = decodeModel(trainTeamModel(file, corrections), base);
      let distance = 0;
      for (const f of example!.index)
        for (let k = 0; k < K; k++) distance += (team.weights[f * K + k]! - decoded.weights[f * K + k]!) ** 2;
      for (let k = 0; k < K; k++) expect(Math.abs(team.bias[k]! - decoded.bias[k]!)).toBeLessThan(1e-3);
      return distance;
    };
    expect(moved(0)).toBeGreaterThan(4 * moved(100));
  });

  it('is refused by the guard when it gets worse on the guard set by more than the margin', () => {
    const guard = [
      item('Вакансия backend разработчик на Go, 250к, удалёнка, пишите в ЛС', 'vacancy'),
      item('Ищем Python разработчика в команду, зарплата от 200к, офис в Москве', 'vacancy'),
    ];
    // A prankster says vacancies are promo, with a huge weight.
    const pranks = guard.map((g) => ({ ...g, label: LABELS.indexOf('promo'), weight: 50 }));
    const run = retrainTeam({
      base: SHIPPED_MODELS.label,
      corrections: pranks,
      guard,
      margin: 0.01,
      recipe: TEAM_RECIPE,
      crossValidate: false,
    });
    expect(run.figures.guard.before.accuracy).toBe(1);
    expect(run.figures.guard.after.accuracy).toBeLessThan(1);
    expect(run.figures.accepted).toBe(false);
  });
});
