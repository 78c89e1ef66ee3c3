/**
 * Messages between the page and the compute worker. Everything that crosses is plain data
 * (numbers, strings, arrays); tensors never leave the worker.
 *
 * Every message about a job carries its `jobId`; the page drops messages of a job it no longer
 * waits for (a newer job or a cancelled one).
 */

/** The tfjs backends the worker can run on, in the order it tries them. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKEND_ORDER as readonly string[]).includes(name);
}

/** Overrides of the default experiment that the page may pass (from its URL). */
export interface ExperimentOverrides {
  steps?: number;
}

// ---------------------------------------------------------------- page → worker

export type ToWorker =
  | {
      type: 'run';
      jobId: number;
      /**
       * Backend the page asks for (`?backend=` in its URL), or null to choose automatically.
       * Only the first job's choice counts: the backend is chosen once per worker.
       */
      backend: string | null;
      overrides: ExperimentOverrides;
    }
  | { type: 'cancel'; jobId: number };

// ---------------------------------------------------------------- worker → page

/** A backend that was tried and not used, and why. */
export interface Fallback {
  name: string;
  reason: string;
}

export type FromWorker =
  | {
      type: 'backend';
      /** The backend every job of this worker runs on. */
      name: BackendName;
      /** Backends tried before it, in order, with the reason each was passed over. */
      fallbacks: Fallback[];
      /** Milliseconds spent choosing and checking the backend. */
      probeMs: number;
    }
  | {
      type: 'start';
      jobId: number;
      /** Display name of each run [K]. */
      names: string[];
      /** CSS colour of each run [K]. */
      colors: string[];
      /** Number of updates the job will take. */
      steps: number;
      /** One line describing the model and data, e.g. "MLP 2-16-16-1 (tanh), 337 parameters". */
      model: string;
      data: string;
      /** What the loss is, e.g. "binary cross-entropy". */
      loss: string;
    }
  | {
      type: 'snapshot';
      jobId: number;
      step: number;
      /** Full-batch training loss per run [K]. */
      trainLoss: number[];
      /** Test loss per run [K]. */
      testLoss: number[];
      /** Per run: the update at which it diverged (1-based), or −1 [K]. */
      divergedAt: number[];
      /** Test accuracy per run [K] (classification only). */
      testAccuracy?: number[];
    }
  | {
      type: 'done';
      jobId: number;
      names: string[];
      /** Milliseconds of training (after the backend was chosen). */
      trainMs: number;
    }
  | { type: 'error'; jobId: number | null; message: string };
