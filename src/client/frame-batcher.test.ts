import { describe, expect, it } from 'vitest';
import { FrameBatcher } from './frame-batcher';
import { manualClock } from './manual-clock';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('FrameBatcher', () => {
  it('applies every frame once, in arrival order, in one batch per animation frame', async () => {
    const t = manualClock();
    const batches: number[][] = [];
    const b = new FrameBatcher<number>((batch) => batches.push([...batch]), t.clock, 66);
    const acks: number[] = [];
    for (const n of [1, 2, 3]) void b.push(n)!.then(() => acks.push(n));
    // Nothing before the animation frame: one frame requested for the three.
    expect(batches).toEqual([]);
    expect(t.requested).toBe(1);
    expect(b.pending).toBe(3);
    await settle();
    expect(acks).toEqual([]);
    t.frame();
    expect(batches).toEqual([[1, 2, 3]]);
    await settle();
    expect(acks).toEqual([1, 2, 3]);
    expect([b.batches, b.frames, b.pending]).toEqual([1, 3, 0]);
  });

  it('applies at most one batch per interval: frames that come sooner wait for a timer, then a frame', () => {
    const t = manualClock();
    const batches: number[][] = [];
    const b = new FrameBatcher<number>((batch) => batches.push([...batch]), t.clock, 66);
    void b.push(1);
    t.frame();
    expect(batches).toEqual([[1]]);
    // 10 ms later: the next batch is due at 66 ms after the first.
    t.advance(10);
    void b.push(2);
    void b.push(3);
    expect(t.requested).toBe(0);
    expect(t.timers).toBe(1);
    t.advance(55); // 65 ms after the first batch: not yet
    expect(t.requested).toBe(0);
    t.advance(1);
    expect(t.requested).toBe(1);
    void b.push(4); // arrives before the frame: joins this batch
    t.frame();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    // Long after the last batch: straight to the next animation frame.
    t.advance(500);
    void b.push(5);
    expect(t.requested).toBe(1);
    t.frame();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('flush applies what is queued at once (order kept) and cancels the scheduled batch', async () => {
    const t = manualClock();
    const applied: number[] = [];
    const b = new FrameBatcher<number>((batch) => applied.push(...batch), t.clock, 66);
    let acked = false;
    void b.push(1);
    void b.push(2)!.then(() => (acked = true));
    b.flush();
    expect(applied).toEqual([1, 2]);
    await settle();
    expect(acked).toBe(true);
    // The frame requested for them finds nothing to do.
    t.frame();
    expect(applied).toEqual([1, 2]);
    expect(b.batches).toBe(1);
    // A flush with nothing queued is no batch.
    b.flush();
    expect(b.batches).toBe(1);
    // The next push waits its interval after the flush.
    void b.push(3);
    expect(t.requested).toBe(0);
    t.advance(66);
    t.frame();
    expect(applied).toEqual([1, 2, 3]);
  });

  it('resolves the frames it drops on dispose and applies nothing afterwards', async () => {
    const t = manualClock();
    const applied: number[] = [];
    const b = new FrameBatcher<number>((batch) => applied.push(...batch), t.clock, 66);
    let acked = false;
    void b.push(1)!.then(() => (acked = true));
    b.dispose();
    await settle();
    expect(acked).toBe(true);
    t.frame();
    expect(b.push(2)).toBeUndefined();
    b.flush();
    expect(applied).toEqual([]);
  });

  it('acknowledges a batch even when applying it throws', async () => {
    const t = manualClock();
    const b = new FrameBatcher<number>(
      () => {
        throw new Error('bad frame');
      },
      t.clock,
      66,
    );
    let acked = false;
    void b.push(1)!.then(() => (acked = true));
    expect(() => b.flush()).toThrow('bad frame');
    await settle();
    expect(acked).toBe(true);
    expect(b.pending).toBe(0);
  });

  it('without animation frames applies every push at once, as a batch of one', () => {
    const batches: number[][] = [];
    const b = new FrameBatcher<number>(
      (batch) => batches.push([...batch]),
      { ...manualClock().clock, requestFrame: null },
      66,
    );
    expect(b.push(1)).toBeUndefined();
    expect(b.push(2)).toBeUndefined();
    expect(batches).toEqual([[1], [2]]);
  });

  it('refuses a negative interval, naming it', () => {
    expect(() => new FrameBatcher<number>(() => undefined, manualClock().clock, -1)).toThrow(
      /minIntervalMs: must be ≥ 0/,
    );
  });
});
