/**
 * Whether WebGL runs on a software rasteriser (SwiftShader, llvmpipe, …). There every pixel costs
 * CPU time on the machine that also trains, so the 3-D view turns multisample antialiasing off
 * (it halves the main-thread time per frame under SwiftShader). Real GPUs keep it.
 */
let cached: boolean | null = null;

export function isSoftwareWebGL(): boolean {
  if (cached !== null) return cached;
  cached = false;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      cached = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    cached = false;
  }
  return cached;
}
