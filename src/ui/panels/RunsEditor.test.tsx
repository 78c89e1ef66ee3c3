// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIELDS } from '../../config/fields';
import { parseConfig } from '../../config/parse';
import type { RunInput } from './defaults';
import { RunsEditor, type RunPreset } from './RunsEditor';

/** Presets as the explorer passes them (the lessons' runs); the editor itself knows none. */
const RUN_PRESETS: RunPreset[] = [
  {
    id: 'sgd-momentum-adam',
    label: 'SGD vs Momentum vs Adam',
    runs: [
      { name: 'SGD', optimizer: 'sgd', lr: 0.1 },
      { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
      { name: 'Adam', optimizer: 'adam', lr: 0.01 },
    ],
  },
  {
    id: 'adam-adamw',
    label: 'Adam vs AdamW',
    runs: [
      { name: 'Adam + L2 (λ 0.01)', optimizer: 'adam', lr: 0.01, weightDecay: 0.01 },
      { name: 'AdamW (λ 0.01)', optimizer: 'adamw', lr: 0.01, weightDecay: 0.01 },
    ],
  },
  {
    id: 'small-large-batch',
    label: 'Small vs large batch',
    runs: [
      { name: 'SGD, batch 16', optimizer: 'sgd', lr: 0.1, batchSize: 16 },
      { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.1, batchSize: 'full' },
    ],
  },
];

afterEach(cleanup);

const RUNS: RunInput[] = [
  { name: 'SGD', optimizer: 'sgd', lr: 0.1 },
  { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
  { name: 'Adam', optimizer: 'adam', lr: 0.01 },
];

function setup(runs: RunInput[] = RUNS, extra: Partial<Parameters<typeof RunsEditor>[0]> = {}) {
  const onChange = vi.fn<(runs: RunInput[]) => void>();
  render(<RunsEditor runs={runs} onChange={onChange} {...extra} />);
  return onChange;
}

/** The card of the run named `name`. */
function card(name: string): HTMLElement {
  return screen.getByRole('listitem', { name });
}

function type(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

function describedText(input: HTMLElement): string {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

describe('RunsEditor', () => {
  it('adds a run, at most 16', () => {
    const onChange = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add run' }));
    expect(onChange.mock.calls[0]![0]).toEqual([...RUNS, { name: 'Run 4', optimizer: 'sgd' }]);
    cleanup();
    setup(Array.from({ length: 16 }, (_, k) => ({ name: `R${k}` })));
    expect(screen.getByRole('button', { name: 'Add run' })).toHaveProperty('disabled', true);
  });

  it('removes a run, keeping at least one', () => {
    const onChange = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Remove run Momentum' }));
    expect(onChange.mock.calls[0]![0]).toEqual([RUNS[0], RUNS[2]]);
    cleanup();
    setup([RUNS[0]!]);
    expect(screen.getByRole('button', { name: 'Remove run SGD' })).toHaveProperty('disabled', true);
  });

  it('edits a run’s name, colour, learning rate and batch size', () => {
    const onChange = setup();
    const adam = card('Adam');
    type(within(adam).getByLabelText(/^Learning rate/), '0.05');
    expect(onChange.mock.lastCall![0][2]).toEqual({ name: 'Adam', optimizer: 'adam', lr: 0.05 });
    expect(onChange.mock.lastCall![0].slice(0, 2)).toEqual(RUNS.slice(0, 2));
    type(within(adam).getByLabelText('Name'), 'Adam fast');
    expect(onChange.mock.lastCall![0][2]!.name).toBe('Adam fast');
    fireEvent.input(within(adam).getByLabelText('Colour'), { target: { value: '#123456' } });
    expect(onChange.mock.lastCall![0][2]!.color).toBe('#123456');
    const batch = within(adam).getByLabelText(/^Batch size/);
    type(batch, '32');
    expect(onChange.mock.lastCall![0][2]!.batchSize).toBe(32);
    type(batch, 'full');
    expect(onChange.mock.lastCall![0][2]!.batchSize).toBe('full');
    const calls = onChange.mock.calls.length;
    type(batch, 'lots');
    expect(onChange.mock.calls.length).toBe(calls);
    expect(describedText(batch)).toContain('not "full" or a whole number');
  });

  it('shows torch’s defaults as placeholders and only the fields an optimiser uses', () => {
    setup([
      { name: 'a', optimizer: 'sgd' },
      { name: 'b', optimizer: 'momentum' },
      { name: 'c', optimizer: 'adagrad' },
      { name: 'd', optimizer: 'rmsprop' },
      { name: 'e', optimizer: 'adam' },
      { name: 'f', optimizer: 'adamw' },
      { name: 'g', optimizer: 'nadam' },
    ]);
    const ph = (run: string, label: RegExp) =>
      (within(card(run)).getByLabelText(label) as HTMLInputElement).placeholder;
    expect(ph('a', /^Learning rate/)).toBe('0.1');
    expect(within(card('a')).queryByLabelText(/^Momentum/)).toBeNull();
    expect(within(card('a')).queryByLabelText('β₁')).toBeNull();
    expect(ph('b', /^Learning rate/)).toBe('0.1');
    expect(ph('b', /^Momentum/)).toBe('0.9');
    expect(ph('c', /^Learning rate/)).toBe('0.01');
    expect(ph('c', /^ε/)).toBe('1e-10');
    expect(ph('d', /^Learning rate/)).toBe('0.01');
    expect(ph('d', /^α/)).toBe('0.99');
    expect(ph('e', /^Learning rate/)).toBe('0.001');
    expect(ph('e', /^β₁/)).toBe('0.9');
    expect(ph('e', /^β₂/)).toBe('0.999');
    expect(ph('e', /^ε/)).toBe('1e-8');
    expect(ph('e', /^Weight decay/)).toBe('0');
    expect(ph('f', /^Weight decay/)).toBe('0.01');
    expect(ph('g', /^Learning rate/)).toBe('0.002');
    expect(within(card('e')).queryByLabelText(/^α/)).toBeNull();
  });

  it('drops the hyperparameters the new optimiser does not use', () => {
    const onChange = setup();
    fireEvent.change(within(card('Momentum')).getByLabelText('Optimiser'), {
      target: { value: 'adam' },
    });
    expect(onChange.mock.calls[0]![0][1]).toEqual({ name: 'Momentum', optimizer: 'adam', lr: 0.1 });
  });

  it('edits β₂ with β₁ at its default, and SAM, schedule and own seed', () => {
    function Harness({ spy }: { spy: (r: RunInput[]) => void }) {
      const [runs, setRuns] = useState<RunInput[]>([{ name: 'A', optimizer: 'adam' }]);
      return (
        <RunsEditor
          runs={runs}
          onChange={(r) => {
            spy(r);
            setRuns(r);
          }}
        />
      );
    }
    const spy = vi.fn();
    render(<Harness spy={spy} />);
    const last = () => spy.mock.lastCall![0][0] as RunInput;
    type(screen.getByLabelText('β₂'), '0.99');
    expect(last().betas).toEqual([0.9, 0.99]);
    type(screen.getByLabelText('β₂'), '');
    expect(last().betas).toBeUndefined();
    fireEvent.click(screen.getByLabelText('SAM'));
    expect(last().sam).toEqual({});
    type(screen.getByLabelText('SAM ρ'), '0.1');
    expect(last().sam).toEqual({ rho: 0.1 });
    fireEvent.change(screen.getByLabelText('Schedule'), { target: { value: 'cosine' } });
    type(screen.getByLabelText('Warm-up steps'), '20');
    expect(last().schedule).toEqual({ kind: 'cosine', warmupSteps: 20 });
    fireEvent.click(screen.getByLabelText('Own initial seed'));
    expect(last().initSeed).toBe(1);
    type(screen.getByLabelText('Initial seed'), '9');
    expect(last().initSeed).toBe(9);
    fireEvent.click(screen.getByLabelText('Own initial seed'));
    expect(last()).not.toHaveProperty('initSeed');
    expect(() => parseConfig({ runs: [last()] })).not.toThrow();
  });

  it('applies the presets with their exact values', () => {
    const onChange = setup([{ name: 'x', optimizer: 'nadam' }], { presets: RUN_PRESETS });
    fireEvent.click(screen.getByRole('button', { name: 'SGD vs Momentum vs Adam' }));
    expect(onChange.mock.lastCall![0]).toEqual([
      { name: 'SGD', optimizer: 'sgd', lr: 0.1 },
      { name: 'Momentum', optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
      { name: 'Adam', optimizer: 'adam', lr: 0.01 },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Adam vs AdamW' }));
    expect(onChange.mock.lastCall![0]).toEqual([
      { name: 'Adam + L2 (λ 0.01)', optimizer: 'adam', lr: 0.01, weightDecay: 0.01 },
      { name: 'AdamW (λ 0.01)', optimizer: 'adamw', lr: 0.01, weightDecay: 0.01 },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Small vs large batch' }));
    expect(onChange.mock.lastCall![0]).toEqual([
      { name: 'SGD, batch 16', optimizer: 'sgd', lr: 0.1, batchSize: 16 },
      { name: 'SGD, full batch', optimizer: 'sgd', lr: 0.1, batchSize: 'full' },
    ]);
    for (const p of RUN_PRESETS) expect(() => parseConfig({ runs: p.runs })).not.toThrow();
  });

  it('shows each run’s problems on that run, next to the field', () => {
    setup(RUNS, {
      problems: [
        'runs[1].lr: must be > 0 and ≤ 1000000 (got -1)',
        "runs[2]: unknown field 'lrr'",
        'runs: must have 1 to 16 runs (got [])',
        'data.points: elsewhere (got 1)',
      ],
    });
    const lr = within(card('Momentum')).getByLabelText(/^Learning rate/);
    expect(describedText(lr)).toBe('must be > 0 and ≤ 1000000 (got -1)');
    expect(
      within(card('SGD'))
        .getByLabelText(/^Learning rate/)
        .getAttribute('aria-invalid'),
    ).toBeNull();
    expect(within(card('Adam')).getByRole('alert').textContent).toContain("unknown field 'lrr'");
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts.some((t) => t?.includes('must have 1 to 16 runs'))).toBe(true);
    expect(alerts.some((t) => t?.includes('data.points'))).toBe(false);
  });

  it('badges diverged runs', () => {
    setup(RUNS, { divergedAt: [-1, 12, -1] });
    expect(within(card('Momentum')).getByText('diverged at step 12')).toBeTruthy();
    expect(within(card('SGD')).queryByText(/diverged/)).toBeNull();
    expect(within(card('Adam')).queryByText(/diverged/)).toBeNull();
  });

  it('renders the run fields from their table entries, and checks the range before committing', () => {
    const onChange = setup();
    const info = FIELDS['experiment.runs[].lr'];
    const lr = within(card('SGD')).getByLabelText(/^Learning rate/);
    expect(document.querySelector(`label[for="${lr.id}"]`)!.textContent).toBe(
      `${info.label} ${info.hint}`,
    );
    expect(lr.getAttribute('data-min')).toBe(String(info.range!.min));
    expect(lr.getAttribute('data-max')).toBe(String(info.range!.max));
    expect(lr.hasAttribute('data-min-exclusive')).toBe(true);
    expect(lr.getAttribute('title')).toContain(info.help);
    type(lr, '0');
    expect(onChange).not.toHaveBeenCalled();
    expect(describedText(lr)).toBe('must be > 0 and ≤ 1000000 (got 0)');
    const schedule = within(card('SGD')).getByLabelText('Schedule');
    expect(
      within(schedule)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(FIELDS['experiment.runs[].schedule.kind'].choices!.map((c) => c.label));
    expect(
      within(card('SGD'))
        .getByLabelText(/^Batch size/)
        .closest('.panel-field')!
        .querySelector('.panel-unit')!.textContent,
    ).toBe(FIELDS['experiment.runs[].batchSize'].unit);
  });

  it('shows a schedule’s own fields by the table’s conditions', () => {
    setup([
      { name: 'a', schedule: { kind: 'step' } },
      { name: 'b', schedule: { kind: 'cosine' } },
      { name: 'c' },
    ]);
    const labels = (run: string) =>
      ['Step size', 'γ', 'Final lr factor'].filter(
        (l) => within(card(run)).queryByLabelText(new RegExp(`^${l}`)) !== null,
      );
    expect(labels('a')).toEqual(['Step size', 'γ']);
    expect(labels('b')).toEqual(['Final lr factor']);
    expect(labels('c')).toEqual([]);
  });
});
