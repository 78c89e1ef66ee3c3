import type {
  HostPlaneData,
  HostPlaneMetric,
  HostPlaneProgram,
  hostPlaneProgram,
} from './host-plane-program';

/** Messages to a plane worker. */
export type PlaneWorkerRequest =
  | { type: 'init'; wasmModule: WebAssembly.Module }
  /** The plane that the following tasks evaluate (its key names it in the tasks). */
  | { type: 'plane'; key: number; data: HostPlaneData }
  /** Evaluate the metrics at the points (a[g], b[g]). */
  | {
      type: 'task';
      id: number;
      key: number;
      a: Float32Array;
      b: Float32Array;
      metrics: HostPlaneMetric[];
    };

/** A worker's answer to a task: one [G] array per metric (transferred), or the error's message. */
export type PlaneWorkerReply =
  { id: number; values: Float32Array[] } | { id: number; error: string };

/** The worker's side of its message channel (Node's parentPort or a Web Worker's global). */
export interface PlaneWorkerPort {
  onMessage(listener: (message: PlaneWorkerRequest) => void): void;
  post(message: PlaneWorkerReply, transfer: ArrayBuffer[]): void;
}

/**
 * The body of a plane worker: holds one program and the current plane's data, evaluates tasks and
 * transfers the results back. SELF-CONTAINED (run from its source text, like `hostPlaneProgram`).
 */
export function planeWorkerMain(makeProgram: typeof hostPlaneProgram, port: PlaneWorkerPort): void {
  let program: HostPlaneProgram | null = null;
  let plane: { key: number; data: HostPlaneData } | null = null;
  port.onMessage((message) => {
    if (message.type === 'init') {
      program = makeProgram(message.wasmModule);
      return;
    }
    if (message.type === 'plane') {
      plane = { key: message.key, data: message.data };
      return;
    }
    try {
      if (!program) throw new Error('plane worker: no program (init was not received)');
      if (!plane || plane.key !== message.key)
        throw new Error(`plane worker: plane ${message.key} was not received`);
      const values = program.evaluate(plane.data, message.a, message.b, message.metrics);
      port.post(
        { id: message.id, values },
        values.map((v) => v.buffer as ArrayBuffer),
      );
    } catch (error) {
      port.post(
        { id: message.id, error: error instanceof Error ? error.message : String(error) },
        [],
      );
    }
  });
}
