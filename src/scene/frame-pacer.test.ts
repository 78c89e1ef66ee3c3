import { afterEach, describe, expect, it, vi } from 'vitest';
import { FramePacer } from './frame-pacer';

afterEach(() => vi.useRealTimers());

describe('FramePacer', () => {
  it('draws at once while frames are cheap, and waits 2d after a frame of d ms', () => {
    vi.useFakeTimers();
    let clock = 0;
    const draw = vi.fn();
    const pacer = new FramePacer(draw, () => clock);
    pacer.request();
    expect(draw).toHaveBeenCalledTimes(1);
    // A frame of 300 ms ending at t = 300: the next data frame waits until t = 900.
    pacer.frameStarted();
    clock = 300;
    pacer.frameEnded();
    pacer.request();
    pacer.request(); // merged into the pending one
    expect(draw).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(599);
    expect(draw).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(draw).toHaveBeenCalledTimes(2);
    // Past the idle share: drawn at once again.
    clock = 1000;
    pacer.request();
    expect(draw).toHaveBeenCalledTimes(3);
    pacer.dispose();
  });

  it('a disposed pacer draws nothing it had pending', () => {
    vi.useFakeTimers();
    let clock = 0;
    const draw = vi.fn();
    const pacer = new FramePacer(draw, () => clock);
    pacer.frameStarted();
    clock = 100;
    pacer.frameEnded();
    pacer.request();
    pacer.dispose();
    vi.advanceTimersByTime(1000);
    expect(draw).not.toHaveBeenCalled();
  });
});
