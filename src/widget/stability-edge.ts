/**
 * The largest Hessian eigenvalue a run's optimiser is stable with on a quadratic, from its
 * learning rate η (Cohen et al. 2021, "Gradient descent on neural networks typically occurs at the
 * edge of stability"): gradient descent diverges along a direction with λ > 2/η; heavy-ball
 * momentum μ (and Nesterov's) along λ > (2 + 2μ)/η. Adaptive methods (Adam, RMSProp, …)
 * precondition the Hessian, so their raw λ_max has no such edge: null. A schedule that changes η
 * also gives null (the edge moves).
 */
import { optimizerDefaults } from '../config/optimizer-defaults';
import type { RunConfig } from '../config/schema';

export function stabilityEdge(run: RunConfig): number | null {
  const defaults = optimizerDefaults(run.optimizer);
  const lr = run.lr ?? defaults.lr;
  const momentum = run.momentum ?? defaults.momentum;
  if (run.schedule.kind !== 'constant' || !(lr > 0)) return null;
  if (run.optimizer === 'sgd') return 2 / lr;
  if (run.optimizer === 'momentum' || run.optimizer === 'nesterov') return (2 + 2 * momentum) / lr;
  return null;
}
