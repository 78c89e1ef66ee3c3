import { describe, expect, it } from 'vitest';
import {
  BufferGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene,
} from 'three';
import { ShaderWarmup, type Precompiler } from './shader-warmup';

/** A renderer that records what it was asked to compile. */
function recorder() {
  const calls: { scene: unknown; camera: unknown }[] = [];
  const renderer: Precompiler = {
    compileAsync: (scene, camera) => {
      calls.push({ scene, camera });
      return Promise.resolve(scene);
    },
  };
  return { renderer, calls };
}

describe('ShaderWarmup', () => {
  const camera = new PerspectiveCamera();

  it('compiles once per set of new materials, hidden objects included, and not on later frames', () => {
    const scene = new Scene();
    const surface = new Mesh(new BufferGeometry(), new MeshBasicMaterial());
    scene.add(surface);
    const { renderer, calls } = recorder();
    const warmup = new ShaderWarmup();

    expect(warmup.check(renderer, scene, camera)).not.toBeNull();
    expect(calls).toEqual([{ scene, camera }]);
    // Nothing new: three later frames compile nothing.
    for (let i = 0; i < 3; i++) expect(warmup.check(renderer, scene, camera)).toBeNull();
    expect(calls.length).toBe(1);

    // A hidden marker inside a group (shown only later): its material is new, so compile again.
    const group = new Group();
    const marker = new Mesh(new BufferGeometry(), new MeshBasicMaterial());
    marker.visible = false;
    group.add(marker);
    scene.add(group);
    expect(warmup.check(renderer, scene, camera)).not.toBeNull();
    expect(calls.length).toBe(2);
    expect(warmup.compiles).toBe(2);

    // Showing it, or re-adding an object whose material was seen, compiles nothing.
    marker.visible = true;
    scene.add(new Mesh(new BufferGeometry(), surface.material));
    expect(warmup.check(renderer, scene, camera)).toBeNull();

    // A line and a material array count, each new material once.
    const line = new LineSegments(new BufferGeometry(), new LineBasicMaterial());
    const multi = new Mesh(new BufferGeometry(), [new MeshBasicMaterial(), surface.material]);
    scene.add(line, multi);
    expect(warmup.check(renderer, scene, camera)).not.toBeNull();
    expect(warmup.check(renderer, scene, camera)).toBeNull();
    expect(calls.length).toBe(3);
  });

  it('settles when the programs are linked, or after the longest wait when they never are', async () => {
    const scene = new Scene();
    scene.add(new Mesh(new BufferGeometry(), new MeshBasicMaterial()));
    let link!: () => void;
    const linking: Precompiler = {
      compileAsync: (s) => new Promise((resolve) => (link = () => resolve(s))),
    };
    let settled = false;
    const linked = new ShaderWarmup().check(linking, scene, camera, 60_000)!;
    void linked.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    link();
    await linked;
    expect(settled).toBe(true);

    const never: Precompiler = { compileAsync: () => new Promise(() => undefined) };
    const t0 = performance.now();
    await new ShaderWarmup().check(never, scene, camera, 20);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
  });

  it('ignores objects without materials (groups, lights, the scene itself)', () => {
    const scene = new Scene();
    scene.add(new Group());
    const { renderer, calls } = recorder();
    expect(new ShaderWarmup().check(renderer, scene, camera)).toBeNull();
    expect(calls).toEqual([]);
  });
});
