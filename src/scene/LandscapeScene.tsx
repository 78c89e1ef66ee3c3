/**
 * The 3-D loss landscape: the surface (height and a perceptual colour map, smooth shading),
 * contour lines lifted onto it, the trajectories at their TRUE loss with a marker at the current
 * step and drop lines to the plane where they leave it, labelled axes, orbit / zoom / pan with a
 * reset button, a hover readout of (a, b, value) and a legend of runs.
 *
 * Reads the store of the nearest `StoreProvider`. Renders on demand (`frameloop="demand"`): a
 * frame is drawn only after the camera moves or the data changes (`invalidate()`). GPU buffers are
 * preallocated and updated in place (`needsUpdate`, `instanceCount`); trajectory updates arrive
 * through `store.subscribe`, outside React renders. Everything created here is disposed on unmount.
 */
import { HoverValues } from './HoverValues';
import { ContextLostMessage, ContextWatch, useContextState, useFramePacer } from './gl-lifecycle';
import { isSoftwareWebGL } from './renderer';
import { AdaptiveDpr, maxDrawingScale } from './adaptive-dpr';
import { FrameEvents } from './frame-events';
import { OrbitControls } from '@react-three/drei';
import { Canvas, useThree, type RootState, type ThreeEvent } from '@react-three/fiber';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentRef,
  type MutableRefObject,
} from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  DoubleSide,
  Group,
  LineBasicMaterial,
  LineSegments,
  MeshLambertMaterial,
  SphereGeometry,
  TOUCH,
  Vector3,
} from 'three';
import { useAppStore, useStoreApi } from '../state/store';
import type { TrajectoryView } from '../state/view-types';
import {
  aToX,
  bToZ,
  formatTickValues,
  formatValue,
  heightTicks,
  niceTicks,
  surfaceIndices,
  surfacePositions,
  worldToGrid,
} from './geometry';
import { colormapLut, surfaceColors, type ColormapName } from './colormap';
import { isolinePositions, isolines } from './contours';
import { Legend } from './Legend';
import { useLandscapeModel, type LandscapeModel } from './model';
import { TrajectoryObject } from './trajectoryObject';
import { LECTURE_LINE_SCALE, runDisplayColor } from './lecture-style';
import { METRIC_LABELS } from './labels';
import { OvershootLayer } from './OvershootLayer';
import { OvershootPanel } from './OvershootPanel';
import './scene.css';

/**
 * Default camera: in front of the a axis, 24° to the right, looking down 50° (steep enough to see
 * into valleys, where the paths end), 5 away from a point a little above the base's centre.
 */
export const DEFAULT_TARGET: [number, number, number] = [0, 0.12, 0.02];
export const DEFAULT_CAMERA_POSITION: [number, number, number] = cameraAt(24, 50, 5);

function cameraAt(azimuthDeg: number, elevationDeg: number, distance: number) {
  const az = (azimuthDeg * Math.PI) / 180;
  const el = (elevationDeg * Math.PI) / 180;
  return [
    DEFAULT_TARGET[0] + distance * Math.cos(el) * Math.sin(az),
    DEFAULT_TARGET[1] + distance * Math.sin(el),
    DEFAULT_TARGET[2] + distance * Math.cos(el) * Math.cos(az),
  ] as [number, number, number];
}

/**
 * Lights. Since three r155 a light of intensity 1 lights a white face at 1/π, hence the π: faces
 * turned up come out at about 1.0 × their colour-map colour, slopes away from the light darker.
 */
const HEMI_INTENSITY = 0.62 * Math.PI;
const SUN_INTENSITY = 0.5 * Math.PI;

/** Contour lines: dark, half transparent, a hair above the faces. */
const CONTOUR_COLOR = '#10131a';
const CONTOUR_OPACITY = 0.42;
const CONTOUR_LIFT = 0.004;
const AXIS_COLOR = '#3a4150';

/** What a hover over the surface reports: the plane point (the readout looks its value up). */
export interface HoverInfo {
  a: number;
  b: number;
}

export interface LandscapeSceneProps {
  /**
   * CSS height of the drawing (default 600 px; '100%' fills a sized container); the width
   * follows the container.
   */
  height?: number | string;
  colormap?: ColormapName;
  /** Called once, after the first frame drawn with a landscape. */
  onFirstFrame?: (state: RootState) => void;
  /** Called with r3f's state when the canvas is created (renderer, scene, camera). */
  onCreated?: (state: RootState) => void;
  /**
   * False while the view is hidden (the other view is on screen): it then draws no frames and
   * leaves its trajectory buffers alone (frameloop 'never'); shown again, it catches up and draws.
   */
  active?: boolean;
}

export function LandscapeScene({
  height = 600,
  colormap = 'viridis',
  onFirstFrame,
  onCreated,
  active = true,
}: LandscapeSceneProps) {
  const resetView = useRef<(() => void) | null>(null);
  const setHover = useRef<((h: HoverInfo | null) => void) | null>(null);
  const model = useLandscapeModel();
  const scale = useAppStore((s) => s.height.scale);
  const labels = useMemo(() => (model ? axisLabels(model) : []), [model]);
  const labelNodes = useRef(new Map<string, HTMLDivElement>());
  const { context, canvasKey, onContext, recreate } = useContextState();
  // Drawing-buffer scale, lowered while frames cost more than their budget (./adaptive-dpr.tsx).
  const [dpr, setDpr] = useState(maxDrawingScale);
  // Frames drawn, and when each is shown (later than drawn on a software GPU: ./deferred-present.ts).
  const frames = useMemo(() => new FrameEvents(), []);
  return (
    <div
      className="landscape-scene"
      data-testid="landscape-scene"
      data-context={context}
      style={{ height }}
    >
      <Canvas
        key={canvasKey}
        frameloop={active ? 'demand' : 'never'}
        flat
        dpr={dpr}
        camera={{ position: DEFAULT_CAMERA_POSITION, fov: 36, near: 0.05, far: 60 }}
        gl={{ antialias: !isSoftwareWebGL() }}
        onCreated={onCreated}
      >
        <SceneContents
          model={model}
          colormap={colormap}
          resetView={resetView}
          setHover={setHover}
          onFirstFrame={onFirstFrame}
          frames={frames}
        />
        <LabelProjector labels={labels} nodes={labelNodes} frames={frames} />
        <ContextWatch onChange={onContext} />
        <AdaptiveDpr onScale={setDpr} frames={frames} />
        <DrawWhenShown />
      </Canvas>
      <ContextLostMessage context={context} recreate={recreate} />
      <div className="axis-labels" aria-hidden="true">
        {labels.map((l) => (
          <div
            key={l.key}
            className={`axis-text ${l.kind}`}
            ref={(el) => {
              if (el) labelNodes.current.set(l.key, el);
              else labelNodes.current.delete(l.key);
            }}
          >
            {l.text}
          </div>
        ))}
      </div>
      <Legend className="scene-legend" />
      {model && <AxisKey model={model} scale={scale} />}
      <HoverReadout register={setHover} />
      <OvershootPanel />
      <button
        type="button"
        className="scene-button scene-reset"
        data-testid="reset-view"
        onClick={() => resetView.current?.()}
        title="Back to the default camera"
      >
        Reset view
      </button>
      <p className="scene-hint">
        Drag or one finger: orbit · scroll or pinch: zoom · right-drag or two fingers: pan
      </p>
    </div>
  );
}

interface ContentsProps {
  model: LandscapeModel | null;
  colormap: ColormapName;
  resetView: MutableRefObject<(() => void) | null>;
  setHover: MutableRefObject<((h: HoverInfo | null) => void) | null>;
  onFirstFrame?: (state: RootState) => void;
  frames: FrameEvents;
}

function SceneContents({
  model,
  colormap,
  resetView,
  setHover,
  onFirstFrame,
  frames,
}: ContentsProps) {
  // Surfaces: the selected run's step with its Taylor model (mounted only while it is on).
  const overshoot = useAppStore((s) => s.overshoot);
  return (
    <>
      <color attach="background" args={['#ffffff']} />
      <hemisphereLight args={['#ffffff', '#8a8f99', HEMI_INTENSITY]} />
      <directionalLight position={[1.2, 3, 2]} intensity={SUN_INTENSITY} />
      <OrbitControls
        makeDefault
        target={DEFAULT_TARGET}
        enableDamping={false}
        // Fingers: one orbits, two zoom (pinch) and pan; the canvas has touch-action: none.
        touches={{ ONE: TOUCH.ROTATE, TWO: TOUCH.DOLLY_PAN }}
        minDistance={1.2}
        maxDistance={12}
      />
      <CameraRig resetView={resetView} />
      <FitToAspect />
      {model && (
        <>
          <Surface model={model} colormap={colormap} setHover={setHover} />
          <Contours model={model} />
          <Trajectories model={model} />
          {overshoot && <OvershootLayer model={model} />}
          <AxisLines model={model} />
        </>
      )}
      <FrameSignal ready={model !== null} onFirstFrame={onFirstFrame} frames={frames} />
    </>
  );
}

/** Registers the reset-view action (camera and orbit target back to their defaults). */
function CameraRig({ resetView }: { resetView: MutableRefObject<(() => void) | null> }) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as ComponentRef<typeof OrbitControls> | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    resetView.current = () => {
      camera.position.set(...DEFAULT_CAMERA_POSITION);
      controls?.target.set(...DEFAULT_TARGET);
      controls?.update();
      camera.lookAt(...DEFAULT_TARGET);
      invalidate();
    };
    return () => {
      resetView.current = null;
    };
  }, [camera, controls, invalidate, resetView]);
  return null;
}

/**
 * Below this width-to-height ratio the default view would cut the surface's sides (a phone, a
 * narrow column): the camera zooms out (`zoom` < 1) so the whole box and its ticks stay in view.
 */
const FULL_VIEW_ASPECT = 1.35;

/** Keeps the surface's sides in view on narrow drawings (see `FULL_VIEW_ASPECT`). */
function FitToAspect() {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  useLayoutEffect(() => {
    if (!('isPerspectiveCamera' in camera) || size.height <= 0) return;
    camera.zoom = Math.min(1, size.width / size.height / FULL_VIEW_ASPECT);
    camera.updateProjectionMatrix();
    invalidate();
  }, [camera, size, invalidate]);
  return null;
}

/** Whether the canvas draws (its frameloop is not 'never', i.e. the view is on screen). */
const useShown = () => useThree((s) => s.frameloop !== 'never');

/** Asks for a frame when the view is shown again (what changed while hidden was not drawn). */
function DrawWhenShown() {
  const shown = useShown();
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (shown) invalidate();
  }, [shown, invalidate]);
  return null;
}

/** Calls `onFirstFrame` after the first frame that shows a landscape is on the canvas. */
function FrameSignal({
  ready,
  onFirstFrame,
  frames,
}: {
  ready: boolean;
  onFirstFrame?: (state: RootState) => void;
  frames: FrameEvents;
}) {
  const fired = useRef(false);
  const get = useThree((s) => s.get);
  useLayoutEffect(
    () =>
      frames.onDrawn(() => {
        if (fired.current || !ready || !onFirstFrame) return;
        fired.current = true;
        const state = get();
        // Shown: the canvas has the frame; the page has it after the next animation frame.
        return () => requestAnimationFrame(() => onFirstFrame(state));
      }),
    [frames, ready, onFirstFrame, get],
  );
  return null;
}

// ---------------------------------------------------------------- surface

function Surface({
  model,
  colormap,
  setHover,
}: {
  model: LandscapeModel;
  colormap: ColormapName;
  setHover: MutableRefObject<((h: HoverInfo | null) => void) | null>;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const n = model.view.n;
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(n * n * 3), 3));
    g.setAttribute('color', new BufferAttribute(new Float32Array(n * n * 3), 3));
    g.setIndex(new BufferAttribute(surfaceIndices(n), 1));
    return g;
  }, [n]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const material = useMemo(
    () =>
      new MeshLambertMaterial({
        vertexColors: true,
        side: DoubleSide,
        // Push the faces back a little so contour lines and paths on them win the depth test.
        polygonOffset: true,
        polygonOffsetFactor: 1,
        polygonOffsetUnits: 1,
      }),
    [],
  );
  useEffect(() => () => material.dispose(), [material]);

  useLayoutEffect(() => {
    const position = geometry.getAttribute('position') as BufferAttribute;
    const color = geometry.getAttribute('color') as BufferAttribute;
    surfacePositions(model.view, model.heights.t, model.frame, position.array as Float32Array);
    surfaceColors(model.heights, lut, true, color.array as Float32Array);
    position.needsUpdate = true;
    color.needsUpdate = true;
    geometry.computeVertexNormals(); // reuses the normal attribute after the first call
    geometry.computeBoundingSphere(); // for raycasting
    geometry.computeBoundingBox();
    invalidate();
  }, [geometry, model, lut, invalidate]);

  const onMove = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const { a, b } = worldToGrid(model.frame, e.point.x, e.point.z);
    setHover.current?.({ a, b });
  };
  return (
    <mesh
      name="surface"
      geometry={geometry}
      material={material}
      onPointerMove={onMove}
      onPointerOut={() => setHover.current?.(null)}
    />
  );
}

// ---------------------------------------------------------------- contours

function Contours({ model }: { model: LandscapeModel }) {
  const invalidate = useThree((s) => s.invalidate);
  const lines = useMemo(() => {
    const material = new LineBasicMaterial({
      color: CONTOUR_COLOR,
      transparent: true,
      opacity: CONTOUR_OPACITY,
      depthWrite: false,
    });
    const object = new LineSegments(new BufferGeometry(), material);
    object.name = 'contours';
    object.frustumCulled = false;
    object.renderOrder = 1;
    return { object, material, capacity: 0 };
  }, []);
  useEffect(
    () => () => {
      lines.object.geometry.dispose();
      lines.material.dispose();
    },
    [lines],
  );

  useLayoutEffect(() => {
    const iso = isolines(model.heights.t, model.view.n, model.levels);
    const need = iso.count * 2; // vertices
    if (need > lines.capacity) {
      // Grow (rarely: to the next power of two), disposing the old buffers.
      let capacity = Math.max(1024, lines.capacity);
      while (capacity < need) capacity *= 2;
      lines.object.geometry.dispose();
      const g = new BufferGeometry();
      g.setAttribute('position', new BufferAttribute(new Float32Array(capacity * 3), 3));
      lines.object.geometry = g;
      lines.capacity = capacity;
    }
    const position = lines.object.geometry.getAttribute('position') as BufferAttribute;
    isolinePositions(
      model.view,
      iso,
      model.frame,
      CONTOUR_LIFT * model.frame.height,
      position.array as Float32Array,
    );
    position.needsUpdate = true;
    lines.object.geometry.setDrawRange(0, need);
    invalidate();
  }, [model, lines, invalidate]);

  return <primitive object={lines.object} />;
}

// ---------------------------------------------------------------- trajectories

function Trajectories({ model }: { model: LandscapeModel }) {
  const store = useStoreApi();
  const trajectories = useAppStore((s) => s.trajectories);
  const sphere = useMemo(() => new SphereGeometry(1, 24, 16), []);
  useEffect(() => () => sphere.dispose(), [sphere]);
  const group = useMemo(() => new Group(), []);
  // Made again only when the runs change: a run whose arrays grew (a new list with the same runs)
  // keeps its objects, which are handed the new arrays as they draw. Remaking them would dispose
  // their materials, and three.js would link their shader programs again on the next frame: a
  // main-thread wait of 5–30 ms per program on a software GPU (issue 14).
  const runs = runsKey(trajectories);
  const objects = useMemo(
    () => trajectories.map((t) => new TrajectoryObject(t, sphere)),
    [runs, sphere], // `runs` stands for `trajectories`
  );
  const requestFrame = useFramePacer();
  // Attached before the browser's next frame (a layout effect), and a frame asked for: attached in
  // a passive effect, which React may run after a frame drawn without them, the new paths stayed
  // off the picture until something else asked for a frame (seen after a lesson switch).
  useLayoutEffect(() => {
    group.add(...objects.map((o) => o.group));
    requestFrame();
    return () => objects.forEach((o) => o.dispose());
  }, [group, objects, requestFrame]);
  // Lecture mode: Okabe–Ito colours and thicker lines (a new frame, nothing reallocated).
  const lecture = useAppStore((s) => s.lecture);
  useLayoutEffect(() => {
    objects.forEach((o, k) =>
      o.setStyle(runDisplayColor(o.trajectory.color, k, lecture), lecture ? LECTURE_LINE_SCALE : 1),
    );
    requestFrame();
  }, [objects, lecture, requestFrame]);
  // Draw from the arrays now, and again whenever they are touched or the scrub point moves; while
  // the view is hidden not at all (it draws from the arrays when shown again).
  const shown = useShown();
  useLayoutEffect(() => {
    if (!shown) return;
    const draw = (scrub: number | null) => {
      const list = store.getState().trajectories;
      if (list.length === objects.length && runsKey(list) === runs)
        objects.forEach((o, k) => (o.trajectory = list[k]!));
      for (const o of objects) o.update(model.frame, model.transform, scrub);
      requestFrame();
    };
    draw(store.getState().scrub);
    return store.subscribe((s, prev) => {
      if (s.trajectoryVersion !== prev.trajectoryVersion || s.scrub !== prev.scrub) draw(s.scrub);
    });
  }, [store, objects, runs, model, requestFrame, shown]);

  return <primitive object={group} />;
}

/** The runs a list of paths draws (names and colours): the identity of their 3-D objects. */
function runsKey(list: readonly TrajectoryView[]): string {
  return list.map((t) => `${t.name}\u0000${t.color}`).join('\u0001');
}

// ---------------------------------------------------------------- axes

/** A text label pinned to a world position (drawn as HTML over the canvas). */
interface AxisLabel {
  key: string;
  text: string;
  /** Which axis's tick: coloured like that axis's name in the axis key. */
  kind: 'tick a' | 'tick b' | 'tick value';
  position: [number, number, number];
  /** Which point of the text sits on the position (default: its centre). */
  align?: 'center' | 'left';
}

/**
 * Tick labels of the three axes: a along the front edge, b along the right, value up the
 * front-left corner. The axes' names are in the fixed axis key (`AxisKey`), never on the drawing,
 * so no camera pose puts a title over the surface.
 */
function axisLabels(model: LandscapeModel): AxisLabel[] {
  const { frame, transform } = model;
  const h = frame.height;
  const out: AxisLabel[] = [];
  for (const a of niceTicks(frame.aMin, frame.aMax, 4)) {
    out.push({
      key: `a${a}`,
      text: formatValue(a),
      kind: 'tick a',
      position: [aToX(frame, a), 0, 1.19],
    });
  }
  for (const b of niceTicks(frame.bMin, frame.bMax, 4)) {
    out.push({
      key: `b${b}`,
      text: formatValue(b),
      kind: 'tick b',
      position: [1.17, 0, bToZ(frame, b)],
    });
  }
  const ticks = heightTicks(transform, 4);
  const labels = formatTickValues(ticks.map(({ value }) => value));
  ticks.forEach(({ t }, k) => {
    out.push({
      key: `y${k}`,
      text: labels[k]!,
      kind: 'tick value',
      position: [-1.2, h * t, 1.03],
    });
  });
  return out;
}

/**
 * Moves the HTML labels to the screen positions of their world points for every frame drawn (so
 * they follow the camera; with frameloop="demand" that is only when something changed), when that
 * frame is shown: labels and picture move together.
 */
function LabelProjector({
  labels,
  nodes,
  frames,
}: {
  labels: AxisLabel[];
  nodes: MutableRefObject<Map<string, HTMLDivElement>>;
  frames: FrameEvents;
}) {
  const v = useMemo(() => new Vector3(), []);
  const invalidate = useThree((s) => s.invalidate);
  const get = useThree((s) => s.get);
  useLayoutEffect(() => invalidate(), [labels, invalidate]);
  useLayoutEffect(
    () =>
      frames.onDrawn(() => {
        const { camera, size } = get();
        const placed = labels.map((l) => {
          v.set(...l.position).project(camera);
          const hidden = v.z > 1 || v.z < -1;
          const x = ((v.x + 1) / 2) * size.width;
          const y = ((1 - v.y) / 2) * size.height;
          const anchor = l.align === 'left' ? '0' : '-50%';
          return {
            key: l.key,
            visibility: hidden ? 'hidden' : 'visible',
            transform: `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(${anchor}, -50%)`,
          };
        });
        return () => {
          for (const p of placed) {
            const el = nodes.current.get(p.key);
            if (!el) continue;
            el.style.visibility = p.visibility;
            el.style.transform = p.transform;
          }
        };
      }),
    [frames, labels, nodes, v, get],
  );
  return null;
}

/** The base square, the vertical value axis and tick marks, as one LineSegments. */
function AxisLines({ model }: { model: LandscapeModel }) {
  const object = useMemo(() => {
    const { frame, transform } = model;
    const h = frame.height;
    const tick = 0.05;
    const p: number[] = [];
    p.push(-1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, -1, 1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0, 1);
    p.push(-1, 0, 1, -1, h, 1);
    for (const a of niceTicks(frame.aMin, frame.aMax, 4)) {
      p.push(aToX(frame, a), 0, 1, aToX(frame, a), 0, 1 + tick);
    }
    for (const b of niceTicks(frame.bMin, frame.bMax, 4)) {
      p.push(1, 0, bToZ(frame, b), 1 + tick, 0, bToZ(frame, b));
    }
    for (const { t } of heightTicks(transform, 4)) p.push(-1, h * t, 1, -1 - tick, h * t, 1);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(Float32Array.from(p), 3));
    const line = new LineSegments(g, new LineBasicMaterial({ color: AXIS_COLOR }));
    line.name = 'axes';
    return line;
  }, [model]);
  useEffect(
    () => () => {
      object.geometry.dispose();
      (object.material as LineBasicMaterial).dispose();
    },
    [object],
  );
  return <primitive object={object} />;
}

// ---------------------------------------------------------------- overlays

/** The names of the axes, in a fixed box at the bottom left of the view (see `axisLabels`). */
function AxisKey({ model, scale }: { model: LandscapeModel; scale: 'linear' | 'log' }) {
  const { view } = model;
  const rows: [kind: string, name: string, text: string][] = [
    ['a', 'a', view.axisLabels[0]],
    ['b', 'b', view.axisLabels[1]],
    ['value', 'height', `${METRIC_LABELS[view.metric]}${scale === 'log' ? ' (log scale)' : ''}`],
  ];
  return (
    <ul className="axis-key" data-testid="axis-key" aria-label="Axes">
      {rows.map(([kind, name, text]) => (
        <li key={kind} className="axis-text key-row">
          <span className={`axis-name ${kind}`}>{name}:</span> {text}
        </li>
      ))}
    </ul>
  );
}

function HoverReadout({
  register,
}: {
  register: MutableRefObject<((h: HoverInfo | null) => void) | null>;
}) {
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const labels = useAppStore((s) => s.landscape?.axisLabels);
  useEffect(() => {
    register.current = setHover;
    return () => {
      register.current = null;
    };
  }, [register]);
  return (
    <div className="scene-readout" data-testid="scene-readout" aria-live="off">
      {hover ? (
        <HoverValues a={hover.a} b={hover.b} />
      ) : (
        <span className="muted">
          {labels ? 'Point at the surface to read (a, b, value)' : 'No landscape yet'}
        </span>
      )}
    </div>
  );
}
