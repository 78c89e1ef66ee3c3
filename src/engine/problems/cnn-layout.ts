import { makeLayout, type ParameterLayout } from './layout';

/** Side of a convolution kernel (3×3 kernels, "same" zero padding, stride 1). */
export const CNN_KERNEL = 3;

/** The shape of the small LeNet-like network on side×side single-channel images. */
export interface CnnShape {
  /** Image side s (inputs are s² pixels, row-major); a multiple of 4 (two 2×2 poolings). */
  side: number;
  /** Output channels [c₁, c₂] of the two convolutions. */
  channels: readonly [number, number];
  /** Logits per example: C for C ≥ 3 classes, 1 for two classes. */
  outputs: number;
}

/**
 * Parameter layout of the CNN (in this order, each row-major):
 * - `K1` [3, 3, 1, c₁]: conv 1 kernel [kh, kw, cin, cout], unit = output channel (`unitAxis` 3);
 * - `b1` [c₁];
 * - `K2` [3, 3, c₁, c₂]: conv 2 kernel, unit = output channel (`unitAxis` 3);
 * - `b2` [c₂];
 * - `W3` [(s/4)²·c₂, outputs]: dense head on the pooled features flattened in (row, column,
 *   channel) order, unit = output logit (`unitAxis` 1);
 * - `b3` [outputs].
 * Filter normalisation (Li et al. 2018) thus scales every output channel's 3×3×cin filter, and
 * every logit's column, to θ's norm.
 */
export function cnnLayout(shape: CnnShape): ParameterLayout {
  const [c1, c2] = shape.channels;
  const pooled = (shape.side / 4) ** 2 * c2;
  const k = CNN_KERNEL;
  return makeLayout([
    { name: 'K1', shape: [k, k, 1, c1], kind: 'weight', unitAxis: 3 },
    { name: 'b1', shape: [c1], kind: 'bias' },
    { name: 'K2', shape: [k, k, c1, c2], kind: 'weight', unitAxis: 3 },
    { name: 'b2', shape: [c2], kind: 'bias' },
    { name: 'W3', shape: [pooled, shape.outputs], kind: 'weight', unitAxis: 1 },
    { name: 'b3', shape: [shape.outputs], kind: 'bias' },
  ]);
}

/**
 * Device floats one θ row of a batched CNN evaluation holds on `examples` images (landscape chunk
 * sizing and the config's resource estimate): 4 P-vectors, and per image conv 1's pre-activation,
 * activation and half-pooled maps (3·s²·c₁), conv 2's input patches or depthwise products (twice:
 * the stack and its transpose) and its maps (3·c₂) at (s/2)² positions.
 */
export function cnnFloatsPerRow(
  shape: CnnShape,
  examples: number,
  secondLayer: 'im2col' | 'depthwise' = 'im2col',
): number {
  const [c1, c2] = shape.channels;
  const s = shape.side;
  const conv2 = secondLayer === 'im2col' ? CNN_KERNEL * CNN_KERNEL * c1 : c1 * c2;
  const p = cnnLayout(shape).size;
  return 4 * p + examples * (3 * s * s * c1 + (s / 2) ** 2 * (2 * conv2 + 3 * c2));
}
