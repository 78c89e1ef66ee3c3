// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIELDS } from '../../config/fields';
import { parseConfig } from '../../config/parse';
import type { ExperimentInput } from '../../config/schema';
import { PROBLEM_KINDS } from './defaults';
import { ExperimentForm, withProblemKind } from './ExperimentForm';

afterEach(cleanup);

const BASE: ExperimentInput = {
  seed: 7,
  problem: { kind: 'mlp', hidden: [16, 16], activation: 'tanh' },
  data: { kind: 'spiral', points: 320, noise: 0.05 },
  runs: [{ name: 'SGD', optimizer: 'sgd', lr: 0.1 }],
  steps: 300,
};

function setup(value: ExperimentInput = BASE, problems: string[] = []) {
  const onChange = vi.fn<(next: ExperimentInput) => void>();
  render(<ExperimentForm value={value} onChange={onChange} problems={problems} />);
  return onChange;
}

/** Types into a field and leaves it (commit on blur). */
function type(input: HTMLElement, text: string) {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

/** The text of the messages linked to an input with aria-describedby. */
function describedText(input: HTMLElement): string {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

describe('ExperimentForm', () => {
  it('commits a typed number on blur with the rest of the config untouched', () => {
    const onChange = setup();
    const points = screen.getByLabelText('Points');
    fireEvent.change(points, { target: { value: '100' } });
    expect(onChange).not.toHaveBeenCalled(); // not on every keystroke
    fireEvent.blur(points);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0]).toEqual({
      ...BASE,
      data: { kind: 'spiral', points: 100, noise: 0.05 },
    });
  });

  it('commits on Enter, and a cleared field falls back to the default', () => {
    const onChange = setup();
    const noise = screen.getByLabelText(/^Noise/);
    expect(screen.getByLabelText('Test fraction')).toHaveProperty('placeholder', '0.2');
    fireEvent.change(noise, { target: { value: '' } });
    fireEvent.keyDown(noise, { key: 'Enter' });
    expect(onChange.mock.calls[0]![0].data).toEqual({ kind: 'spiral', points: 320 });
    expect((noise as HTMLInputElement).placeholder).toBe('0.05');
  });

  it('shows a local message for text that is not a number and does not call onChange', () => {
    const onChange = setup();
    const seed = screen.getByLabelText('Seed');
    type(seed, 'abc');
    expect(onChange).not.toHaveBeenCalled();
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(seed)).toContain("'abc' is not a number");
    type(seed, '42');
    expect(onChange.mock.calls[0]![0].seed).toBe(42);
  });

  it('switches the data to a compatible default when the problem kind changes', () => {
    const onChange = setup();
    const problem = screen.getByLabelText('Problem');
    fireEvent.change(problem, { target: { value: 'tanh-regression' } });
    expect(onChange.mock.calls[0]![0]).toMatchObject({
      problem: { kind: 'tanh-regression', units: 4 },
      data: { kind: 'tanh-teacher' },
      runs: BASE.runs,
      seed: 7,
    });
    fireEvent.change(problem, { target: { value: 'linear-regression' } });
    expect(onChange.mock.calls[1]![0].data).toEqual({ kind: 'linear-design' });
    // logistic regression accepts the spirals: they stay as they were
    fireEvent.change(problem, { target: { value: 'logistic' } });
    expect(onChange.mock.calls[2]![0]).toMatchObject({
      problem: { kind: 'logistic' },
      data: BASE.data,
    });
  });

  it('gives a valid config for every problem kind from every other', () => {
    const kinds = PROBLEM_KINDS.map((k) => k.value);
    for (const from of kinds) {
      const start = withProblemKind(BASE, from);
      for (const to of kinds) {
        expect(() => parseConfig(withProblemKind(start, to)), `${from} → ${to}`).not.toThrow();
      }
    }
  });

  it('offers only the data sets the problem accepts', () => {
    setup({ ...BASE, problem: { kind: 'logistic' } });
    const kinds = within(screen.getByLabelText('Data set'))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(kinds).toEqual([
      'spiral',
      'circles',
      'xor',
      'gaussians',
      'moons',
      'linear',
      'spiral3',
      'spiral5',
      'digits',
      'custom',
    ]);
    cleanup();
    setup();
    const mlpKinds = within(screen.getByLabelText('Data set'))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(mlpKinds).toContain('tanh-teacher');
    expect(mlpKinds).not.toContain('linear-design');
  });

  it('keeps points and noise between 2-D sets and shows the margin for linear data', () => {
    const onChange = setup();
    fireEvent.change(screen.getByLabelText('Data set'), { target: { value: 'linear' } });
    expect(onChange.mock.calls[0]![0].data).toEqual({ kind: 'linear', points: 320, noise: 0.05 });
    cleanup();
    const onChange2 = setup({ ...BASE, data: { kind: 'linear' } });
    type(screen.getByLabelText('Margin'), '0.3');
    expect(onChange2.mock.calls[0]![0].data).toEqual({ kind: 'linear', margin: 0.3 });
  });

  it('adds, edits and removes hidden layers within 1 to 4', () => {
    function Harness({ spy }: { spy: (v: ExperimentInput) => void }) {
      const [value, setValue] = useState<ExperimentInput>(BASE);
      return (
        <ExperimentForm
          value={value}
          problems={[]}
          onChange={(v) => {
            spy(v);
            setValue(v);
          }}
        />
      );
    }
    const spy = vi.fn();
    render(<Harness spy={spy} />);
    const add = screen.getByRole('button', { name: 'Add layer' });
    fireEvent.click(add);
    expect(spy.mock.lastCall![0].problem).toEqual({
      kind: 'mlp',
      hidden: [16, 16, 16],
      activation: 'tanh',
    });
    fireEvent.click(add);
    expect(add).toHaveProperty('disabled', true);
    type(screen.getByLabelText('Layer 2 width'), '32');
    expect(spy.mock.lastCall![0].problem.hidden).toEqual([16, 32, 16, 16]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove layer 1' }));
    expect(spy.mock.lastCall![0].problem.hidden).toEqual([32, 16, 16]);
    fireEvent.change(screen.getByLabelText('Activation'), { target: { value: 'relu' } });
    expect(spy.mock.lastCall![0].problem).toEqual({
      kind: 'mlp',
      hidden: [32, 16, 16],
      activation: 'relu',
    });
  });

  it('edits the surface and shows κ for the quadratic only', () => {
    const onChange = setup({ problem: { kind: 'surface', surface: 'rosenbrock' } });
    expect(screen.queryByLabelText(/^κ/)).toBeNull();
    expect(screen.queryByLabelText('Points')).toBeNull();
    fireEvent.change(screen.getByLabelText('Surface'), { target: { value: 'quadratic' } });
    expect(onChange.mock.calls[0]![0].problem).toEqual({ kind: 'surface', surface: 'quadratic' });
    cleanup();
    const onChange2 = setup({ problem: { kind: 'surface', surface: 'quadratic' } });
    const kappa = screen.getByLabelText(/^κ/);
    expect((kappa as HTMLInputElement).placeholder).toBe('10');
    type(kappa, '100');
    expect(onChange2.mock.calls[0]![0].problem).toEqual({
      kind: 'surface',
      surface: 'quadratic',
      kappa: 100,
    });
  });

  it('shows each problem next to its field and the others at the top', () => {
    setup(BASE, [
      'data.points: must be a whole number from 2 to 100000 (got 1)',
      'problem.hidden[1]: must be a whole number from 1 to 256 (got 0)',
      'steps: must be a whole number from 1 to 1000000 (got 0)',
      'runs[0].lr: must be > 0 and ≤ 1000000 (got -1)',
    ]);
    const points = screen.getByLabelText('Points');
    expect(points.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(points)).toBe('must be a whole number from 2 to 100000 (got 1)');
    expect(describedText(screen.getByLabelText('Layer 2 width'))).toContain('(got 0)');
    expect(screen.getByLabelText('Layer 1 width').getAttribute('aria-invalid')).toBeNull();
    const top = screen.getByRole('alert');
    expect(top.textContent).toContain('steps: must be a whole number');
    expect(top.textContent).not.toContain('runs[0]'); // the runs editor shows those
    expect(top.textContent).not.toContain('data.points');
  });

  it('asks for points, in plain words, when "Your points" has none loaded', () => {
    const problemsFor = (value: ExperimentInput): string[] => {
      try {
        parseConfig(value);
      } catch (e) {
        return [...(e as { problems: string[] }).problems];
      }
      throw new Error('expected the config to be rejected');
    };
    // Just picked (no task, no points), then after choosing a task (empty lists).
    for (const data of [
      { kind: 'custom' },
      { kind: 'custom', task: 'regression', x: [], y: [] },
    ] as ExperimentInput['data'][]) {
      const value: ExperimentInput = { ...BASE, data };
      setup(value, problemsFor(value));
      const form = screen.getByRole('form', { name: 'Problem and data' });
      expect(within(form).getByText('load a CSV file or paste points first')).toBeTruthy();
      expect(form.textContent).not.toMatch(
        /Invalid input|expected array|received|data\.x|data\.task/,
      );
      expect(screen.queryByRole('alert')).toBeNull();
      cleanup();
    }
  });

  it('shows the problems of loaded points under the loader', () => {
    const value: ExperimentInput = {
      ...BASE,
      data: {
        kind: 'custom',
        task: 'classification',
        x: [
          [0, 0],
          [1, 1],
        ],
        y: [0],
      },
    };
    setup(value, ['data.y: must have one target per point: 2 points, 1 targets (got [0])']);
    const form = screen.getByRole('form', { name: 'Problem and data' });
    expect(
      within(form).getByText('must have one target per point: 2 points, 1 targets (got [0])'),
    ).toBeTruthy();
    expect(within(form).queryByText('load a CSV file or paste points first')).toBeNull();
  });

  it('shows cross-field data problems at the data set select', () => {
    setup({ ...BASE, problem: { kind: 'logistic' }, data: { kind: 'tanh-teacher' } }, [
      'data.kind: problem \'logistic\' needs classification data (got "tanh-teacher")',
    ]);
    expect(describedText(screen.getByLabelText('Data set'))).toContain(
      "problem 'logistic' needs classification data",
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('renders a field from its table entry: label, unit, range, help and the range check', () => {
    const onChange = setup();
    const info = FIELDS['experiment.data.points'];
    const points = screen.getByLabelText(info.label);
    expect(points.getAttribute('data-min')).toBe(String(info.range!.min));
    expect(points.getAttribute('data-max')).toBe(String(info.range!.max));
    expect(points.getAttribute('data-step')).toBe('1');
    expect(points.getAttribute('title')).toContain(info.help);
    expect(points.getAttribute('aria-description')).toContain(info.help);
    expect(points.closest('.panel-field')!.querySelector('.panel-unit')!.textContent).toBe(
      info.unit,
    );
    type(points, String(info.range!.max + 1));
    expect(onChange).not.toHaveBeenCalled();
    expect(describedText(points)).toBe(
      `must be a whole number from ${info.range!.min} to ${info.range!.max} (got ${info.range!.max + 1})`,
    );
    // The noise's hint is the table's symbol, said of the inputs for a classification set.
    expect(screen.getByLabelText(/^Noise/).closest('.panel-field')!.textContent).toContain(
      `input ${FIELDS['experiment.data.noise'].hint}`,
    );
  });

  it('names the CNN’s two channel counts as convolutions, each with its own help and range', () => {
    const onChange = setup({
      ...BASE,
      problem: { kind: 'cnn', channels: [4, 8], activation: 'relu' },
      data: { kind: 'digits' },
    });
    expect(screen.queryByLabelText(/width/)).toBeNull();
    const conv1 = screen.getByLabelText('Conv 1 channels');
    const conv2 = screen.getByLabelText('Conv 2 channels');
    expect(conv1).toHaveProperty('value', '4');
    expect(conv2).toHaveProperty('value', '8');
    for (const [input, words] of [
      [conv1, 'The number c₁ of 3×3 filters the first convolution slides over the 8×8 image'],
      [conv2, 'The number c₂ of 3×3 filters the second convolution slides over conv 1’s pooled'],
    ] as const) {
      const description = input.getAttribute('aria-description')!;
      expect(description.startsWith(words), description).toBe(true);
      expect(description.endsWith('. Allowed: a whole number from 1 to 32 channels.')).toBe(true);
      expect(input.getAttribute('title')).toBe(description);
    }
    type(conv2, '33');
    expect(describedText(conv2)).toBe('must be a whole number from 1 to 32 (got 33)');
    type(conv2, '12');
    expect(onChange.mock.lastCall![0].problem).toEqual({
      kind: 'cnn',
      channels: [4, 12],
      activation: 'relu',
    });
  });

  it('shows the fields the table says apply to the problem and the data set', () => {
    setup({ ...BASE, problem: { kind: 'tanh-regression' }, data: { kind: 'tanh-teacher' } });
    for (const label of ['Units', 'Teacher units', 'Teacher slope', 'Points', 'Noise']) {
      expect(screen.queryAllByLabelText(new RegExp(`^${label}`)), label).toHaveLength(1);
    }
    for (const label of ['Activation', 'Margin', 'Features', 'Surface', 'Layer 1 width']) {
      expect(screen.queryByLabelText(new RegExp(`^${label}`)), label).toBeNull();
    }
    cleanup();
    setup({
      ...BASE,
      problem: { kind: 'linear-regression' },
      data: { kind: 'custom', task: 'regression', x: [], y: [] },
    });
    expect(screen.queryByLabelText('Points')).toBeNull();
    expect(screen.getByLabelText('Test fraction')).toBeTruthy();
  });
});
