/**
 * The one place the engine imports TensorFlow.js from: tfjs-core plus the registration of every
 * gradient (tfjs-core alone registers none). Backends are registered by the host (the worker in
 * the browser, `src/node/backend.ts` in Node), never here.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
export type {
  Tensor,
  Tensor1D,
  Tensor2D,
  Tensor3D,
  Tensor4D,
  Scalar,
  Rank,
} from '@tensorflow/tfjs-core';
