/**
 * The trajectory's GPU buffers updated incrementally equal the buffers of a fresh build from the
 * same data: after many appends (short paths, and long ones that are thinned), after a change of
 * height transform, after old points are rewritten, and with a scrub point. The drop-line walk
 * visits exactly the points the plain filter selects, and every geometry made is disposed.
 */
import { describe, expect, it } from 'vitest';
import { BufferGeometry, SphereGeometry, type InterleavedBufferAttribute } from 'three';
import type { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { createHeightTransform, gridFrame, type GridFrame, type HeightTransform } from './geometry';
import { MAX_DRAWN_POINTS, MAX_DROPS, nextDrop, TrajectoryObject } from './trajectoryObject';
import type { LandscapeView, TrajectoryView } from '../state/view-types';

const n = 11;
const view: LandscapeView = {
  n,
  a: Float32Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1)),
  b: Float32Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1)),
  values: Float32Array.from({ length: n * n }, (_, i) => 0.5 + ((i * 37) % 23) / 4),
  metric: 'trainLoss',
  axisLabels: ['a', 'b'],
};
const frame = gridFrame(view, 0.9);
const linear = createHeightTransform(view.values, { scale: 'linear', clip: 1 });
const log = createHeightTransform(view.values, { scale: 'log', clip: 0.9 });
const sphere = new SphereGeometry(1, 8, 6);

/** A run with room for `capacity` points, of which the first `length` are in use (a spiral). */
function run(capacity: number, length: number): TrajectoryView {
  const t: TrajectoryView = {
    name: 'SGD',
    color: '#e15759',
    a: new Float32Array(capacity),
    b: new Float32Array(capacity),
    trueLoss: new Float32Array(capacity),
    planeLoss: new Float32Array(capacity),
    offPlane: new Float32Array(capacity),
    length: 0,
    diverged: false,
  };
  for (let k = 0; k < capacity; k++) write(t, k, 0);
  t.length = length;
  return t;
}

/** Writes point k (shifted by `phase`, to tell a rewrite from the original). */
function write(t: TrajectoryView, k: number, phase: number) {
  const r = 1.5 / (1 + k / 200);
  t.a[k] = r * Math.cos(k / 17 + phase);
  t.b[k] = 0.8 * r * Math.sin(k / 17 + phase);
  t.trueLoss[k] = 1 + 5 / (1 + k / 50) + phase;
  t.planeLoss[k] = 1 + 4 / (1 + k / 40);
  t.offPlane[k] = (k % 9) / 30;
}

/** The lines of an object: path core (shares the outline's and ghost's geometry) and drops. */
function buffers(o: TrajectoryObject) {
  const core = o.group.getObjectByName('path:SGD') as LineSegments2;
  const drops = o.group.children[3] as LineSegments2;
  const data = (l: LineSegments2, name: string, per: number) => {
    const attr = l.geometry.attributes[name] as InterleavedBufferAttribute;
    return Array.from(attr.data.array.slice(0, per * l.geometry.instanceCount));
  };
  const marker = o.group.getObjectByName('marker:SGD')!;
  return {
    segments: core.geometry.instanceCount,
    path: data(core, 'instanceStart', 6),
    drops: drops.geometry.instanceCount,
    dropPositions: data(drops, 'instanceStart', 6),
    dropColours: data(drops, 'instanceColorStart', 6),
    dropDistances: data(drops, 'instanceDistanceStart', 2),
    marker: marker.position.toArray(),
    markerVisible: marker.visible,
  };
}

function fresh(t: TrajectoryView, tf: HeightTransform, scrub: number | null, f: GridFrame = frame) {
  const o = new TrajectoryObject(t, sphere);
  o.update(f, tf, scrub);
  const b = buffers(o);
  o.dispose();
  return b;
}

describe('TrajectoryObject updated in place', () => {
  it('after appends equals a fresh build, short and thinned (long) paths alike', () => {
    const total = 1500;
    const t = run(total, 1);
    const o = new TrajectoryObject(t, sphere);
    let checked = 0;
    for (let length = 1; length <= total; length += length < 40 ? 1 : 37) {
      t.length = length;
      o.update(frame, linear, null);
      if (length < 40 || length % 5 === 0 || length > 1400) {
        expect(buffers(o)).toEqual(fresh(t, linear, null));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(45);
    // Long paths draw at most MAX_DRAWN_POINTS points, and the GPU buffer holds no more.
    expect(buffers(o).segments).toBe(MAX_DRAWN_POINTS - 1);
    expect(o.capacity).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    o.dispose();
  });

  it('recomputes everything when the height transform or frame changes, or old points are rewritten', () => {
    const t = run(400, 300);
    const o = new TrajectoryObject(t, sphere);
    o.update(frame, linear, null);
    o.update(frame, log, null);
    expect(buffers(o)).toEqual(fresh(t, log, null));
    const taller = gridFrame(view, 1.4);
    o.update(taller, log, null);
    expect(buffers(o)).toEqual(fresh(t, log, null, taller));
    // A producer that starts over (fewer points), then grows past the old length.
    t.length = 20;
    o.update(taller, log, null);
    for (let k = 0; k < 350; k++) write(t, k, 0.3);
    t.length = 350;
    o.update(taller, log, null);
    expect(buffers(o)).toEqual(fresh(t, log, null, taller));
    expect(buffers(o).path).not.toEqual(fresh(run(400, 350), log, null, taller).path);
    o.dispose();
  });

  it('draws up to the scrub point and back to the end', () => {
    const t = run(800, 700);
    const o = new TrajectoryObject(t, sphere);
    o.update(frame, linear, null);
    o.update(frame, linear, 123.6);
    expect(buffers(o)).toEqual(fresh(t, linear, 123.6));
    expect(buffers(o).segments).toBe(123);
    t.length = 760;
    o.update(frame, linear, null);
    expect(buffers(o)).toEqual(fresh(t, linear, null));
    o.dispose();
  });

  it('disposes every geometry it made, the outgrown ones included', () => {
    const made = new Set<BufferGeometry>();
    const disposed = new Set<BufferGeometry>();
    const o = new TrajectoryObject(run(100, 2), sphere);
    o.update(frame, linear, null);
    // The view handed a longer run (new arrays): the buffers grow to MAX_DRAWN_POINTS.
    const t = run(1000, 2);
    o.trajectory = t;
    const watch = () => {
      for (const line of o.group.children.slice(0, 4) as LineSegments2[]) {
        if (made.has(line.geometry)) continue;
        made.add(line.geometry);
        line.geometry.addEventListener('dispose', function (this: BufferGeometry) {
          disposed.add(this);
        });
      }
    };
    watch();
    for (let length = 2; length <= 1000; length += 50) {
      t.length = length;
      o.update(frame, linear, null);
      watch();
    }
    expect(made.size).toBeGreaterThan(2); // it grew
    expect(buffers(o)).toEqual(fresh(t, linear, null));
    o.dispose();
    expect(disposed.size).toBe(made.size);
  });
});

describe('nextDrop', () => {
  it('visits the multiples of the stride before now, then now, in order', () => {
    for (const count of [1, 2, 13, 14, 15, 29, 100, 1234]) {
      const now = count - 1;
      const stride = Math.max(1, Math.ceil(count / MAX_DROPS));
      const expected: number[] = [];
      for (let k = 0; k < count; k++) if (k === now || k % stride === 0) expected.push(k);
      const visited: number[] = [];
      for (let k = 0; k < count; k = nextDrop(k, stride, now)) visited.push(k);
      expect(visited).toEqual(expected);
    }
  });
});
