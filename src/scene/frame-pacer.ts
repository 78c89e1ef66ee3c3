/**
 * Paces data-driven frames to how long a frame takes to draw: after a frame of d ms, the next one
 * asked for by data waits until 2d ms after that frame ended, so the main thread stays free at
 * least two thirds of the time (a software GPU can take hundreds of ms per frame) and clicks, keys
 * and messages are answered at once. Requests while one is pending are merged into it.
 */
export class FramePacer {
  private start = 0;
  private end = -Infinity;
  private took = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param draw asks for one frame (react-three-fiber's `invalidate`)
   * @param now the clock (ms), `performance.now` by default
   */
  constructor(
    private readonly draw: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Call when a frame starts being drawn. */
  frameStarted(): void {
    this.start = this.now();
  }

  /** Call when a frame has been drawn. */
  frameEnded(): void {
    this.end = this.now();
    this.took = this.end - this.start;
  }

  /** Asks for a frame: now, or once the main thread has had its share of idle time. */
  request(): void {
    if (this.timer !== null) return;
    const wait = this.end + 2 * this.took - this.now();
    if (wait <= 0) {
      this.draw();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draw();
    }, wait);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
