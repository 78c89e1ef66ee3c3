/**
 * torch.optim's default hyper-parameters per optimiser (SCIENCE.md §2): the one table the config
 * resolution (src/experiment/build.ts), the editors' placeholders and the tests read. Plain data.
 * Plain SGD has no default learning rate in torch; 0.1 is ours.
 */
import type { OPTIMIZERS } from './schema';

export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * An optimiser's numbers (torch.optim's names): a default set here, a run's resolved ones in a
 * result file (`ResultRunHyper`). The engine's `RunHyper` repeats these fields (the engine may not
 * import config); experiment/run.ts writes a `RunHyper` where a `ResultRunHyper` goes, so the
 * compiler refuses an engine that lacks one of them.
 */
export interface OptimizerHyper {
  /** Base learning rate η (before the schedule). */
  lr: number;
  /** Momentum μ (momentum, Nesterov). */
  momentum: number;
  /** β₁, β₂ (Adam, AdamW, NAdam). */
  beta1: number;
  beta2: number;
  /** ε in the denominator (Adagrad, RMSProp, Adam, AdamW, NAdam). */
  eps: number;
  /** RMSProp's smoothing constant α. */
  alpha: number;
  /** Weight decay λ: L2 added to the gradient, decoupled for AdamW. */
  weightDecay: number;
  /** NAdam's momentum decay ψ. */
  momentumDecay: number;
}

export type OptimizerDefaults = OptimizerHyper;

export function optimizerDefaults(name: OptimizerName): OptimizerDefaults {
  const base = {
    momentum: 0,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    alpha: 0.99,
    weightDecay: 0,
    momentumDecay: 0.004,
  };
  switch (name) {
    case 'sgd':
      return { ...base, lr: 0.1 };
    case 'momentum':
    case 'nesterov':
      return { ...base, lr: 0.1, momentum: 0.9 };
    case 'adagrad':
      return { ...base, lr: 0.01, eps: 1e-10 };
    case 'rmsprop':
      return { ...base, lr: 0.01 };
    case 'adam':
      return { ...base, lr: 0.001 };
    case 'adamw':
      return { ...base, lr: 0.001, weightDecay: 0.01 };
    case 'nadam':
      return { ...base, lr: 0.002 };
    default:
      throw new RangeError(`unknown optimiser '${String(name)}'`);
  }
}
