import { z } from './zod';

/**
 * Implicit bias (SCIENCE.md §8): after training, every recorded θ of every run is compared with
 * the exact solution the theory predicts: the hard-margin SVM direction (problem 'logistic' on
 * linearly separable data) or the minimum-norm solution A⁺b (problem 'linear-regression' with more
 * parameters than training points). No options yet: `"implicitBias": {}`.
 */
export const ImplicitBiasSchema = z.strictObject(
  {},
  { error: 'must be an object: {} (it has no options)' },
);
export type ImplicitBiasConfig = z.output<typeof ImplicitBiasSchema>;
