/**
 * A plane worker's entry in the browser (a module worker the bundler builds from this file; in Node
 * the pool runs the same two functions from their source text). Spawned by `PlaneWorkerPool`.
 */
import { hostPlaneProgram } from './host-plane-program';
import { planeWorkerMain, type PlaneWorkerRequest } from './plane-worker';

planeWorkerMain(hostPlaneProgram, {
  onMessage: (listener) => {
    self.onmessage = (e: MessageEvent<PlaneWorkerRequest>) => listener(e.data);
  },
  post: (message, transfer) => self.postMessage(message, { transfer }),
});
