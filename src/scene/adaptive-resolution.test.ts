import { describe, expect, it } from 'vitest';
import { AdaptiveResolution } from './adaptive-resolution';

/** Feeds `n` frames of `ms` and returns the scales announced (changes only). */
function feed(r: AdaptiveResolution, ms: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const next = r.record(ms);
    if (next !== null) out.push(next);
  }
  return out;
}

describe('AdaptiveResolution (budget 30 ms, aim 0.7 × budget, cost ∝ scale²)', () => {
  it('starts at the highest scale and drops to the predicted one after three slow frames', () => {
    const r = new AdaptiveResolution({ maxScale: 1 });
    expect(r.scale).toBe(1);
    expect(r.record(40)).toBeNull();
    expect(r.record(40)).toBeNull();
    // √(21 / 40) = 0.7246 → 0.70 on the 0.05 grid.
    expect(r.record(40)).toBe(0.7);
    expect(r.scale).toBe(0.7);
  });

  it('lowers by at least one step (×0.85) when just over budget, never below minScale', () => {
    const r = new AdaptiveResolution({ maxScale: 1 });
    // √(21 / 31) = 0.823 < 0.85 → 0.80.
    expect(feed(r, 31, 3)).toEqual([0.8]);
    const slow = new AdaptiveResolution({ maxScale: 2 });
    // 2·√(21 / 80) = 1.0247 → 1.00; then √(21/80) = 0.51 → 0.50 (the floor); then nothing.
    expect(feed(slow, 80, 3)).toEqual([1]);
    expect(feed(slow, 80, 3)).toEqual([0.5]);
    expect(feed(slow, 80, 10)).toEqual([]);
    expect(slow.scale).toBe(0.5);
  });

  it('ignores the first ignoreFirst frames (shader compilation)', () => {
    const r = new AdaptiveResolution({ maxScale: 1, ignoreFirst: 5 });
    expect(feed(r, 400, 5)).toEqual([]);
    expect(feed(r, 10, 30)).toEqual([]);
    expect(feed(r, 40, 3)).toEqual([0.7]);
  });

  it('ignores a single slow frame (median of three)', () => {
    const r = new AdaptiveResolution({ maxScale: 1 });
    expect(feed(r, 10, 1)).toEqual([]);
    expect(r.record(500)).toBeNull();
    expect(r.record(10)).toBeNull();
    expect(r.scale).toBe(1);
  });

  it('raises one step (×1.15) after 30 cheap frames, up to maxScale', () => {
    const r = new AdaptiveResolution({ maxScale: 1 });
    feed(r, 40, 3); // → 0.7
    expect(feed(r, 10, 29)).toEqual([]);
    // 0.7·1.15 = 0.805 → 0.80; 0.8·1.15 = 0.92 → 0.90; 0.9·1.15 = 1.035 → 1 (the cap).
    expect(feed(r, 10, 1)).toEqual([0.8]);
    expect(feed(r, 10, 30)).toEqual([0.9]);
    expect(feed(r, 10, 30)).toEqual([1]);
    expect(feed(r, 10, 100)).toEqual([]);
  });

  it('holds between the thresholds (12–30 ms): no oscillation', () => {
    const r = new AdaptiveResolution({ maxScale: 1 });
    feed(r, 40, 3); // → 0.7
    expect(feed(r, 20, 200)).toEqual([]);
    expect(feed(r, 30, 200)).toEqual([]);
    expect(r.scale).toBe(0.7);
  });

  it('starts from initialScale (clamped), e.g. a recreated canvas keeps its lowered scale', () => {
    expect(new AdaptiveResolution({ maxScale: 1, initialScale: 0.6 }).scale).toBe(0.6);
    expect(new AdaptiveResolution({ maxScale: 1, initialScale: 0.1 }).scale).toBe(0.5);
    const r = new AdaptiveResolution({ maxScale: 1, initialScale: 0.6 });
    // 0.6·√(21 / 40) = 0.4347 → the floor 0.5.
    expect(feed(r, 40, 3)).toEqual([0.5]);
  });

  it('ignores non-finite and negative times, and rejects bad scale bounds', () => {
    const r = new AdaptiveResolution({ maxScale: 1 });
    for (const t of [NaN, Infinity, -5]) expect(r.record(t)).toBeNull();
    expect(feed(r, 10, 2)).toEqual([]);
    expect(() => new AdaptiveResolution({ maxScale: 0.4 })).toThrow(/minScale ≤ maxScale/);
    expect(() => new AdaptiveResolution({ maxScale: 1, minScale: 0 })).toThrow(/0 < minScale/);
  });
});
