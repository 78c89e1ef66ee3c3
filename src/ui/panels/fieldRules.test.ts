import { describe, expect, it } from 'vitest';
import { FIELDS, type FieldInfo } from '../../config/fields';
import {
  checkNumber,
  checkText,
  choicesFor,
  describeField,
  entryLabel,
  rangeWords,
} from './fieldRules';

const number = (range: FieldInfo['range']): FieldInfo => ({
  ...FIELDS['experiment.runs[].lr'],
  range,
});

describe('field rules from the table', () => {
  it('words a range as the schema does', () => {
    expect(rangeWords(FIELDS['experiment.data.points'])).toBe('a whole number from 2 to 100000');
    expect(rangeWords(FIELDS['experiment.runs[].lr'])).toBe('> 0 and ≤ 1000000');
    expect(rangeWords(FIELDS['experiment.runs[].momentum'])).toBe('≥ 0 and < 1');
    expect(rangeWords(FIELDS['experiment.data.noise'])).toBe('from 0 to 10');
    expect(rangeWords(number({ min: 0, max: 1, minExclusive: true, maxExclusive: true }))).toBe(
      '> 0 and < 1',
    );
    expect(rangeWords(FIELDS['experiment.problem.kind'])).toBeNull();
  });

  it('checks numbers at and beyond each bound', () => {
    const points = FIELDS['experiment.data.points'];
    expect(checkNumber(points, 2)).toBeNull();
    expect(checkNumber(points, 100_000)).toBeNull();
    expect(checkNumber(points, 1)).toBe('must be a whole number from 2 to 100000 (got 1)');
    expect(checkNumber(points, 3.5)).toBe('must be a whole number from 2 to 100000 (got 3.5)');
    const lr = FIELDS['experiment.runs[].lr'];
    expect(checkNumber(lr, 0)).toBe('must be > 0 and ≤ 1000000 (got 0)');
    expect(checkNumber(lr, 1e-12)).toBeNull();
    expect(checkNumber(lr, 1e6)).toBeNull();
    expect(checkNumber(FIELDS['experiment.runs[].momentum'], 1)).toBe(
      'must be ≥ 0 and < 1 (got 1)',
    );
    expect(checkNumber(FIELDS['experiment.problem.kind'], 1e9)).toBeNull();
  });

  it('checks a text’s length', () => {
    const name = FIELDS['experiment.runs[].name'];
    expect(checkText(name, 'a'.repeat(40))).toBeNull();
    expect(checkText(name, 'a'.repeat(41))).toBe('must be 1 to 40 characters (got 41)');
  });

  it('offers the choices of a problem and keeps a current value from elsewhere', () => {
    const metric = FIELDS['view.metric'];
    expect(choicesFor(metric, 'linear-regression').map((c) => c.value)).toEqual([
      'trainLoss',
      'testLoss',
    ]);
    expect(choicesFor(metric).map((c) => c.value)).toHaveLength(4);
    expect(choicesFor(metric, 'surface', 'testAccuracy').at(-1)).toEqual({
      value: 'testAccuracy',
      label: 'test accuracy',
      problems: ['mlp', 'logistic', 'cnn'],
    });
    expect(choicesFor(metric, 'surface', 'toString').at(-1)).toEqual({
      value: 'toString',
      label: 'toString',
    });
  });

  it('labels list entries and describes a field by its help and range', () => {
    expect(entryLabel(FIELDS['experiment.runs[].betas'], 1)).toBe('β₂');
    expect(entryLabel(FIELDS['experiment.problem.hidden'], 2)).toBe('Layer 3 width');
    const channels = FIELDS['experiment.problem.channels'];
    expect([0, 1].map((i) => entryLabel(channels, i))).toEqual([
      'Conv 1 channels',
      'Conv 2 channels',
    ]);
    expect(describeField(channels, 1)).toBe(
      `${channels.entries![1]!.help} Allowed: a whole number from 1 to 32 channels.`,
    );
    const points = FIELDS['experiment.data.points'];
    expect(describeField(points)).toBe(
      `${points.help} Allowed: a whole number from 2 to 100000 points.`,
    );
    const hidden = FIELDS['experiment.problem.hidden'];
    expect(describeField(hidden)).toBe(`${hidden.help} Each a whole number from 1 to 256 units.`);
    expect(describeField(FIELDS['experiment.problem.kind'])).toBe(
      FIELDS['experiment.problem.kind'].help,
    );
  });
});
