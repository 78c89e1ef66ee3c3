/**
 * Shows a WebGL frame only once the GPU has drawn it, so that the page's main thread never waits
 * for the GPU.
 *
 * Why: where the browser composites in software (headless Chromium, or any Chromium without GPU
 * compositing, e.g. on SwiftShader), a WebGL canvas drawn in a task is read back into the
 * compositor's bitmap at the next commit (`GLES2::ReadPixels` under `ProxyMain::BeginMainFrame`),
 * and that read-back makes the main thread wait until the GPU process has rasterised the whole
 * frame. On a software GPU sharing two cores with training, that wait was 100 ms–1 s per frame
 * (Chromium tracing, README "The 3-D view on a software GPU").
 *
 * How: a frame is drawn into an offscreen framebuffer of the drawing buffer's size (every bind of
 * the default framebuffer, `null`, made while drawing goes to it; three.js's programs, states and
 * output colour space are those of drawing to the canvas, so the pixels are the same), then a
 * fence is inserted. The canvas is not touched, so the commit has nothing to read back. Later
 * tasks poll the fence (WebGL 2 sync objects are polled without blocking); once it is signalled
 * the frame is copied onto the canvas with one `blitFramebuffer` (same size, NEAREST: the pixels
 * as drawn), which the next commit reads back at once since the GPU is idle. One frame is in
 * flight at a time: the owner draws the next once this one is shown (frames asked for meanwhile
 * merge into one).
 *
 * The GL objects (framebuffer, colour and depth renderbuffers, fence) are this class's; after a
 * context loss they are forgotten (`contextRestored`) and made again on the next frame.
 */

/** The parts of WebGL 2 this uses (a real context, or a recording fake in tests). */
export type PresentGL = Pick<
  WebGL2RenderingContext,
  | 'FRAMEBUFFER'
  | 'READ_FRAMEBUFFER'
  | 'DRAW_FRAMEBUFFER'
  | 'RENDERBUFFER'
  | 'RGBA8'
  | 'DEPTH_COMPONENT24'
  | 'COLOR_ATTACHMENT0'
  | 'DEPTH_ATTACHMENT'
  | 'COLOR_BUFFER_BIT'
  | 'NEAREST'
  | 'SCISSOR_TEST'
  | 'SYNC_GPU_COMMANDS_COMPLETE'
  | 'SYNC_STATUS'
  | 'SIGNALED'
  | 'drawingBufferWidth'
  | 'drawingBufferHeight'
  | 'createFramebuffer'
  | 'deleteFramebuffer'
  | 'createRenderbuffer'
  | 'deleteRenderbuffer'
  | 'bindFramebuffer'
  | 'bindRenderbuffer'
  | 'renderbufferStorage'
  | 'framebufferRenderbuffer'
  | 'blitFramebuffer'
  | 'fenceSync'
  | 'getSyncParameter'
  | 'deleteSync'
  | 'flush'
  | 'isEnabled'
  | 'enable'
  | 'disable'
  | 'isContextLost'
>;

export class DeferredPresenter {
  private framebuffer: WebGLFramebuffer | null = null;
  private colour: WebGLRenderbuffer | null = null;
  private depth: WebGLRenderbuffer | null = null;
  /** Size of the offscreen buffers (drawing-buffer pixels). */
  private width = 0;
  private height = 0;
  private fence: WebGLSync | null = null;
  /** When the frame in flight was drawn (ms, `now`). */
  private drawnAt = 0;

  /**
   * @param gl the canvas's WebGL 2 context
   * @param now the clock (ms), `performance.now` by default
   */
  constructor(
    private readonly gl: PresentGL,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether a frame has been drawn and is not yet on the canvas. */
  get inFlight(): boolean {
    return this.fence !== null;
  }

  /** The size (drawing-buffer pixels) of the frame in flight, or of the last one drawn. */
  get size(): [number, number] {
    return [this.width, this.height];
  }

  /**
   * Runs `draw` (e.g. `renderer.render(scene, camera)`) into the offscreen framebuffer, sized to
   * the drawing buffer now, and starts waiting for the GPU. A frame still in flight is dropped.
   */
  draw(draw: () => void): void {
    const gl = this.gl;
    this.discard();
    this.allocate(gl.drawingBufferWidth, gl.drawingBufferHeight);
    const offscreen = this.framebuffer;
    // Every bind of the default framebuffer while drawing binds the offscreen one instead. (The
    // renderer caches its bindings: it believes null is bound, so bind ours now as well.)
    const bind = gl.bindFramebuffer;
    gl.bindFramebuffer(gl.FRAMEBUFFER, offscreen);
    const redirect = (target: GLenum, fb: WebGLFramebuffer | null) =>
      bind.call(gl, target, fb ?? offscreen);
    (gl as { bindFramebuffer: typeof redirect }).bindFramebuffer = redirect;
    try {
      draw();
    } finally {
      delete (gl as Partial<Pick<PresentGL, 'bindFramebuffer'>>).bindFramebuffer;
      if (gl.bindFramebuffer !== bind) gl.bindFramebuffer = bind; // not an own property: restore
      // Leave the default framebuffer bound, as the renderer believes.
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    }
    this.fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    this.drawnAt = this.now();
    gl.flush();
  }

  /**
   * If the frame in flight has been drawn by the GPU: copies it onto the canvas and returns the
   * ms from `draw` until now (its latency); else null (also when none is in flight). A frame
   * whose size no longer matches the drawing buffer (the canvas was resized) is dropped (null).
   */
  poll(): number | null {
    const gl = this.gl;
    const fence = this.fence;
    if (fence === null) return null;
    if (gl.isContextLost()) {
      this.fence = null;
      return null;
    }
    if (gl.getSyncParameter(fence, gl.SYNC_STATUS) !== gl.SIGNALED) return null;
    gl.deleteSync(fence);
    this.fence = null;
    if (gl.drawingBufferWidth !== this.width || gl.drawingBufferHeight !== this.height) return null;
    const scissor = gl.isEnabled(gl.SCISSOR_TEST);
    if (scissor) gl.disable(gl.SCISSOR_TEST);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, this.framebuffer);
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
    const [w, h] = [this.width, this.height];
    gl.blitFramebuffer(0, 0, w, h, 0, 0, w, h, gl.COLOR_BUFFER_BIT, gl.NEAREST);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null); // read and draw bindings back to the default
    if (scissor) gl.enable(gl.SCISSOR_TEST);
    return this.now() - this.drawnAt;
  }

  /** Drops the frame in flight (it will not be shown). */
  discard(): void {
    if (this.fence !== null && !this.gl.isContextLost()) this.gl.deleteSync(this.fence);
    this.fence = null;
  }

  /** After a context loss and restore: the old GL objects are gone; make new ones when needed. */
  contextRestored(): void {
    this.framebuffer = this.colour = this.depth = null;
    this.fence = null;
    this.width = this.height = 0;
  }

  /** Deletes the GL objects. */
  dispose(): void {
    const gl = this.gl;
    this.discard();
    if (!gl.isContextLost()) {
      if (this.framebuffer) gl.deleteFramebuffer(this.framebuffer);
      if (this.colour) gl.deleteRenderbuffer(this.colour);
      if (this.depth) gl.deleteRenderbuffer(this.depth);
    }
    this.contextRestored();
  }

  /** Makes (or resizes) the offscreen framebuffer: RGBA8 colour and 24-bit depth, as the canvas. */
  private allocate(width: number, height: number): void {
    const gl = this.gl;
    if (this.framebuffer === null) {
      this.framebuffer = gl.createFramebuffer();
      this.colour = gl.createRenderbuffer();
      this.depth = gl.createRenderbuffer();
      this.width = this.height = 0;
    }
    if (width === this.width && height === this.height) return;
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.colour);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, width, height);
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.depth);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.DEPTH_COMPONENT24, width, height);
    gl.bindRenderbuffer(gl.RENDERBUFFER, null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.framebuffer);
    gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, this.colour);
    gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.DEPTH_ATTACHMENT, gl.RENDERBUFFER, this.depth);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.width = width;
    this.height = height;
  }
}
