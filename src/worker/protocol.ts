/**
 * Names shared by the page and the compute worker about backends. (The session's calls and frames
 * are typed in ./session.ts and travel through Comlink, see ./session.worker.ts.)
 */

/** The tfjs backends the worker can run on, in the order it tries them. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKEND_ORDER as readonly string[]).includes(name);
}

/** A backend that was tried and not used, and why. */
export interface Fallback {
  name: string;
  reason: string;
}
