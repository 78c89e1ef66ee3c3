import type { RootState } from '@react-three/fiber';
import { parseColor } from './colormap';

/** What a rendered frame contains, for tests: read back from the WebGL drawing buffer. */
export interface PixelStats {
  width: number;
  height: number;
  /** Distinct RGB colours in the frame. */
  distinct: number;
  /** Pixels that are not (near-)white background. */
  nonBackground: number;
  /** Per run name: pixels within ±8 per channel of the run's colour. */
  runs: Record<string, number>;
}

/** Renders the scene once and counts its pixels (colours, background, each run's colour). */
export function pixelStats(
  state: RootState,
  runs: readonly { name: string; color: string }[],
): PixelStats {
  const { gl, scene, camera } = state;
  gl.render(scene, camera);
  const ctx = gl.getContext();
  const width = ctx.drawingBufferWidth;
  const height = ctx.drawingBufferHeight;
  const buf = new Uint8Array(width * height * 4);
  ctx.readPixels(0, 0, width, height, ctx.RGBA, ctx.UNSIGNED_BYTE, buf);
  const colours = new Set<number>();
  let nonBackground = 0;
  const targets = runs.map((t) => ({ name: t.name, rgb: parseColor(t.color).map((c) => c * 255) }));
  const counts: Record<string, number> = Object.fromEntries(targets.map((t) => [t.name, 0]));
  for (let p = 0; p < width * height; p++) {
    const r = buf[4 * p]!;
    const g = buf[4 * p + 1]!;
    const b = buf[4 * p + 2]!;
    colours.add((r << 16) | (g << 8) | b);
    if (r < 250 || g < 250 || b < 250) nonBackground++;
    for (const t of targets) {
      if (
        Math.abs(r - t.rgb[0]!) <= 8 &&
        Math.abs(g - t.rgb[1]!) <= 8 &&
        Math.abs(b - t.rgb[2]!) <= 8
      )
        counts[t.name]!++;
    }
  }
  return { width, height, distinct: colours.size, nonBackground, runs: counts };
}
