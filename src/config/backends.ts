/**
 * The tfjs backends a user may ask for (`?backend=`), in the order the worker tries them. A user
 * choice, so it lives with the config; the worker's report about them is typed in protocol/.
 */

/** The tfjs backends the worker can run on, in the order it tries them. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKEND_ORDER as readonly string[]).includes(name);
}
