// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_VIEW } from '../config/view';
import { ViewSettings } from './ViewSettings';

afterEach(cleanup);

function setup(tanh: boolean, view = DEFAULT_VIEW) {
  const onChange = vi.fn();
  render(
    <ViewSettings
      view={view}
      surface={false}
      tanh={tanh}
      onChange={onChange}
      onRecompute={() => undefined}
      progress={null}
      explained={null}
      runNames={['SGD', 'Adam']}
    />,
  );
  return onChange;
}

const values = () =>
  Array.from(screen.getByTestId('directions').querySelectorAll('option')).map((o) => o.value);

describe('ViewSettings: the exact (w, shift) view', () => {
  it('is offered for the tanh model only', () => {
    const onChange = setup(true);
    expect(values()).toContain('varpro');
    fireEvent.change(screen.getByTestId('directions'), { target: { value: 'varpro' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_VIEW, directions: 'varpro' });
    cleanup();
    setup(false);
    expect(values()).not.toContain('varpro');
  });

  it('hides the plane-only orthogonalise option', () => {
    setup(true, { ...DEFAULT_VIEW, directions: 'varpro' });
    expect(screen.queryByText('orthogonalise')).toBeNull();
  });
});
