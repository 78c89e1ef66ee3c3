/** What the worker reports about the tfjs backend it chose (types only). */

/** A backend that was tried and not used, and why. */
export interface Fallback {
  name: string;
  reason: string;
}

/** The backend in use, those passed over, and how long choosing took. */
export interface BackendStatus {
  name: string;
  fallbacks: Fallback[];
  probeMs: number;
}
