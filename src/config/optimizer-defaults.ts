/**
 * torch.optim's default hyper-parameters per optimiser (SCIENCE.md §2): the one table the config
 * resolution (src/experiment/build.ts), the editors' placeholders and the tests read. Plain data.
 * Plain SGD has no default learning rate in torch; 0.1 is ours.
 */
import type { OPTIMIZERS } from './schema';

export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerDefaults {
  lr: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  alpha: number;
  weightDecay: number;
  momentumDecay: number;
}

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
