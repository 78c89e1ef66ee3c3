/**
 * How a run draws its mini-batches (`runs[i].sampling`): omitted or {"kind": "uniform"} is the
 * default (without replacement within an epoch); {"kind": "importance", "temperature": U_c} draws
 * each batch i.i.d. with p(xᵢ) ∝ exp(−ℓᵢ(θ_k)/U_c) at the current parameters (Zancato & Chiuso,
 * SCIENCE.md §7): examples with a high loss are drawn less often; U_c → ∞ is uniform sampling.
 */
import { z } from './zod';

/** Largest accepted importance temperature U_c (beyond it p is uniform to float precision). */
export const MAX_SAMPLING_TEMPERATURE = 1e12;

const TEMPERATURE_ERROR = `must be a number > 0 and ≤ ${MAX_SAMPLING_TEMPERATURE}`;

export const SamplingSchema = z.strictObject(
  {
    kind: z
      .enum(['uniform', 'importance'], { error: 'must be uniform or importance' })
      .default('importance'),
    /** U_c, in units of the per-example loss (importance sampling only). */
    temperature: z
      .number({ error: TEMPERATURE_ERROR })
      .gt(0, { error: TEMPERATURE_ERROR })
      .max(MAX_SAMPLING_TEMPERATURE, { error: TEMPERATURE_ERROR })
      .default(1),
  },
  {
    error: 'must be {"kind": "uniform"} or {"kind": "importance", "temperature": U_c} with U_c > 0',
  },
);

export type SamplingConfig = z.infer<typeof SamplingSchema>;
