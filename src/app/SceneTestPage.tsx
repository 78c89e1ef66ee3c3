/**
 * DEVELOPER TEST FIXTURE, served at `?scene-test=1`: the landscape views fed with data computed
 * in this page, because the engine does not produce landscapes yet. The surface is Himmelblau's
 * function f(x, y) = (x² + y − 11)² + (x + y² − 7)² on a 51 × 51 grid over [−5, 5]²; the two
 * paths are gradient descent and heavy-ball momentum on f, in plain JS. The momentum path gets
 * a SYNTHETIC off-plane excursion (its "true" loss lifted above the surface) so that the off-plane
 * hint is exercised; nothing here is a real network.
 *
 * When the first frame with the landscape is drawn, the page sets
 * `document.body.dataset.sceneReady = 'true'`, dispatches `lle:scene-ready` and exposes
 * `window.__lleSceneTest` (GPU object counts, a pixel read-back, drivers for updates) for the
 * end-to-end test in tests/e2e/scene.test.ts.
 */
import type { RootState } from '@react-three/fiber';
import { pixelStats } from '../scene/pixels';
import { useMemo, useRef } from 'react';
import { Vector3 } from 'three';
import { aToX, bToZ, createHeightTransform, gridFrame, sampleGrid } from '../scene/geometry';
import type { HeightOptions, LandscapeView, TrajectoryView, ViewMode } from '../state/view-types';
import { StoreProvider, createAppStore, type AppStore } from '../state/store';
import { LandscapePanel } from '../ui/LandscapePanel';

/** What the fixture exposes on `window.__lleSceneTest`. */
export interface SceneTestHandle {
  /** three.js GPU objects and draw statistics of the 3-D renderer. */
  info(): {
    geometries: number;
    textures: number;
    programs: number;
    frame: number;
    calls: number;
    triangles: number;
  };
  /** Renders the scene now and reads the drawing buffer back. */
  pixels(): {
    width: number;
    height: number;
    distinct: number;
    nonBackground: number;
    /** Pixels within ±8 per channel of each run's colour. */
    runs: Record<string, number>;
  };
  /** Client (page) coordinates of the surface point above (a, b), with the value there. */
  screenOf(a: number, b: number): { x: number; y: number; value: number };
  /** Segments drawn by each trajectory's path in the 3-D scene. */
  drawnSegments(): Record<string, number>;
  /** Sets every trajectory's length to round(total · step / of) (≥ 1) and touches the store. */
  grow(step: number, of: number): void;
  /**
   * Hands every run grown copies of its arrays (twice the capacity, same points) in a new list, as
   * live training does when a path outgrows its buffers, and touches the store.
   */
  regrow(): void;
  /** The ids (three.js uuids) of the runs' 3-D objects, in run order. */
  trajectoryObjects(): string[];
  setScale(scale: HeightOptions['scale']): void;
  setViewMode(mode: ViewMode): void;
  /** Resolves after the next two animation frames (a demand render has happened by then). */
  nextFrame(): Promise<void>;
  /** Points per trajectory in the fixture. */
  total: number;
}

declare global {
  interface Window {
    __lleSceneTest?: SceneTestHandle;
  }
}

const N = 51;
const RANGE = 5;
const STEPS = 120;

const himmelblau = (x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;
const himmelblauGrad = (x: number, y: number): [number, number] => [
  4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
  2 * (x * x + y - 11) + 4 * y * (x + y * y - 7),
];

function himmelblauView(): LandscapeView {
  const a = new Float32Array(N);
  for (let i = 0; i < N; i++) a[i] = -RANGE + (2 * RANGE * i) / (N - 1);
  const b = a.slice();
  const values = new Float32Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) values[j * N + i] = himmelblau(a[i]!, b[j]!);
  return {
    n: N,
    a,
    b,
    values,
    metric: 'trainLoss',
    axisLabels: ['x (Himmelblau)', 'y (Himmelblau)'],
  };
}

/** Gradient descent with heavy-ball momentum β on Himmelblau, recorded every step. */
function descend(
  name: string,
  color: string,
  start: [number, number],
  lr: number,
  beta: number,
  excursion: number,
): TrajectoryView {
  const capacity = 256; // preallocated longer than used, as a live run would
  const t: TrajectoryView = {
    name,
    color,
    a: new Float32Array(capacity),
    b: new Float32Array(capacity),
    trueLoss: new Float32Array(capacity),
    planeLoss: new Float32Array(capacity),
    offPlane: new Float32Array(capacity),
    length: STEPS + 1,
    diverged: false,
  };
  let [x, y] = start;
  let vx = 0;
  let vy = 0;
  for (let k = 0; k <= STEPS; k++) {
    const f = himmelblau(x, y);
    // Synthetic: a bump of relative off-plane distance in the first half of the run.
    const off = excursion * Math.sin(Math.PI * Math.min(1, k / (STEPS / 2))) ** 2;
    t.a[k] = x;
    t.b[k] = y;
    t.planeLoss[k] = f;
    t.offPlane[k] = off;
    t.trueLoss[k] = f * (1 + 3 * off) + 60 * off;
    const [gx, gy] = himmelblauGrad(x, y);
    vx = beta * vx + gx;
    vy = beta * vy + gy;
    x -= lr * vx;
    y -= lr * vy;
  }
  return t;
}

function makeStore(): AppStore {
  return createAppStore({
    landscape: himmelblauView(),
    trajectories: [
      // Two starts either side of the central ridge: each run finds a different minimum, and
      // momentum overshoots its valley and swings back.
      descend('Gradient descent', '#4e79a7', [0.3, 0.3], 0.002, 0, 0),
      descend('Momentum (synthetic off-plane)', '#f28e2b', [-0.3, 0.3], 0.0015, 0.9, 0.3),
    ],
    // Linear heights show Himmelblau's four bowls best in 3-D (log turns each minimum into a funnel).
    height: { scale: 'linear', clip: 0.95 },
  });
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );
}

export default function SceneTestPage() {
  const store = useMemo(makeStore, []);
  const r3f = useRef<RootState | null>(null);

  const onFirstFrame = (state: RootState) => {
    r3f.current = state;
    const handle: SceneTestHandle = {
      total: STEPS + 1,
      info() {
        const gl = r3f.current!.gl;
        return {
          geometries: gl.info.memory.geometries,
          textures: gl.info.memory.textures,
          programs: gl.info.programs?.length ?? 0,
          frame: gl.info.render.frame,
          calls: gl.info.render.calls,
          triangles: gl.info.render.triangles,
        };
      },
      pixels() {
        return pixelStats(r3f.current!, store.getState().trajectories);
      },
      screenOf(a, b) {
        const { camera, gl } = r3f.current!;
        const { landscape, height } = store.getState();
        const frame = gridFrame(landscape!);
        const value = sampleGrid(landscape!, a, b);
        const t = createHeightTransform(landscape!.values, height).toHeight(value);
        const v = new Vector3(aToX(frame, a), frame.height * t, bToZ(frame, b)).project(camera);
        const rect = gl.domElement.getBoundingClientRect();
        return {
          x: rect.left + ((v.x + 1) / 2) * rect.width,
          y: rect.top + ((1 - v.y) / 2) * rect.height,
          value,
        };
      },
      drawnSegments() {
        const out: Record<string, number> = {};
        r3f.current!.scene.traverse((o) => {
          if (o.name.startsWith('path:')) {
            out[o.name.slice(5)] = (
              o as unknown as { geometry: { instanceCount: number } }
            ).geometry.instanceCount;
          }
        });
        return out;
      },
      grow(step, of) {
        const s = store.getState();
        for (const t of s.trajectories)
          t.length = Math.max(1, Math.round(((STEPS + 1) * step) / of));
        s.touch('trajectories');
      },
      regrow() {
        const grown = (v: Float32Array) => {
          const out = new Float32Array(2 * v.length);
          out.set(v);
          return out;
        };
        store.setState((s) => ({
          trajectories: s.trajectories.map((t) => ({
            ...t,
            a: grown(t.a),
            b: grown(t.b),
            trueLoss: grown(t.trueLoss),
            planeLoss: grown(t.planeLoss),
            offPlane: grown(t.offPlane),
          })),
        }));
        store.getState().touch('trajectories');
      },
      trajectoryObjects() {
        const out: string[] = [];
        r3f.current!.scene.traverse((o) => {
          if (o.name.startsWith('trajectory:')) out.push(o.uuid);
        });
        return out;
      },
      setScale(scale) {
        store.getState().setHeightOptions({ scale });
      },
      setViewMode(mode) {
        store.getState().setViewMode(mode);
      },
      nextFrame,
    };
    window.__lleSceneTest = handle;
    document.body.dataset.sceneReady = 'true';
    window.dispatchEvent(new CustomEvent('lle:scene-ready'));
  };

  return (
    <div className="page page-wide lle-explorer">
      <header className="header">
        <p className="fixture-banner" role="note">
          Developer test fixture (<code>?scene-test=1</code>): analytic data computed in this page,
          not a trained network.
        </p>
        <h1>Landscape view — test fixture</h1>
        <p className="subtitle">
          Himmelblau&rsquo;s function on a 51 × 51 grid over [−5, 5]², with gradient descent and
          heavy-ball momentum from two nearby starting points on either side of the central ridge.
          The momentum path carries a synthetic off-plane excursion so that the drop lines to the
          plane can be seen.
        </p>
      </header>
      <section className="card">
        <StoreProvider store={store}>
          <LandscapePanel
            onFirstFrame={onFirstFrame}
            onCreated={(state) => {
              r3f.current = state;
            }}
          />
        </StoreProvider>
      </section>
    </div>
  );
}
