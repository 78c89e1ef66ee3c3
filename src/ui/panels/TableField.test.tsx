// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIELDS, type FieldInfo, type FieldPath } from '../../config/fields';
import { TableField, type TableFieldProps } from './TableField';

afterEach(cleanup);

function setup(props: Partial<TableFieldProps> & { path: FieldPath }) {
  const onChange = vi.fn<(value: unknown, entry: number) => void>();
  render(<TableField value={undefined} onChange={onChange} {...props} />);
  return onChange;
}

function type(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

function describedText(input: HTMLElement): string {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

const numbers = (Object.entries(FIELDS) as [FieldPath, FieldInfo][]).filter(([, info]) =>
  ['number', 'integer'].includes(info.input),
);

describe('TableField', () => {
  it.each(numbers)('%s: label, hint, unit, range and help come from the table', (path, info) => {
    setup({ path });
    const input = screen.getByRole('textbox');
    const label = document.querySelector(`label[for="${input.id}"]`)!;
    expect(label.textContent).toBe(info.hint ? `${info.label} ${info.hint}` : info.label);
    expect(input.getAttribute('data-min')).toBe(String(info.range!.min));
    expect(input.getAttribute('data-max')).toBe(String(info.range!.max));
    expect(input.getAttribute('data-step')).toBe(info.input === 'integer' ? '1' : 'any');
    expect(input.hasAttribute('data-min-exclusive')).toBe(Boolean(info.range!.minExclusive));
    expect(input.hasAttribute('data-max-exclusive')).toBe(Boolean(info.range!.maxExclusive));
    expect(input.getAttribute('title')).toContain(info.help);
    expect(input.getAttribute('aria-description')).toContain(info.help);
    expect(input.getAttribute('inputmode')).toBe(info.input === 'integer' ? 'numeric' : 'decimal');
    const unit = input.parentElement!.querySelector('.panel-unit');
    expect(unit?.textContent ?? null).toBe(info.unit);
  });

  it('checks a typed number against the range before committing it', () => {
    const onChange = setup({ path: 'experiment.data.points', value: 50, placeholder: '320' });
    const points = screen.getByLabelText('Points');
    expect(points.getAttribute('placeholder')).toBe('320');
    type(points, '1');
    expect(onChange).not.toHaveBeenCalled();
    expect(describedText(points)).toBe('must be a whole number from 2 to 100000 (got 1)');
    type(points, '2.5');
    expect(describedText(points)).toBe('must be a whole number from 2 to 100000 (got 2.5)');
    type(points, '100000');
    expect(onChange).toHaveBeenLastCalledWith(100000, -1);
    expect(points.getAttribute('aria-invalid')).toBeNull();
    type(points, '');
    expect(onChange).toHaveBeenLastCalledWith(undefined, -1);
  });

  it('keeps exclusive bounds out', () => {
    const onChange = setup({ path: 'experiment.runs[].lr' });
    const lr = screen.getByLabelText(/^Learning rate/);
    type(lr, '0');
    expect(describedText(lr)).toBe('must be > 0 and ≤ 1000000 (got 0)');
    type(lr, '1e6');
    expect(onChange).toHaveBeenLastCalledWith(1e6, -1);
    cleanup();
    setup({ path: 'experiment.runs[].momentum' });
    const mu = screen.getByLabelText(/^Momentum/);
    type(mu, '1');
    expect(describedText(mu)).toBe('must be ≥ 0 and < 1 (got 1)');
  });

  it('requires a value when told to', () => {
    const onChange = setup({ path: 'experiment.runs[].initSeed', required: true, value: 3 });
    const seed = screen.getByLabelText('Initial seed');
    type(seed, '');
    expect(onChange).not.toHaveBeenCalled();
    expect(describedText(seed)).toBe('enter a number');
  });

  it('offers the choices of the problem, and keeps a value from elsewhere', () => {
    const options = () =>
      within(screen.getByLabelText('Data set'))
        .getAllByRole('option')
        .map((o) => [(o as HTMLOptionElement).value, o.textContent]);
    setup({ path: 'experiment.data.kind', value: 'custom', problem: 'linear-regression' });
    expect(options()).toEqual([
      ['linear-design', 'Linear design'],
      ['custom', 'Your points (CSV)'],
    ]);
    cleanup();
    setup({ path: 'experiment.data.kind', value: 'spiral', problem: 'tanh-regression' });
    expect(options().map(([v]) => v)).toEqual(['tanh-teacher', 'custom', 'spiral']);
    expect(screen.getByLabelText('Data set')).toHaveProperty('value', 'spiral');
    expect(screen.getByLabelText('Data set').getAttribute('title')).toBe(
      FIELDS['experiment.data.kind'].help,
    );
  });

  it('selects the default of a choice left out, and reports a pick', () => {
    const onChange = setup({ path: 'experiment.problem.activation', placeholder: 'tanh' });
    const select = screen.getByLabelText('Activation');
    expect(select).toHaveProperty('value', 'tanh');
    fireEvent.change(select, { target: { value: 'relu' } });
    expect(onChange).toHaveBeenLastCalledWith('relu', -1);
  });

  it('adds and removes widths within the table’s size, each in range', () => {
    const { size, range } = FIELDS['experiment.problem.hidden'];
    const onChange = setup({ path: 'experiment.problem.hidden', value: [8] });
    expect(screen.getByRole('group', { name: 'Hidden layers' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove layer 1' })).toHaveProperty(
      'disabled',
      size!.min >= 1,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add layer' }));
    expect(onChange).toHaveBeenLastCalledWith([8, 8], -1);
    const width = screen.getByLabelText('Layer 1 width');
    type(width, String(range!.max + 1));
    expect(describedText(width)).toBe(
      `must be a whole number from ${range!.min} to ${range!.max} (got ${range!.max + 1})`,
    );
    type(width, '12');
    expect(onChange).toHaveBeenLastCalledWith([12], 0);
    cleanup();
    setup({ path: 'experiment.problem.hidden', value: Array(size!.max).fill(4) });
    expect(screen.getByRole('button', { name: 'Add layer' })).toHaveProperty('disabled', true);
  });

  it('labels the two numbers of a pair by the parts of its label', () => {
    const onChange = setup({
      path: 'experiment.runs[].betas',
      placeholder: ['0.9', '0.999'],
      entryMessages: (i) => (i === 1 ? ['must be ≥ 0 and < 1 (got 1)'] : undefined),
    });
    const b1 = screen.getByLabelText('β₁');
    const b2 = screen.getByLabelText('β₂');
    expect([b1, b2].map((b) => b.getAttribute('placeholder'))).toEqual(['0.9', '0.999']);
    expect(describedText(b2)).toBe('must be ≥ 0 and < 1 (got 1)');
    expect(b1.getAttribute('aria-invalid')).toBeNull();
    type(b2, '0.99');
    expect(onChange).toHaveBeenLastCalledWith([undefined, 0.99], 1);
  });

  it('takes a batch size word or a whole number in range', () => {
    const onChange = setup({ path: 'experiment.runs[].batchSize', placeholder: 'full' });
    const batch = screen.getByLabelText(/^Batch size/);
    type(batch, 'FULL');
    expect(onChange).toHaveBeenLastCalledWith('full', -1);
    type(batch, '0');
    expect(describedText(batch)).toBe('must be a whole number from 1 to 1000000 (got 0)');
    type(batch, 'half');
    expect(describedText(batch)).toBe('\'half\' is not "full" or a whole number');
  });

  it('limits a text to its size and trims it', () => {
    const onChange = setup({ path: 'experiment.runs[].name', placeholder: 'Run 1' });
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('maxlength')).toBe(String(FIELDS['experiment.runs[].name'].size!.max));
    type(name, '  Fast  ');
    expect(onChange).toHaveBeenLastCalledWith('Fast', -1);
  });

  it('renders a boolean as a checkbox and a colour as a colour picker', () => {
    const onChange = setup({ path: 'view.orthogonalize', value: false });
    fireEvent.click(screen.getByLabelText('orthogonalise'));
    expect(onChange).toHaveBeenLastCalledWith(true, -1);
    cleanup();
    const onColour = setup({ path: 'experiment.runs[].color', value: '#AABBCC' });
    const colour = screen.getByLabelText('Colour');
    expect(colour).toHaveProperty('value', '#aabbcc');
    fireEvent.input(colour, { target: { value: '#123456' } });
    expect(onColour).toHaveBeenLastCalledWith('#123456', -1);
  });

  it('says so for an input it has no widget for', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => setup({ path: 'view.range' })).toThrow(/no widget for range fields/);
  });
});
