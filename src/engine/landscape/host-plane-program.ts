/**
 * The host program that evaluates an MLP's metrics on a plane of parameter space, one grid point
 * at a time, with the WebAssembly SIMD kernels of `simd-kernels.ts` (no tensor program).
 *
 * `hostPlaneProgram` is SELF-CONTAINED: it references nothing outside its own body (only its
 * arguments and JavaScript globals), because a worker runs it from its source text
 * (`Function.prototype.toString`, see `plane-worker-pool.ts`). The main thread and every worker
 * therefore run the same code on the same kernels, and a grid split across workers equals the
 * single-threaded grid bit for bit.
 *
 * Per grid point (a, b), with θ(a, b) = c + a·d₁ + b·d₂ and every layer written transposed so that
 * the m data points run along the SIMD lanes (m padded to m̃, a multiple of 4):
 * - layer 0: Z₀ᵀ = Q_cᵀ + a·Q₁ᵀ + b·Q₂ᵀ [h₁, m̃], with Q_k = X·W₀,k + 1·b₀,kᵀ prepared once per plane
 *   (`prepareHostPlane`), one [1, 2] × [2, h₁·m̃] product;
 * - layer l ≥ 1: the augmented weights W̃_l(a, b) = C_l + a·D₁,l + b·D₂,l [fanIn + 1, fanOut] (bias as
 *   the last row) are formed per point (one [1, 2] × [2, (fanIn+1)·fanOut] product), then
 *   Z_lᵀ = W̃_lᵀ · [A_lᵀ; 1ᵀ] [fanOut, m̃] (one product with the ones row giving the bias), and
 *   A_{l+1}ᵀ = act(Z_lᵀ) in place (the kernels' tanh is Eigen's rational approximation, |error| <
 *   3e-7, as `fastTanh`);
 * - the output row z [m̃] gives the mean loss over the m real points, accumulated in float64:
 *   'bce': softplus(z) − y·z = max(z, 0) + log(1 + e^−|z|) − y·z; 'mse': (z − y)²; the accuracy
 *   mean([z > 0] = y);
 * - 'softmax-ce': the output rows Zᵀ [C, m̃] (class c's logits of all points in row c) give
 *   ℓ_j = log Σ_c e^{z_cj} − z_{y_j, j} stably as z̄_j + log Σ_c e^{z_cj − z̄_j} with z̄_j = max_c z_cj
 *   (every exponential ≤ 1, the sum in [1, C]), the exponentials (a polynomial to 3e-10 relative,
 *   `expNonPositive`) and sums in float64, and the
 *   logs of the sums taken as one log of their product per 32 points (a product ≤ C³² stays
 *   finite for any C < 4·10⁹); the accuracy mean([argmax_c z_cj = y_j]) with ties to the first
 *   class, as tf.argMax breaks them.
 */

/** One data split laid out for the program (a split with no data is null). */
export interface HostPlaneSplit {
  /** Data points m and m̃ = m rounded up to a multiple of 4. */
  m: number;
  mPad: number;
  /** Q_cᵀ [h₁, m̃] and [Q₁ᵀ; Q₂ᵀ] [2, h₁, m̃] (padded columns zero). */
  q0: Float32Array;
  q12: Float32Array;
  /** Labels or targets [m]. */
  y: Float32Array;
}

/** Layer l ≥ 1: augmented weights [fanIn + 1, fanOut] flattened, padded to `length` (× 4). */
export interface HostPlaneLayer {
  fanIn: number;
  fanOut: number;
  length: number;
  /** C_l [length] and [D₁,l; D₂,l] [2, length]. */
  centre: Float32Array;
  directions: Float32Array;
}

/** Everything a program needs for one plane (structured-cloneable: sent to workers as is). */
export interface HostPlaneData {
  /** Layer widths [d, h₁, …, h_L, 1] ([…, C] for 'softmax-ce'). */
  widths: number[];
  activation: 'tanh' | 'sigmoid' | 'relu';
  loss: 'bce' | 'mse' | 'softmax-ce';
  splits: { train: HostPlaneSplit | null; test: HostPlaneSplit | null };
  /** Layers 1 … L. */
  layers: HostPlaneLayer[];
  /**
   * How a mean of m terms is rounded, as the backend's Mean kernel rounds it (so that accuracies,
   * counts/m, equal the tensor programs' bit for bit): 'quotient' = float32(Σ/m) (wasm);
   * 'reciprocal' = float32(Σ·float32(1/m)) (cpu, which divides every term by m, then sums).
   */
  mean: 'quotient' | 'reciprocal';
}

export type HostPlaneMetric = 'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy';

export interface HostPlaneProgram {
  /** The metrics at the points (a[g], b[g]): one [G] array per metric, in the order asked. */
  evaluate(
    data: HostPlaneData,
    a: Float32Array,
    b: Float32Array,
    metrics: readonly HostPlaneMetric[],
  ): Float32Array[];
}

/** Instantiates the program over the compiled SIMD module (`simdModuleBytes`). SELF-CONTAINED. */
export function hostPlaneProgram(wasmModule: WebAssembly.Module): HostPlaneProgram {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports as unknown as {
    matMul(...args: number[]): void;
    tanh(x: number, n: number): void;
    sigmoid(x: number, n: number): void;
    relu(x: number, n: number): void;
  };
  interface SplitLayout {
    m: number;
    mPad: number;
    q0: number;
    q12: number;
    /** Per layer l = 0 … L−1: its output [fanOut + 1, m̃] (last row ones). */
    outputs: number[];
    y: Float32Array;
  }
  interface LayerLayout {
    fanIn: number;
    fanOut: number;
    length: number;
    centre: number;
    directions: number;
  }
  let loaded: HostPlaneData | null = null;
  let splits: { train: SplitLayout | null; test: SplitLayout | null } = {
    train: null,
    test: null,
  };
  let layers: LayerLayout[] = [];
  let coef = 0;
  let zeros = 0;
  let weights = 0;
  /**
   * e^x for x ≤ 0 (the softmax's shifted logits) in float64, ~2× faster than Math.exp in V8:
   * e^x = 2^k · √2 · e^u with t = x·log₂e, k = ⌊t⌋, u = (t − k − ½)·ln 2 ∈ [−0.35, 0.35), e^u by
   * its Taylor polynomial of degree 8 (remainder < 0.35⁹/9! < 3e-10 relative), 2^−k from a table;
   * 0 below 2^−1074.
   */
  const powersOfHalf = new Float64Array(1076);
  for (let i = 0; i < 1076; i++) powersOfHalf[i] = 2 ** -i;
  const expNonPositive = (x: number): number => {
    const t = x * 1.4426950408889634;
    if (!(t > -1074)) return t === t ? 0 : t;
    const k = Math.floor(t);
    const u = (t - k - 0.5) * 0.6931471805599453;
    const e =
      1 +
      u *
        (1 +
          u *
            (1 / 2 +
              u *
                (1 / 6 +
                  u * (1 / 24 + u * (1 / 120 + u * (1 / 720 + u * (1 / 5040 + u / 40320)))))));
    return e * 1.4142135623730951 * powersOfHalf[-k]!;
  };

  const load = (data: HostPlaneData): void => {
    const widths = data.widths;
    const depth = widths.length - 1;
    let top = 0;
    const plan: Array<() => void> = [];
    const alloc = (floats: number): number => {
      const at = top;
      top += Math.ceil(floats / 4) * 16;
      return at;
    };
    coef = alloc(4);
    let widest = 4;
    let maxPad = 4;
    const layoutSplit = (s: HostPlaneSplit | null): SplitLayout | null => {
      if (!s) return null;
      maxPad = Math.max(maxPad, s.mPad);
      const out: SplitLayout = {
        m: s.m,
        mPad: s.mPad,
        q0: alloc(s.q0.length),
        q12: alloc(s.q12.length),
        outputs: [],
        y: s.y,
      };
      for (let l = 0; l < depth; l++) out.outputs.push(alloc((widths[l + 1]! + 1) * s.mPad));
      plan.push(() => {
        const f32 = new Float32Array(memory.buffer);
        f32.set(s.q0, out.q0 / 4);
        f32.set(s.q12, out.q12 / 4);
        for (let l = 0; l < depth; l++) {
          const ones = out.outputs[l]! / 4 + widths[l + 1]! * s.mPad;
          f32.fill(1, ones, ones + s.mPad);
        }
      });
      return out;
    };
    splits = { train: layoutSplit(data.splits.train), test: layoutSplit(data.splits.test) };
    layers = data.layers.map((layer) => {
      widest = Math.max(widest, layer.length);
      const out: LayerLayout = {
        fanIn: layer.fanIn,
        fanOut: layer.fanOut,
        length: layer.length,
        centre: alloc(layer.length),
        directions: alloc(2 * layer.length),
      };
      plan.push(() => {
        const f32 = new Float32Array(memory.buffer);
        f32.set(layer.centre, out.centre / 4);
        f32.set(layer.directions, out.directions / 4);
      });
      return out;
    });
    zeros = alloc(maxPad);
    weights = alloc(widest);
    const pages = Math.ceil(top / 65536) - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    new Float32Array(memory.buffer).fill(0);
    for (const step of plan) step();
    loaded = data;
  };

  /** Leaves the outputs z [m̃] of the point (a, b) at the returned byte offset. */
  const forward = (split: SplitLayout, a: number, b: number, activation: string): number => {
    const f32 = new Float32Array(memory.buffer, coef, 2);
    f32[0] = a;
    f32[1] = b;
    const mPad = split.mPad;
    const widths = (loaded as HostPlaneData).widths;
    const depth = split.outputs.length;
    // Z₀ᵀ = Q_cᵀ + a Q₁ᵀ + b Q₂ᵀ: one row, inner 2, h₁·m̃ columns.
    k.matMul(coef, 0, 4, split.q12, split.outputs[0]!, 1, 2, widths[1]! * mPad, split.q0, 0);
    for (let l = 1; l < depth; l++) {
      const input = split.outputs[l - 1]!;
      const units = widths[l]! * mPad;
      if (activation === 'tanh') k.tanh(input, units);
      else if (activation === 'sigmoid') k.sigmoid(input, units);
      else k.relu(input, units);
      const layer = layers[l - 1]!;
      // W̃(a, b) = C + a D₁ + b D₂, then Zᵀ = W̃ᵀ [Aᵀ; 1ᵀ] with A[r, t] = W̃[t, r].
      k.matMul(coef, 0, 4, layer.directions, weights, 1, 2, layer.length, layer.centre, 0);
      k.matMul(
        weights,
        4,
        4 * layer.fanOut,
        input,
        split.outputs[l]!,
        layer.fanOut,
        layer.fanIn + 1,
        mPad,
        zeros,
        0,
      );
    }
    return split.outputs[depth - 1]!;
  };

  return {
    evaluate(data, a, b, metrics) {
      if (loaded !== data) load(data);
      const g = a.length;
      const results = metrics.map(() => new Float32Array(g));
      const inverse = (m: number): number =>
        data.mean === 'reciprocal' ? Math.fround(1 / m) : 1 / m;
      const splitNames: Array<'train' | 'test'> = ['train', 'test'];
      for (const splitName of splitNames) {
        const wanted: number[] = [];
        metrics.forEach((metric, i) => {
          if (metric === `${splitName}Loss` || metric === `${splitName}Accuracy`) wanted.push(i);
        });
        if (wanted.length === 0) continue;
        const split = splits[splitName];
        if (!split) throw new Error(`the ${splitName} split has no data points`);
        const y = split.y;
        const m = split.m;
        const scale = inverse(m);
        const classes = data.widths[data.widths.length - 1]!;
        const mPad = split.mPad;
        for (let p = 0; p < g; p++) {
          const at = forward(split, a[p]!, b[p]!, data.activation);
          if (data.loss === 'softmax-ce') {
            // z[c·m̃ + j] is class c's logit of point j.
            const z = new Float32Array(memory.buffer, at, classes * mPad);
            for (const i of wanted) {
              let sum = 0;
              if (metrics[i]!.endsWith('Accuracy')) {
                for (let j = 0; j < m; j++) {
                  let best = 0;
                  let top = z[j]!;
                  for (let c = 1; c < classes; c++) {
                    const v = z[c * mPad + j]!;
                    if (v > top) {
                      top = v;
                      best = c;
                    }
                  }
                  if (best === y[j]) sum += 1;
                }
              } else {
                let product = 1;
                for (let j = 0; j < m; j++) {
                  let top = z[j]!;
                  for (let c = 1; c < classes; c++) {
                    const v = z[c * mPad + j]!;
                    if (v > top) top = v;
                  }
                  let total = 0;
                  for (let c = 0; c < classes; c++) total += expNonPositive(z[c * mPad + j]! - top);
                  sum += top - z[y[j]! * mPad + j]!;
                  product *= total;
                  if ((j & 31) === 31) {
                    sum += Math.log(product);
                    product = 1;
                  }
                }
                sum += Math.log(product);
              }
              results[i]![p] = sum * scale;
            }
            continue;
          }
          const z = new Float32Array(memory.buffer, at, m);
          for (const i of wanted) {
            let sum = 0;
            if (metrics[i]!.endsWith('Accuracy')) {
              for (let j = 0; j < m; j++) sum += (z[j]! > 0 ? 1 : 0) === y[j]! ? 1 : 0;
            } else if (data.loss === 'bce') {
              // Σ log(1 + e^−|z|) as the log of products of ≤ 64 factors in (1, 2] (one log per
              // 64 points instead of one per point; each factor is exact to 1e-16 absolute).
              let product = 1;
              for (let j = 0; j < m; j++) {
                const v = z[j]!;
                sum += (v > 0 ? v : 0) - y[j]! * v;
                product *= 1 + Math.exp(-Math.abs(v));
                if ((j & 63) === 63) {
                  sum += Math.log(product);
                  product = 1;
                }
              }
              sum += Math.log(product);
            } else {
              for (let j = 0; j < m; j++) {
                const d = z[j]! - y[j]!;
                sum += d * d;
              }
            }
            results[i]![p] = sum * scale;
          }
        }
      }
      return results;
    },
  };
}
