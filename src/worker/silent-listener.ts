/**
 * A session listener that ignores every frame, with `overrides` for the frames a test records:
 * tests add a listener method in one place when the protocol gains one.
 */
import type { SessionListener } from '../protocol/frames';

export function silentListener(overrides: Partial<SessionListener> = {}): SessionListener {
  const ignore = () => undefined;
  return {
    session: ignore,
    snapshot: ignore,
    landscapeFailed: ignore,
    curvature: ignore,
    minima: ignore,
    connect: ignore,
    badMinima: ignore,
    implicitBias: ignore,
    ensemble: ignore,
    noise: ignore,
    digitsView: ignore,
    landscape: ignore,
    progress: ignore,
    status: ignore,
    error: ignore,
    ...overrides,
  };
}
