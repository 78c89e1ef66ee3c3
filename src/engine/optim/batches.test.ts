import { describe, expect, it } from 'vitest';
import { MiniBatchSampler } from './batches';

describe('MiniBatchSampler', () => {
  it('covers every example exactly once per epoch, with a smaller last batch', () => {
    const m = 10;
    const sampler = new MiniBatchSampler([4], m, [5]);
    const seen = new Array(m).fill(0);
    const sizes: number[] = [];
    for (let step = 0; step < 3; step++) {
      const w = sampler.next();
      const members = Array.from(w.subarray(0, m)).flatMap((v, i) => (v > 0 ? [i] : []));
      sizes.push(members.length);
      for (const i of members) {
        seen[i]++;
        expect(w[i]).toBeCloseTo(1 / members.length, 7);
      }
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen).toEqual(new Array(m).fill(1));
  });

  it('gives each run its own batches, full-batch runs uniform weights, and is reproducible', () => {
    const m = 8;
    const a = new MiniBatchSampler([2, 8, 2], m, [1, 1, 2]);
    const b = new MiniBatchSampler([2], m, [1]);
    for (let step = 0; step < 6; step++) {
      const wa = Float32Array.from(a.next());
      const wb = b.next();
      // Run 0 of the batched sampler equals the same run alone.
      expect(Array.from(wa.subarray(0, m))).toEqual(Array.from(wb));
      expect(Array.from(wa.subarray(m, 2 * m))).toEqual(new Array(m).fill(1 / m).map(Math.fround));
    }
    expect(a.allFullBatch).toBe(false);
    expect(new MiniBatchSampler([8, 100], m, [0, 0]).allFullBatch).toBe(true);
  });
});
