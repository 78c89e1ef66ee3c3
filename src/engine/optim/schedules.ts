/** A learning-rate schedule, applied after an optional linear warm-up. */
export interface ScheduleSpec {
  /** 'constant'; 'step': η·γ^⌊τ/stepSize⌋ (torch StepLR); 'cosine': torch CosineAnnealingLR. */
  kind: 'constant' | 'step' | 'cosine';
  /** Linear warm-up length W in steps: η·(t+1)/W for t < W (Goyal et al. 2017). 0 = none. */
  warmupSteps: number;
  /** 'step': steps between decays. */
  stepSize: number;
  /** 'step': decay factor γ. */
  gamma: number;
  /** 'cosine': η_min as a fraction of the base rate. */
  minLrFactor: number;
}

export const CONSTANT_SCHEDULE: ScheduleSpec = {
  kind: 'constant',
  warmupSteps: 0,
  stepSize: 100,
  gamma: 0.5,
  minLrFactor: 0,
};

/**
 * The learning rate of update t (0-based) out of `totalSteps`, for base rate η:
 * - warm-up, t < W: η (t + 1) / W;
 * - then with τ = t − W and T = totalSteps − W:
 *   constant η; step η γ^⌊τ / stepSize⌋; cosine η_min + (η − η_min)(1 + cos(π τ / T)) / 2.
 */
export function learningRateAt(
  schedule: ScheduleSpec,
  baseLr: number,
  t: number,
  totalSteps: number,
): number {
  const w = schedule.warmupSteps;
  if (t < w) return (baseLr * (t + 1)) / w;
  const tau = t - w;
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * Math.pow(schedule.gamma, Math.floor(tau / schedule.stepSize));
    case 'cosine': {
      const span = Math.max(1, totalSteps - w);
      const minLr = baseLr * schedule.minLrFactor;
      return (
        minLr + ((baseLr - minLr) * (1 + Math.cos((Math.PI * Math.min(tau, span)) / span))) / 2
      );
    }
  }
}
