import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { NODE_BACKENDS, useNodeBackend } from './backend';

describe.each(NODE_BACKENDS)('tfjs on %s', (backend) => {
  it('starts and differentiates twice', async () => {
    await useNodeBackend(backend);
    const x = tf.tensor1d([1, 2, 3]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.mul(t, t), t));
    const g2 = tf.grad(tf.grad(f))(x);
    expect(Array.from(await g2.data())).toEqual([6, 12, 18]);
    expect(tf.getBackend()).toBe(backend);
    tf.dispose([x, g2]);
  });
});
