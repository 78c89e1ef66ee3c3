/**
 * Adapts the 3-D view's drawing-buffer scale (canvas pixels per CSS pixel, WebGL's pixel ratio)
 * to the measured cost of a frame, so that one frame never blocks the page: on a software
 * rasteriser (SwiftShader, llvmpipe) every pixel costs main-thread CPU time.
 *
 * The cost of a frame is taken as proportional to its pixels, i.e. to scale². When the median of
 * the last `lowerAfter` frames exceeds `budgetMs`, the scale drops at once to the one predicted to
 * cost `target` × budget (and at least by `step`); when `raiseAfter` frames in a row have a median
 * below `raiseBelow` × budget, it rises by one `step` (× (1 + step)² ≈ 1.3 the cost, still under
 * budget). The gap between the two thresholds and the sample counts are the hysteresis: a scale is
 * never raised back into the cost it was lowered from. Scales are multiples of `quantum`, within
 * [minScale, maxScale].
 */
export interface ResolutionOptions {
  /** Longest acceptable frame (ms of main-thread time). */
  budgetMs: number;
  /** Lowest scale (canvas pixels per CSS pixel). */
  minScale: number;
  /** Highest scale: the display's devicePixelRatio (capped by the caller). */
  maxScale: number;
  /** Frames whose median decides a lowering. */
  lowerAfter: number;
  /** Frames since the last change whose median decides a raise. */
  raiseAfter: number;
  /** Raise only below this fraction of the budget. */
  raiseBelow: number;
  /** A lowering aims at this fraction of the budget. */
  target: number;
  /** Relative step of a raise, and the least relative step of a lowering. */
  step: number;
  /** Scales are rounded (down) to multiples of this. */
  quantum: number;
  /** The first frames are ignored (they compile shaders and upload buffers). */
  ignoreFirst: number;
}

export const DEFAULT_RESOLUTION_OPTIONS: Omit<ResolutionOptions, 'maxScale'> = {
  budgetMs: 30,
  minScale: 0.5,
  lowerAfter: 3,
  raiseAfter: 30,
  raiseBelow: 0.4,
  target: 0.7,
  step: 0.15,
  quantum: 0.05,
  ignoreFirst: 0,
};

export class AdaptiveResolution {
  private readonly options: ResolutionOptions;
  private current: number;
  /** Frame times (ms) since the last change of scale, newest last (at most `raiseAfter`). */
  private readonly samples: number[] = [];
  private seen = 0;

  /** `initialScale` (default `maxScale`, clamped into the range): the scale drawn at now. */
  constructor(options: Partial<ResolutionOptions> & { maxScale: number; initialScale?: number }) {
    const { initialScale, ...rest } = options;
    this.options = { ...DEFAULT_RESOLUTION_OPTIONS, ...rest };
    const { minScale, maxScale } = this.options;
    if (!(minScale > 0) || !(maxScale >= minScale))
      throw new Error(`scales: need 0 < minScale ≤ maxScale, got [${minScale}, ${maxScale}]`);
    this.current = Math.min(maxScale, Math.max(minScale, initialScale ?? maxScale));
  }

  /** The scale to draw at now. */
  get scale(): number {
    return this.current;
  }

  /**
   * Records one frame's cost (ms) and returns the new scale when it changes, else null.
   * Non-finite or negative times are ignored.
   */
  record(frameMs: number): number | null {
    if (!Number.isFinite(frameMs) || frameMs < 0) return null;
    const o = this.options;
    if ((this.seen += 1) <= o.ignoreFirst) return null;
    this.samples.push(frameMs);
    if (this.samples.length > o.raiseAfter) this.samples.shift();

    if (this.samples.length >= o.lowerAfter) {
      const recent = median(this.samples.slice(-o.lowerAfter));
      if (recent > o.budgetMs && this.current > o.minScale) {
        const predicted = this.current * Math.sqrt((o.target * o.budgetMs) / recent);
        return this.change(Math.min(predicted, this.current * (1 - o.step)));
      }
    }
    if (
      this.samples.length >= o.raiseAfter &&
      this.current < o.maxScale &&
      median(this.samples) < o.raiseBelow * o.budgetMs
    )
      return this.change(this.current * (1 + o.step));
    return null;
  }

  private change(wanted: number): number | null {
    const { minScale, maxScale, quantum } = this.options;
    // Round to the grid (a hair of tolerance so 0.7 / 0.05 counts as 14), then clamp.
    const rounded = Math.floor(wanted / quantum + 1e-9) * quantum;
    const next = Math.min(maxScale, Math.max(minScale, Number(rounded.toFixed(6))));
    if (next === this.current) return null;
    this.current = next;
    this.samples.length = 0;
    return next;
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
