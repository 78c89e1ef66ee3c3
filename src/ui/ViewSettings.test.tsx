// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_VIEW } from '../config/view';
import { ViewSettings, type ViewSettingsProps } from './ViewSettings';

afterEach(cleanup);

function setup(props: Partial<ViewSettingsProps> = {}) {
  const onChange = vi.fn();
  const onRecompute = vi.fn();
  render(
    <ViewSettings
      view={DEFAULT_VIEW}
      surface={false}
      onChange={onChange}
      onRecompute={onRecompute}
      progress={null}
      explained={null}
      runNames={['SGD', 'Adam']}
      {...props}
    />,
  );
  return { onChange, onRecompute };
}

describe('ViewSettings', () => {
  it('changes the plane and the grid resolution', () => {
    const { onChange } = setup();
    fireEvent.change(screen.getByTestId('directions'), { target: { value: 'random' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_VIEW, directions: 'random' });
    fireEvent.change(screen.getByTestId('resolution'), { target: { value: '101' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_VIEW, n: 101 });
  });

  it('sets a symmetric range, or fits the paths when emptied, and rejects a bad range', () => {
    const { onChange } = setup();
    const range = screen.getByTestId('range');
    fireEvent.change(range, { target: { value: '2.5' } });
    fireEvent.blur(range);
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_VIEW, range: [-2.5, 2.5] });
    fireEvent.change(range, { target: { value: '-1' } });
    fireEvent.keyDown(range, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toContain('range: a number > 0');
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.change(range, { target: { value: '' } });
    fireEvent.blur(range);
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_VIEW, range: 'fit' });
  });

  it('chooses the three points of a plane through points', () => {
    const view = { ...DEFAULT_VIEW, directions: 'points' as const };
    const { onChange } = setup({ view });
    expect((screen.getByTestId('through-C') as HTMLSelectElement).value).toBe('1:final');
    fireEvent.change(screen.getByTestId('through-C'), { target: { value: '1:initial' } });
    expect(onChange).toHaveBeenLastCalledWith({
      ...view,
      through: [
        { run: 0, at: 'initial' },
        { run: 0, at: 'final' },
        { run: 1, at: 'initial' },
      ],
    });
  });

  it('fixes the axes of a surface, shows explained variance and progress, recomputes on demand', () => {
    setup({ surface: true, explained: [0.9, 0.05], progress: { done: 50, total: 200 } });
    expect((screen.getByTestId('directions') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByTestId('explained').textContent).toBe(
      'PC1 90.0 %, PC2 5.0 % of the variance',
    );
    expect(screen.getByRole('progressbar').textContent).toContain('25 %');
    expect((screen.getByTestId('recompute') as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    const { onRecompute } = setup();
    fireEvent.click(screen.getByTestId('recompute'));
    expect(onRecompute).toHaveBeenCalledTimes(1);
  });
});
