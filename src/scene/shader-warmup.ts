/**
 * Compiles the shader programs of materials new to the scene before they are first drawn, so that
 * the first frame drawing them does not wait on the main thread for the GPU process to link them.
 *
 * Why: three.js creates a material's program when an object using it is first drawn, and its first
 * use reads the link status (`getProgramParameter(LINK_STATUS)`, `useProgram`), which waits for
 * the link; on a software GPU sharing the CPU with training that wait was 9–115 ms (a CPU profile
 * of the default demo as training starts). Objects made hidden and shown later (a path's marker,
 * the overshoot layer) or added while the view is up are compiled here as soon as they are in the
 * scene: `renderer.compileAsync` makes every material's program (hidden objects included: three.js
 * compiles what `scene.traverse` finds) with the scene's lights, the same program the first draw
 * will use, and links it in the background (KHR_parallel_shader_compile where the browser has it).
 *
 * Per frame this walks the scene graph (~100 objects) and remembers the materials it has seen
 * (weakly: disposed ones are forgotten with their objects); it calls `compileAsync` only on
 * frames where a material is new. Nothing is drawn, so the pixels are unchanged.
 */
import type { Camera, Material, Object3D } from 'three';

/** The longest a caller is asked to wait for the links (ms): a lost context never links. */
const MAX_WAIT_MS = 1000;

/** The part of `WebGLRenderer` this uses. */
export interface Precompiler {
  compileAsync(scene: Object3D, camera: Camera, targetScene?: Object3D | null): Promise<unknown>;
}

/** Whether three.js draws `object` with a material (what `renderer.compile` compiles). */
function drawable(object: Object3D): object is Object3D & { material: Material | Material[] } {
  const o = object as Partial<Record<'isMesh' | 'isLine' | 'isPoints' | 'isSprite', boolean>>;
  return Boolean(o.isMesh || o.isLine || o.isPoints || o.isSprite);
}

export class ShaderWarmup {
  private readonly seen = new WeakSet<Material>();
  /** How many times `compileAsync` was called (for tests and curious users). */
  compiles = 0;

  /**
   * Call before drawing a frame: if `scene` holds a material not seen before, starts compiling the
   * scene's programs (those already made are reused by three.js) and returns a promise that
   * settles when they are linked, or after `maxWaitMs` at the latest; else null.
   */
  check(
    renderer: Precompiler,
    scene: Object3D,
    camera: Camera,
    maxWaitMs = MAX_WAIT_MS,
  ): Promise<void> | null {
    let fresh = false;
    scene.traverse((object) => {
      if (!drawable(object) || !object.material) return;
      for (const material of Array.isArray(object.material) ? object.material : [object.material]) {
        if (this.seen.has(material)) continue;
        this.seen.add(material);
        fresh = true;
      }
    });
    if (!fresh) return null;
    this.compiles += 1;
    // The promise only says when the links are done; failures show in the draw as before.
    const linked = renderer.compileAsync(scene, camera).then(
      () => undefined,
      () => undefined,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    return Promise.race([linked, late]).finally(() => clearTimeout(timer));
  }
}
