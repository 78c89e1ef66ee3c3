// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Transport, type TransportProps } from './Transport';

afterEach(cleanup);

function setup(props: Partial<TransportProps> = {}) {
  const cb = {
    onPlay: vi.fn(),
    onPause: vi.fn(),
    onStep: vi.fn(),
    onReset: vi.fn(),
    onSpeed: vi.fn(),
    onScrub: vi.fn(),
  };
  render(
    <Transport
      playing={false}
      finished={false}
      step={120}
      totalSteps={500}
      frames={13}
      scrub={null}
      speed={5}
      {...cb}
      {...props}
    />,
  );
  return cb;
}

describe('Transport', () => {
  it('calls play, step and reset, and shows the step counter', () => {
    const cb = setup();
    expect(screen.getByTestId('step-counter').textContent).toBe('step 120 / 500');
    fireEvent.click(screen.getByRole('button', { name: /Play/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(cb.onPlay).toHaveBeenCalledTimes(1);
    expect(cb.onStep).toHaveBeenCalledTimes(1);
    expect(cb.onReset).toHaveBeenCalledTimes(1);
    expect(cb.onPause).not.toHaveBeenCalled();
  });

  it('pauses while playing; step is disabled then, play when finished', () => {
    const cb = setup({ playing: true });
    fireEvent.click(screen.getByRole('button', { name: /Pause/ }));
    expect(cb.onPause).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Step' })).toHaveProperty('disabled', true);
    cleanup();
    setup({ finished: true, step: 500 });
    expect(screen.getByRole('button', { name: /Play/ })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Reset' })).toHaveProperty('disabled', false);
  });

  it('toggles play with the space bar when the bar has focus', () => {
    const cb = setup();
    const bar = screen.getByRole('toolbar');
    bar.focus();
    fireEvent.keyDown(bar, { key: ' ', code: 'Space' });
    expect(cb.onPlay).toHaveBeenCalledTimes(1);
    cleanup();
    const cb2 = setup({ playing: true });
    fireEvent.keyDown(screen.getByRole('toolbar'), { key: ' ', code: 'Space' });
    expect(cb2.onPause).toHaveBeenCalledTimes(1);
    // space typed elsewhere (on the speed select) is not taken
    fireEvent.keyDown(screen.getByLabelText('Speed'), { key: ' ', code: 'Space' });
    expect(cb2.onPause).toHaveBeenCalledTimes(1);
  });

  it('reports the speed', () => {
    const cb = setup();
    const speed = screen.getByLabelText('Speed') as HTMLSelectElement;
    expect(Array.from(speed.options).map((o) => Number(o.value))).toEqual([1, 2, 5, 10, 20, 50]);
    expect(speed.value).toBe('5');
    fireEvent.change(speed, { target: { value: '20' } });
    expect(cb.onSpeed).toHaveBeenCalledWith(20);
  });

  it('scrubs over the recorded frames and goes back to live', () => {
    const cb = setup();
    const slider = screen.getByLabelText('Timeline') as HTMLInputElement;
    expect(slider.max).toBe('12');
    expect(slider.value).toBe('12'); // live follows the newest frame
    const live = screen.getByRole('button', { name: 'Live' });
    expect(live.getAttribute('aria-pressed')).toBe('true');
    fireEvent.change(slider, { target: { value: '3' } });
    expect(cb.onScrub).toHaveBeenLastCalledWith(3);
    cleanup();
    const cb2 = setup({ scrub: 3, scrubStep: 30 });
    expect((screen.getByLabelText('Timeline') as HTMLInputElement).value).toBe('3');
    expect(screen.getByText('showing step 30')).toBeTruthy();
    const live2 = screen.getByRole('button', { name: 'Live' });
    expect(live2.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(live2);
    expect(cb2.onScrub).toHaveBeenLastCalledWith(null);
  });
});
