/**
 * What the 3-D view does when a frame is drawn and when that frame reaches the canvas. The two
 * differ when frames are presented once the GPU has drawn them (./deferred-present.ts): the HTML
 * axis labels must move with the picture they label, not with a camera the canvas does not show
 * yet, and "the first frame is on screen" must wait for the frame to be on screen.
 */
export type DrawnListener = () => (() => void) | void;

export class FrameEvents {
  private readonly listeners = new Set<DrawnListener>();

  /**
   * `listener` runs right after each frame is drawn (the camera and scene as drawn); the function
   * it returns, if any, runs when that frame is on the canvas. Returns the unsubscribe function.
   */
  onDrawn(listener: DrawnListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Called by whoever draws, right after drawing a frame: runs the listeners and returns what to
   * run once the frame is shown (call it at most once; a frame dropped unseen never calls it).
   */
  frameDrawn(): () => void {
    const shown: (() => void)[] = [];
    for (const listener of this.listeners) {
      const then = listener();
      if (then) shown.push(then);
    }
    return () => {
      for (const f of shown) f();
    };
  }
}
