/**
 * The three.js objects of the step-and-Taylor overlay (`./overshoot-view.ts`), with preallocated
 * buffers updated in place:
 *
 * - the step θ_k → θ_k + 1.25·d drawn ON the surface (the true loss along it) as a dark fat line
 *   with a white outline;
 * - beside it the second-order Taylor model m(t) = L + t·gᵀd + ½t²·dᵀHd lifted over the same
 *   segment, dashed in vermillion (on a quadratic the two coincide: the dashes lie on the line);
 * - at θ_{k+1} (t = 1) a dark sphere at the true loss, a vermillion one at the predicted loss, and a
 *   thin line between them (the model's error).
 *
 * Drawn over the surface (no depth test), so a step into a valley stays visible. Segments whose
 * ends leave the plotted square are not drawn. `dispose()` frees every GPU object it made.
 */
import { Group, Mesh, MeshBasicMaterial, type SphereGeometry } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { InstancedInterleavedBuffer, InterleavedBufferAttribute } from 'three';
import { aToX, bToZ, type GridFrame, type HeightTransform } from './geometry';
import { OUTLINE_COLOR } from './labels';
import { STEP_OVERRUN } from './overshoot';
import { STEP_COLOR, STEP_SAMPLES, TAYLOR_COLOR, type OvershootView } from './overshoot-view';

const STEP_WIDTH = 4;
const TAYLOR_WIDTH = 4;
const MARKER_RADIUS = 0.03;
/** Height above the surface at which the step is drawn, as a fraction of the frame's height. */
const LIFT = 0.012;
/** How far outside the plotted square (world units) a segment may reach and still be drawn. */
const BOX = 1.02;

/** A fat-line geometry for `segments` segments whose position array is written in place. */
function segments(count: number) {
  const geometry = new LineSegmentsGeometry();
  const positions = new Float32Array(count * 6);
  geometry.setPositions(positions);
  const buffer = (geometry.attributes.instanceStart as InterleavedBufferAttribute)
    .data as InstancedInterleavedBuffer;
  geometry.instanceCount = 0;
  return { geometry, positions, buffer };
}

export class OvershootObject {
  readonly group = new Group();
  private readonly step = segments(STEP_SAMPLES - 1);
  private readonly taylor = segments(STEP_SAMPLES - 1);
  private readonly gap = segments(1);
  private readonly points = new Float32Array(STEP_SAMPLES * 3);
  private readonly model = new Float32Array(STEP_SAMPLES * 3);
  private readonly materials: (LineMaterial | MeshBasicMaterial)[];
  private readonly actual: Mesh;
  private readonly predicted: Mesh;

  constructor(sphere: SphereGeometry) {
    this.group.name = 'overshoot';
    const over = { depthTest: false, depthWrite: false };
    const outline = new LineMaterial({ color: OUTLINE_COLOR, linewidth: STEP_WIDTH * 2, ...over });
    const core = new LineMaterial({ color: STEP_COLOR, linewidth: STEP_WIDTH, ...over });
    const dashes = new LineMaterial({ color: TAYLOR_COLOR, linewidth: TAYLOR_WIDTH, ...over });
    const gapLine = new LineMaterial({ color: TAYLOR_COLOR, linewidth: 2, ...over });
    const actualMaterial = new MeshBasicMaterial({ color: STEP_COLOR, ...over });
    const predictedMaterial = new MeshBasicMaterial({ color: TAYLOR_COLOR, ...over });
    this.materials = [outline, core, dashes, gapLine, actualMaterial, predictedMaterial];
    const lines: [LineSegments2, number, string][] = [
      [new LineSegments2(this.step.geometry, outline), 7, 'overshoot:outline'],
      [new LineSegments2(this.step.geometry, core), 8, 'overshoot:step'],
      [new LineSegments2(this.taylor.geometry, dashes), 9, 'overshoot:taylor'],
      [new LineSegments2(this.gap.geometry, gapLine), 9, 'overshoot:gap'],
    ];
    for (const [line, order, name] of lines) {
      line.renderOrder = order;
      line.name = name;
      line.frustumCulled = false;
      this.group.add(line);
    }
    this.actual = new Mesh(sphere, actualMaterial);
    this.predicted = new Mesh(sphere, predictedMaterial);
    this.actual.name = 'overshoot:actual';
    this.predicted.name = 'overshoot:predicted';
    for (const m of [this.actual, this.predicted]) {
      m.scale.setScalar(MARKER_RADIUS);
      m.renderOrder = 10;
      this.group.add(m);
    }
    this.group.visible = false;
  }

  /** Segments drawn by the step and by the Taylor model (for tests and the debug handle). */
  get drawn(): { step: number; taylor: number } {
    return { step: this.step.geometry.instanceCount, taylor: this.taylor.geometry.instanceCount };
  }

  /** Redraws from `view` (hidden when null or without a model). */
  update(view: OvershootView | null, frame: GridFrame, transform: HeightTransform): void {
    const samples = view?.samples;
    if (!view?.model || !samples) {
      this.group.visible = false;
      return;
    }
    const lift = LIFT * frame.height;
    const y = (v: number) => frame.height * transform.toHeight(v) + lift;
    for (let i = 0; i < STEP_SAMPLES; i++) {
      const x = aToX(frame, samples[4 * i]!);
      const z = bToZ(frame, samples[4 * i + 1]!);
      this.points.set([x, y(samples[4 * i + 2]!), z], 3 * i);
      this.model.set([x, y(samples[4 * i + 3]!), z], 3 * i);
    }
    const inBox = (p: Float32Array, i: number) =>
      Math.abs(p[3 * i]!) <= BOX &&
      Math.abs(p[3 * i + 2]!) <= BOX &&
      Number.isFinite(p[3 * i + 1]!);
    // The step: every segment in the box; the model: every other one (dashes).
    let s = 0;
    let m = 0;
    for (let i = 0; i + 1 < STEP_SAMPLES; i++) {
      if (!inBox(this.points, i) || !inBox(this.points, i + 1)) continue;
      this.step.positions.set(this.points.subarray(3 * i, 3 * i + 6), 6 * s++);
      if (i % 2 === 0) this.taylor.positions.set(this.model.subarray(3 * i, 3 * i + 6), 6 * m++);
    }
    this.step.geometry.instanceCount = s;
    this.taylor.geometry.instanceCount = m;
    this.step.buffer.needsUpdate = true;
    this.taylor.buffer.needsUpdate = true;
    // θ_{k+1}: t = 1 is sample (STEP_SAMPLES − 1) / STEP_OVERRUN.
    const one = Math.round((STEP_SAMPLES - 1) / STEP_OVERRUN);
    const at = this.points.subarray(3 * one, 3 * one + 3);
    const next = inBox(this.points, one);
    this.actual.visible = next;
    this.predicted.visible = next;
    this.actual.position.set(at[0]!, y(view.model.actual), at[2]!);
    this.predicted.position.set(at[0]!, y(view.model.predicted), at[2]!);
    this.gap.positions.set([at[0]!, y(view.model.actual), at[2]!]);
    this.gap.positions.set([at[0]!, y(view.model.predicted), at[2]!], 3);
    this.gap.geometry.instanceCount = next ? 1 : 0;
    this.gap.buffer.needsUpdate = true;
    this.group.visible = true;
  }

  /** Line widths and markers `scale` × their defaults (lecture mode). */
  setScale(scale: number): void {
    const [outline, core, dashes] = this.materials as LineMaterial[];
    outline!.linewidth = STEP_WIDTH * 2 * scale;
    core!.linewidth = STEP_WIDTH * scale;
    dashes!.linewidth = TAYLOR_WIDTH * scale;
    this.actual.scale.setScalar(MARKER_RADIUS * scale);
    this.predicted.scale.setScalar(MARKER_RADIUS * scale);
  }

  dispose(): void {
    for (const g of [this.step, this.taylor, this.gap]) g.geometry.dispose();
    for (const m of this.materials) m.dispose();
    this.group.removeFromParent();
  }
}
