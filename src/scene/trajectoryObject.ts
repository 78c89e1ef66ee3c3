/**
 * The three.js objects of one trajectory, with preallocated buffers updated in place:
 *
 * - the path at its TRUE loss height, as fat lines (three's `LineSegments2`, so the width is in
 *   CSS pixels and survives a projector): a light outline, the run's colour on top, and a faint
 *   "ghost" copy drawn without depth test, so stretches that dip under the surface or behind a hill
 *   stay traceable;
 * - dashed vertical drop lines from the path down (or up) to the plane's surface at that point, for
 *   a sparse subset of points and the current one, whose colour fades to white where the path is
 *   close to the plane: their length is |true loss − plane loss| on the height scale, their
 *   strength the relative off-plane distance;
 * - a marker sphere (with an outline shell) at the current point, drawn over everything (no depth
 *   test), so a run whose point lies in a valley or behind a ridge is still seen in its colour.
 *
 * One `LineSegmentsGeometry` holds the path (at most `MAX_DRAWN_POINTS` − 1 segments: longer runs
 * are thinned); updates write into its array, flag the written range for upload and set
 * `instanceCount`. The geometry is rebuilt (and the old one disposed) only while a short
 * trajectory outgrows its capacity. The world positions of the run's points are kept between
 * updates: a run that grew by m points costs O(m + MAX_DRAWN_POINTS), not O(length), as long as the
 * frame and height transform are the same objects and the points already seen are unchanged
 * (producers append; anything else is recomputed in full). `dispose()` frees every GPU object it
 * made.
 */
import {
  BackSide,
  Color,
  Group,
  InstancedInterleavedBuffer,
  InterleavedBufferAttribute,
  Mesh,
  MeshBasicMaterial,
  type SphereGeometry,
} from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import {
  currentIndex,
  pathIndices,
  polylineToSegments,
  trajectoryPositions,
  type GridFrame,
  type HeightTransform,
} from './geometry';
import { opaqueColor } from './colormap';
import { OUTLINE_COLOR } from './labels';
import type { TrajectoryView } from '../state/view-types';

/** Line widths in CSS pixels. */
export const PATH_WIDTH = 4;
export const OUTLINE_WIDTH = 8;
export const DROP_WIDTH = 2.5;
/** Marker sphere radius in world units (the base square is 2 wide). */
export const MARKER_RADIUS = 0.04;
/** Drop lines are drawn for points whose relative off-plane distance exceeds this. */
export const OFF_PLANE_MIN = 0.02;
/** At most this many points of a path are drawn (older ones thinned, see `pathIndices`). */
export const MAX_DRAWN_POINTS = 600;
/** At most this many drop lines per path (plus the current point's). */
export const MAX_DROPS = 14;
/** Height above the true-loss point at which a path is drawn, so it does not sink into the faces. */
const PATH_LIFT = 0.012;

/** A fat-line segment geometry with capacity for `segments` segments and optional colours / distances. */
function segmentGeometry(segments: number, colors: boolean, distances: boolean) {
  const geometry = new LineSegmentsGeometry();
  const positions = new Float32Array(Math.max(1, segments) * 6);
  geometry.setPositions(positions);
  const positionBuffer = (geometry.attributes.instanceStart as InterleavedBufferAttribute)
    .data as InstancedInterleavedBuffer;
  let colorArray: Float32Array | null = null;
  let colorBuffer: InstancedInterleavedBuffer | null = null;
  if (colors) {
    colorArray = new Float32Array(Math.max(1, segments) * 6);
    colorBuffer = new InstancedInterleavedBuffer(colorArray, 6, 1);
    geometry.setAttribute('instanceColorStart', new InterleavedBufferAttribute(colorBuffer, 3, 0));
    geometry.setAttribute('instanceColorEnd', new InterleavedBufferAttribute(colorBuffer, 3, 3));
  }
  let distanceArray: Float32Array | null = null;
  let distanceBuffer: InstancedInterleavedBuffer | null = null;
  if (distances) {
    distanceArray = new Float32Array(Math.max(1, segments) * 2);
    distanceBuffer = new InstancedInterleavedBuffer(distanceArray, 2, 1);
    geometry.setAttribute(
      'instanceDistanceStart',
      new InterleavedBufferAttribute(distanceBuffer, 1, 0),
    );
    geometry.setAttribute(
      'instanceDistanceEnd',
      new InterleavedBufferAttribute(distanceBuffer, 1, 1),
    );
  }
  geometry.instanceCount = 0;
  return {
    geometry,
    positions,
    positionBuffer,
    colorArray,
    colorBuffer,
    distanceArray,
    distanceBuffer,
    capacity: Math.max(1, segments),
  };
}

type SegmentBuffers = ReturnType<typeof segmentGeometry>;

/**
 * The point after `k` that may get a drop line: the next multiple of `stride` before `now`, else
 * `now` itself, and after `now` none (returns now + 1). Visits what `k % stride === 0 || k === now`
 * selects among 0…now, in order, in O(now / stride) steps.
 */
export function nextDrop(k: number, stride: number, now: number): number {
  if (k >= now) return now + 1;
  return k + stride < now ? k + stride : now;
}

export class TrajectoryObject {
  readonly group = new Group();
  private path!: SegmentBuffers;
  private drops!: SegmentBuffers;
  /** World positions [3 · length] of the run's points (CPU only; see `positionsFor`). */
  private points = new Float32Array(0);
  /** Points whose positions in `points` are valid for `positionsKey`. */
  private pointsValid = 0;
  private positionsKey: {
    frame: GridFrame;
    transform: HeightTransform;
    lift: number;
    a: Float32Array;
  } | null = null;
  /** The source values of the last valid point (a, b, true loss): a rewrite of old points shows. */
  private readonly lastSource = new Float32Array(3);
  private readonly thinned = new Float32Array(MAX_DRAWN_POINTS * 3);
  private readonly outline: LineSegments2;
  private readonly core: LineSegments2;
  private readonly ghost: LineSegments2;
  private readonly dropLines: LineSegments2;
  private readonly outlineMaterial: LineMaterial;
  private readonly coreMaterial: LineMaterial;
  private readonly ghostMaterial: LineMaterial;
  private readonly dropMaterial: LineMaterial;
  private readonly markerMaterial: MeshBasicMaterial;
  private readonly markerOutlineMaterial: MeshBasicMaterial;
  private readonly marker: Mesh;
  private readonly markerOutline: Mesh;
  private readonly runColor: Color;
  private readonly white = new Color(OUTLINE_COLOR);
  private readonly mixed = new Color();

  constructor(
    public trajectory: TrajectoryView,
    sphere: SphereGeometry,
  ) {
    this.group.name = `trajectory:${trajectory.name}`;
    this.runColor = new Color(opaqueColor(trajectory.color));
    // The outline writes no depth, so the coloured core drawn after it is never hidden by it.
    this.outlineMaterial = new LineMaterial({
      color: OUTLINE_COLOR,
      linewidth: OUTLINE_WIDTH,
      depthWrite: false,
    });
    this.coreMaterial = new LineMaterial({ color: trajectory.color, linewidth: PATH_WIDTH });
    this.ghostMaterial = new LineMaterial({
      color: trajectory.color,
      linewidth: PATH_WIDTH * 0.6,
      transparent: true,
      opacity: 0.35,
      depthTest: false,
      depthWrite: false,
    });
    this.dropMaterial = new LineMaterial({
      color: '#ffffff',
      vertexColors: true,
      linewidth: DROP_WIDTH,
      dashed: true,
      dashSize: 0.035,
      gapSize: 0.025,
    });
    this.allocate(Math.max(2, Math.min(trajectory.a.length, MAX_DRAWN_POINTS)));
    this.outline = new LineSegments2(this.path.geometry, this.outlineMaterial);
    this.core = new LineSegments2(this.path.geometry, this.coreMaterial);
    this.ghost = new LineSegments2(this.path.geometry, this.ghostMaterial);
    this.dropLines = new LineSegments2(this.drops.geometry, this.dropMaterial);
    this.outline.renderOrder = 1;
    this.core.renderOrder = 2;
    this.dropLines.renderOrder = 2;
    this.ghost.renderOrder = 3;
    this.core.name = `path:${trajectory.name}`;
    for (const line of [this.outline, this.core, this.ghost, this.dropLines]) {
      // Bounds change with every point; the paths are small, so skip culling rather than recompute.
      line.frustumCulled = false;
      this.group.add(line);
    }
    // The "now" marker is drawn over the surface (no depth test), so a point in a bowl or on a
    // ridge's far side still shows in its run colour, as the legend promises.
    this.markerMaterial = new MeshBasicMaterial({
      color: trajectory.color,
      depthTest: false,
      depthWrite: false,
    });
    this.markerOutlineMaterial = new MeshBasicMaterial({
      color: OUTLINE_COLOR,
      side: BackSide,
      depthTest: false,
      depthWrite: false,
    });
    this.marker = new Mesh(sphere, this.markerMaterial);
    this.markerOutline = new Mesh(sphere, this.markerOutlineMaterial);
    this.marker.scale.setScalar(MARKER_RADIUS);
    this.markerOutline.scale.setScalar(MARKER_RADIUS * 1.45);
    this.markerOutline.renderOrder = 5;
    this.marker.renderOrder = 6;
    this.marker.name = `marker:${trajectory.name}`;
    this.group.add(this.marker, this.markerOutline);
  }

  /**
   * Draws the run in `color`, with line widths and the marker `widthScale` × their defaults
   * (lecture mode: Okabe–Ito colours, thicker lines). Takes effect on the next frame drawn.
   */
  setStyle(color: string, widthScale: number): void {
    const opaque = opaqueColor(color);
    this.runColor.set(opaque);
    for (const m of [this.coreMaterial, this.ghostMaterial]) m.color.set(opaque);
    this.markerMaterial.color.set(opaque);
    this.outlineMaterial.linewidth = OUTLINE_WIDTH * widthScale;
    this.coreMaterial.linewidth = PATH_WIDTH * widthScale;
    this.ghostMaterial.linewidth = PATH_WIDTH * 0.6 * widthScale;
    this.dropMaterial.linewidth = DROP_WIDTH * Math.sqrt(widthScale);
    this.marker.scale.setScalar(MARKER_RADIUS * widthScale);
    this.markerOutline.scale.setScalar(MARKER_RADIUS * 1.45 * widthScale);
  }

  /** (Re)creates the GPU buffers for paths of `points` points, disposing any previous ones. */
  private allocate(points: number): void {
    this.path?.geometry.dispose();
    this.drops?.geometry.dispose();
    this.path = segmentGeometry(points - 1, false, false);
    this.drops = segmentGeometry(MAX_DROPS + 1, true, true);
    if (this.outline) {
      this.outline.geometry = this.path.geometry;
      this.core.geometry = this.path.geometry;
      this.ghost.geometry = this.path.geometry;
      this.dropLines.geometry = this.drops.geometry;
    }
  }

  /**
   * Makes `points` hold the world positions of the first `count` points: only the points not yet
   * computed, when the frame, transform, lift and arrays are those of the last call and the last
   * point seen then is unchanged; else all of them.
   */
  private positionsFor(
    count: number,
    frame: GridFrame,
    transform: HeightTransform,
    lift: number,
  ): void {
    const t = this.trajectory;
    const key = this.positionsKey;
    let from = this.pointsValid;
    if (
      !key ||
      key.frame !== frame ||
      key.transform !== transform ||
      key.lift !== lift ||
      key.a !== t.a
    )
      from = 0;
    if (from > t.length) from = 0;
    if (from > 0) {
      const last = from - 1;
      const src = this.lastSource;
      if (src[0] !== t.a[last] || src[1] !== t.b[last] || src[2] !== t.trueLoss[last]) from = 0;
    }
    if (3 * count > this.points.length) {
      let grow = Math.max(2, this.points.length / 3);
      while (grow < count) grow *= 2;
      const next = new Float32Array(3 * grow);
      next.set(this.points.subarray(0, 3 * from));
      this.points = next;
    }
    if (count > from) {
      trajectoryPositions(t, count, frame, transform, lift, this.points, from);
      this.pointsValid = count;
      const last = count - 1;
      this.lastSource[0] = t.a[last]!;
      this.lastSource[1] = t.b[last]!;
      this.lastSource[2] = t.trueLoss[last]!;
    } else {
      this.pointsValid = from;
    }
    this.positionsKey = { frame, transform, lift, a: t.a };
  }

  /** The path's points to draw: all of them, or a thinned copy for a long run. */
  private drawnPoints(count: number): { points: Float32Array; count: number } {
    if (count <= MAX_DRAWN_POINTS) return { points: this.points, count };
    const indices = pathIndices(count, MAX_DRAWN_POINTS);
    for (let k = 0; k < indices.length; k++)
      this.thinned.set(this.points.subarray(3 * indices[k]!, 3 * indices[k]! + 3), 3 * k);
    return { points: this.thinned, count: indices.length };
  }

  /** Points the path's GPU buffers can draw without reallocating (at most `MAX_DRAWN_POINTS`). */
  get capacity(): number {
    return this.path.capacity + 1;
  }

  /** Segments drawn by the path (for tests and the debug handle). */
  get drawnSegments(): number {
    return this.path.geometry.instanceCount;
  }

  /** Rewrites the buffers from the trajectory's arrays, up to the scrub point. */
  update(frame: GridFrame, transform: HeightTransform, scrub: number | null): void {
    const t = this.trajectory;
    const drawnMax = Math.min(t.length, MAX_DRAWN_POINTS);
    if (drawnMax > this.capacity) {
      let grow = this.capacity;
      while (grow < drawnMax) grow *= 2;
      this.allocate(Math.min(grow, MAX_DRAWN_POINTS));
    }
    const now = currentIndex(t, scrub);
    const count = now + 1;
    const lift = PATH_LIFT * frame.height;
    this.positionsFor(count, frame, transform, lift);
    const drawn = this.drawnPoints(count);
    const segments = polylineToSegments(drawn.points, drawn.count, this.path.positions);
    this.path.geometry.instanceCount = segments;
    this.path.positionBuffer.clearUpdateRanges();
    this.path.positionBuffer.addUpdateRange(0, 6 * segments);
    this.path.positionBuffer.needsUpdate = true;

    // Drop lines: every stride-th point past the threshold, and the current point.
    const d = this.drops;
    const stride = Math.max(1, Math.ceil(count / MAX_DROPS));
    let s = 0;
    for (let k = 0; k < count && s < d.capacity; k = nextDrop(k, stride, now)) {
      const isNow = k === now;
      const off = t.offPlane[k]!;
      if (!(off > OFF_PLANE_MIN) && !isNow) continue;
      const x = this.points[3 * k]!;
      const y = this.points[3 * k + 1]! - lift;
      const z = this.points[3 * k + 2]!;
      const yPlane = frame.height * transform.toHeight(t.planeLoss[k]!);
      if (!(Math.abs(y - yPlane) > 1e-4)) continue;
      const p = d.positions;
      p[6 * s] = p[6 * s + 3] = x;
      p[6 * s + 1] = y;
      p[6 * s + 4] = yPlane;
      p[6 * s + 2] = p[6 * s + 5] = z;
      d.distanceArray![2 * s] = 0;
      d.distanceArray![2 * s + 1] = Math.abs(y - yPlane);
      // Strength: white (on the plane) → the run's colour (≥ 25 % of the distance off it).
      const w = Math.min(1, Math.max(0.25, Number.isFinite(off) ? off / 0.25 : 1));
      this.mixed.copy(this.white).lerp(this.runColor, w);
      for (let e = 0; e < 2; e++) {
        d.colorArray![6 * s + 3 * e] = this.mixed.r;
        d.colorArray![6 * s + 3 * e + 1] = this.mixed.g;
        d.colorArray![6 * s + 3 * e + 2] = this.mixed.b;
      }
      s++;
    }
    d.geometry.instanceCount = s;
    d.positionBuffer.needsUpdate = true;
    d.colorBuffer!.needsUpdate = true;
    d.distanceBuffer!.needsUpdate = true;

    const visible = count > 0;
    this.marker.visible = visible;
    this.markerOutline.visible = visible;
    if (visible) {
      this.marker.position.set(
        this.points[3 * now]!,
        this.points[3 * now + 1]!,
        this.points[3 * now + 2]!,
      );
      this.markerOutline.position.copy(this.marker.position);
    }
  }

  dispose(): void {
    this.path.geometry.dispose();
    this.drops.geometry.dispose();
    for (const m of [
      this.outlineMaterial,
      this.coreMaterial,
      this.ghostMaterial,
      this.dropMaterial,
      this.markerMaterial,
      this.markerOutlineMaterial,
    ]) {
      m.dispose();
    }
    this.group.removeFromParent();
  }
}
