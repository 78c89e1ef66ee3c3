import type { ActivationName } from './activations';
import type { LossName } from './data-problem';
import { createSimdKernels, type SimdKernels } from './simd-kernels';

/** The loops the backward pass is made of, on float32 arrays (views of one memory for SIMD). */
interface Kernels {
  /**
   * C[r, :] = I[r, :] + Σ_t A[r·rowStride + t·innerStride] · B[t, :] with I[r, :] =
   * init[r·initRowStride + :] (strides in floats, cols % 4 = 0; init may be C itself).
   */
  matMul(
    a: Float32Array,
    rowStride: number,
    innerStride: number,
    b: Float32Array,
    c: Float32Array,
    rows: number,
    inner: number,
    cols: number,
    init: Float32Array,
    initRowStride: number,
  ): void;
  activate(name: ActivationName, v: Float32Array): void;
  multiplyByDerivative(name: ActivationName, delta: Float32Array, a: Float32Array): void;
  /** A float32 array of n entries, 16-byte aligned, in the kernels' memory. */
  allocate(n: number): Float32Array;
}

const JS_KERNELS: Kernels = {
  matMul: (a, rowStride, innerStride, b, c, rows, inner, cols, init, initRowStride) => {
    if (init !== c || initRowStride !== cols)
      for (let r = 0; r < rows; r++)
        c.set(init.subarray(r * initRowStride, r * initRowStride + cols), r * cols);
    matMulAdd(a, rowStride, innerStride, b, c, rows, inner, cols);
  },
  activate: activateInPlace,
  multiplyByDerivative,
  allocate: (n) => new Float32Array(n),
};

/** The SIMD module's kernels behind the `Kernels` interface. */
function simdKernels(simd: SimdKernels): Kernels {
  let next = 0;
  return {
    matMul: (a, rowStride, innerStride, b, c, rows, inner, cols, init, initRowStride) =>
      simd.matMul(
        a.byteOffset,
        4 * rowStride,
        4 * innerStride,
        b.byteOffset,
        c.byteOffset,
        rows,
        inner,
        cols,
        init.byteOffset,
        4 * initRowStride,
      ),
    activate: (name, v) => simd[name](v.byteOffset, v.length),
    multiplyByDerivative: (name, delta, a) =>
      simd[`${name}Backward`](delta.byteOffset, a.byteOffset, delta.length),
    allocate: (n) => {
      const view = new Float32Array(simd.memory.buffer, next, n);
      next += Math.ceil(n / 4) * 16;
      return view;
    },
  };
}

/** Floats the buffers of one network need (an upper bound, for sizing the SIMD memory). */
function floatsNeeded(padded: readonly number[], m: number): number {
  let n = 2 * m + padded[0]! * m + 64;
  for (let l = 0; l + 1 < padded.length; l++) {
    const pin = padded[l]!;
    const pout = padded[l + 1]!;
    n += 4 * (pin * pout + 4) + 2 * (pout + 4) + 2 * (m * pout + 4);
    // Hessian-vector products: V, Vᵀ, HW; Vb, Hb; RZ, RA, Rδ; two [m, in] scratch buffers.
    n += 3 * (pin * pout + 4) + 2 * (pout + 4) + 3 * (m * pout + 4) + 2 * (m * pin + 4);
  }
  return n;
}

/**
 * The value and gradient of an MLP's weighted training loss, back-propagated by hand on the host
 * (no tensor program): for K parameter rows θ_k (the `mlpLayout` order: W₀ [d, h₁], b₀, W₁, b₁, …,
 * W_L [h_L, 1], b_L),
 *   L_k = Σᵢ w_ki ℓ(z_ki, yᵢ),  z_k = a_L W_L + b_L,  a_{l+1} = act(a_l W_l + b_l),  a₀ = X,
 * and ∂L_k/∂θ_k by the chain rule written as matrix products (Rumelhart et al. 1986):
 *   δ_L = w ⊙ ℓ'(z)                      [m, 1]
 *   ∂W_l = a_lᵀ δ_l,  ∂b_l = 1ᵀ δ_l
 *   δ_{l−1} = (δ_l W_lᵀ) ⊙ act'(a_l)      (act' written through the activation's output)
 * with ℓ'(z) = σ(z) − y for 'bce' (softplus(z) − yz), 2(z − y) for 'mse' ((z − y)²), and for
 * 'softmax-ce' on C logits (ℓ = log Σ_c e^{z_c} − z_y) the row ∂ℓ/∂z_c = softmax(z)_c − [c = y];
 * tanh' = 1 − a², σ' = a(1 − a), relu' = [a > 0] (tfjs's convention at 0).
 *
 * Why: on the wasm and cpu backends a training step of K small networks as a tensor program costs
 * ~250 kernel launches (the batched and transposed matMuls of tf.grad's backward pass run as scalar
 * loops on wasm); these loops do the same arithmetic with no launch at all. `tf.grad` remains the
 * oracle: `mlp-backprop.test.ts` pins this against it and against finite differences.
 *
 * Layout: every width except the input's is padded to a multiple of 4 (zero weights, so padded
 * units never reach a real one); products are row-major loops whose innermost index runs along
 * contiguous memory.
 */
export class MlpBackprop {
  /** Layer widths [d, h₁, …, h_L, 1]. */
  readonly widths: readonly number[];
  /** Parameters per row P. */
  readonly size: number;
  /** Whether the WebAssembly SIMD kernels run the loops (else JavaScript). */
  readonly usesSimd: boolean;
  private readonly padded: number[];
  private readonly m: number;
  private readonly y: Float32Array;
  private readonly kernels: Kernels;
  /** [m] ones (column sums as products) and [max padded width] zeros (products that overwrite). */
  private readonly ones: Float32Array;
  private readonly zeros: Float32Array;
  /** Per layer l: W_l [in_l, out_l] (padded), its transpose, b_l [out_l], and the gradients. */
  private readonly w: Float32Array[];
  private readonly wT: Float32Array[];
  private readonly b: Float32Array[];
  private readonly dw: Float32Array[];
  private readonly db: Float32Array[];
  /** a_l [m, in_l] for l ≥ 1 (a₀ = X), then the outputs z [m, 4] (column 0). */
  private readonly act: Float32Array[];
  /** δ buffers [m, out_l] per layer. */
  private readonly delta: Float32Array[];
  /** Hessian-vector products (R-operator): per layer V_l, V_lᵀ, Vb_l, H·v's parts, R{z_l}
   * (pre-activation), R{a_{l+1}}, R{δ_l}, and two [m, in_l] scratch buffers. */
  private readonly r: {
    v: Float32Array[];
    vT: Float32Array[];
    vb: Float32Array[];
    hw: Float32Array[];
    hb: Float32Array[];
    rz: Float32Array[];
    ra: Float32Array[];
    rdelta: Float32Array[];
    g: Float32Array[];
    t: Float32Array[];
  };
  /** Offsets of W_l and b_l in θ. */
  private readonly offsets: { w: number; b: number }[];
  /** Scratch [C] for one example's softmax probabilities ('softmax-ce'). */
  private readonly probabilities: Float64Array;
  /** Scratch gradient [P] for `evaluate` (allocated on first use). */
  private gradScratch: Float32Array | null = null;

  /**
   * @param x training inputs, row-major [m, d]
   * @param y targets [m] (labels in {0, 1} for 'bce', class indices 0 … C − 1 for 'softmax-ce')
   * @param simd use the WebAssembly SIMD kernels where available (false: JavaScript loops)
   */
  constructor(
    widths: readonly number[],
    readonly activation: ActivationName,
    readonly loss: LossName,
    x: Float32Array,
    y: Float32Array,
    simd = true,
  ) {
    const outputs = widths[widths.length - 1]!;
    if (loss === 'softmax-ce' ? outputs < 3 : outputs !== 1)
      throw new RangeError(
        loss === 'softmax-ce'
          ? `softmax cross-entropy needs 3 or more outputs (one per class), got ${outputs}`
          : `the last width must be 1 for '${loss}', got ${outputs}`,
      );
    this.widths = [...widths];
    this.m = y.length;
    if (x.length !== this.m * widths[0]!)
      throw new RangeError(`x has ${x.length} entries, expected m·d = ${this.m}·${widths[0]}`);
    this.y = y;
    this.padded = widths.map((w, l) => (l === 0 ? w : Math.ceil(w / 4) * 4));
    const simdModule = simd ? createSimdKernels(4 * floatsNeeded(this.padded, this.m)) : null;
    this.kernels = simdModule ? simdKernels(simdModule) : JS_KERNELS;
    this.usesSimd = simdModule !== null;
    const allocate = this.kernels.allocate;
    const layers = widths.length - 1;
    this.ones = allocate(this.m).fill(1);
    this.zeros = allocate(Math.max(...this.padded)).fill(0);
    const input = allocate(x.length);
    input.set(x);
    this.w = [];
    this.wT = [];
    this.b = [];
    this.dw = [];
    this.db = [];
    this.act = [input];
    this.delta = [];
    this.r = { v: [], vT: [], vb: [], hw: [], hb: [], rz: [], ra: [], rdelta: [], g: [], t: [] };
    this.offsets = [];
    let offset = 0;
    for (let l = 0; l < layers; l++) {
      const pin = this.padded[l]!;
      const pout = this.padded[l + 1]!;
      this.w.push(allocate(pin * pout));
      this.wT.push(allocate(pin * pout));
      this.b.push(allocate(pout));
      this.dw.push(allocate(pin * pout));
      this.db.push(allocate(pout));
      this.act.push(allocate(this.m * pout));
      this.delta.push(allocate(this.m * pout));
      for (const [key, n] of [
        ['v', pin * pout],
        ['vT', pin * pout],
        ['vb', pout],
        ['hw', pin * pout],
        ['hb', pout],
        ['rz', this.m * pout],
        ['ra', this.m * pout],
        ['rdelta', this.m * pout],
        ['g', this.m * pin],
        ['t', this.m * pin],
      ] as const)
        this.r[key].push(allocate(n));
      this.offsets.push({ w: offset, b: offset + widths[l]! * widths[l + 1]! });
      offset += (widths[l]! + 1) * widths[l + 1]!;
    }
    this.size = offset;
    this.probabilities = new Float64Array(outputs);
  }

  /**
   * Loss and gradient of K rows.
   * @param theta [K, P] row-major
   * @param weights example weights [K, m] row-major, or null for the mean (wᵢ = 1/m)
   * @param lossOut receives L_k [K]
   * @param gradOut receives ∂L_k/∂θ_k [K, P]
   */
  valueAndGrad(
    theta: Float32Array,
    k: number,
    weights: Float32Array | null,
    lossOut: Float32Array,
    gradOut: Float32Array,
  ): void {
    const p = this.size;
    for (let r = 0; r < k; r++) {
      lossOut[r] = this.row(
        theta.subarray(r * p, (r + 1) * p),
        weights ? weights.subarray(r * this.m, (r + 1) * this.m) : null,
        gradOut.subarray(r * p, (r + 1) * p),
      );
    }
  }

  /**
   * Full-batch metrics of K rows on this network's data (what a training snapshot reports): the
   * forward pass, and the backward pass only when gradient norms are asked for.
   * @param theta [K, P] row-major
   * @param lossOut receives the mean loss L_k = (1/m) Σᵢ ℓᵢ(θ_k) [K] (summed in float64, as
   *   `valueAndGrad` with null weights)
   * @param gradNormOut receives ‖∇L_k‖ [K] (Σ of squares in float64), or null (forward only)
   * @param correctOut receives the number of correctly classified examples per row [K]: with one
   *   output [z > 0] = y (as `accuracyFromLogits`, also for 'mse', whose problem reports it too);
   *   with C logits argmax_c z_c = y, ties to the first class (as tf.argMax); or null
   */
  evaluate(
    theta: Float32Array,
    k: number,
    lossOut: Float32Array,
    gradNormOut: Float32Array | null,
    correctOut: Float64Array | null,
  ): void {
    const p = this.size;
    const layers = this.widths.length - 1;
    const grad = gradNormOut ? (this.gradScratch ??= new Float32Array(p)) : null;
    for (let r = 0; r < k; r++) {
      const row = theta.subarray(r * p, (r + 1) * p);
      if (grad) {
        lossOut[r] = this.row(row, null, grad);
        let sq = 0;
        for (let i = 0; i < p; i++) sq += grad[i]! * grad[i]!;
        gradNormOut![r] = Math.sqrt(sq);
      } else {
        this.forward(row);
        lossOut[r] = this.lossAndSlope(this.act[layers]!, null, this.delta[layers - 1]!);
      }
      if (correctOut) correctOut[r] = this.correct(this.act[layers]!);
    }
  }

  /** Correctly classified examples of the outputs z (see `evaluate`). */
  private correct(z: Float32Array): number {
    const m = this.m;
    const y = this.y;
    const classes = this.widths[this.widths.length - 1]!;
    let count = 0;
    if (this.loss !== 'softmax-ce') {
      for (let i = 0; i < m; i++) if ((z[i * 4]! > 0 ? 1 : 0) === y[i]) count++;
      return count;
    }
    const stride = this.padded[this.padded.length - 1]!;
    for (let i = 0; i < m; i++) {
      const row = i * stride;
      let best = 0;
      for (let c = 1; c < classes; c++) if (z[row + c]! > z[row + best]!) best = c;
      if (best === y[i]) count++;
    }
    return count;
  }

  /** Unpacks θ and runs the forward pass: act[l + 1] = act(1 b_l + act[l] W_l); the last holds z. */
  private forward(theta: Float32Array): void {
    const layers = this.widths.length - 1;
    const m = this.m;
    const kernels = this.kernels;
    for (let l = 0; l < layers; l++) this.unpack(theta, l);
    for (let l = 0; l < layers; l++) {
      const pin = this.padded[l]!;
      const pout = this.padded[l + 1]!;
      const out = this.act[l + 1]!;
      kernels.matMul(this.act[l]!, pin, 1, this.w[l]!, out, m, pin, pout, this.b[l]!, 0);
      if (l + 1 < layers) kernels.activate(this.activation, out);
    }
  }

  /** One row: unpacks θ, runs forward and backward, packs the gradient; returns L. */
  private row(theta: Float32Array, weights: Float32Array | null, grad: Float32Array): number {
    const layers = this.widths.length - 1;
    const m = this.m;
    const kernels = this.kernels;
    const zeros = this.zeros;
    this.forward(theta);
    const total = this.lossAndSlope(this.act[layers]!, weights, this.delta[layers - 1]!);
    // Backward.
    for (let l = layers - 1; l >= 0; l--) {
      const pin = this.padded[l]!;
      const pout = this.padded[l + 1]!;
      const delta = this.delta[l]!;
      const dw = this.dw[l]!;
      const db = this.db[l]!;
      // ∂W = a_lᵀ δ: rows a, inner i (a_l[i, a] at i·pin + a); ∂b = 1ᵀ δ.
      kernels.matMul(this.act[l]!, 1, pin, delta, dw, pin, m, pout, zeros, 0);
      kernels.matMul(this.ones, 0, 1, delta, db, 1, m, pout, zeros, 0);
      if (l > 0) {
        // δ_{l−1} = (δ W_lᵀ) ⊙ act'(a_l); δ's padded columns are 0, so the inner sum runs over
        // the real width only.
        const previous = this.delta[l - 1]!;
        const width = this.widths[l + 1]!;
        kernels.matMul(delta, pout, 1, this.wT[l]!, previous, m, width, pin, zeros, 0);
        kernels.multiplyByDerivative(this.activation, previous, this.act[l]!);
      }
      this.pack(grad, l);
    }
    return total;
  }

  /**
   * Hessian-vector products H_k v_k of the weighted loss for K rows, by the R-operator
   * (Pearlmutter 1994: R{f} = ∂/∂r f(θ + r v) at r = 0) applied to the forward and backward pass:
   *   R{z_l} = R{a_l} W_l + a_l V_l + Vb_l,  R{a_{l+1}} = act'(z_l) ⊙ R{z_l},  R{a₀} = 0
   *   R{δ_L} = w ⊙ ℓ''(z) ⊙ R{z}  (ℓ'' = σ(1 − σ) for 'bce', 2 for 'mse'; for 'softmax-ce' the
   *   C×C Hessian diag(p) − ppᵀ of p = softmax(z): R{δ_c} = w p_c (R{z_c} − Σ_c' p_c' R{z_c'}))
   *   H_W_l = R{a_l}ᵀ δ_l + a_lᵀ R{δ_l},  H_b_l = 1ᵀ R{δ_l}
   *   R{δ_{l−1}} = (R{δ_l} W_lᵀ + δ_l V_lᵀ) ⊙ act'(z_{l−1}) + (δ_l W_lᵀ) ⊙ act''(z_{l−1}) ⊙ R{z_{l−1}}
   * with act'' through the output a: tanh'' = −2a(1 − a²), σ'' = a(1 − a)(1 − 2a), relu'' = 0.
   * @param theta [K, P]; @param v [K, P]; @param weights [K, m] or null (wᵢ = 1/m), or [m] shared
   * @param out receives H_k v_k [K, P]
   */
  hessianVectorProducts(
    theta: Float32Array,
    v: Float32Array,
    k: number,
    weights: Float32Array | null,
    out: Float32Array,
  ): void {
    const p = this.size;
    const m = this.m;
    const shared = weights !== null && weights.length === m;
    for (let row = 0; row < k; row++) {
      const w =
        weights === null ? null : shared ? weights : weights.subarray(row * m, (row + 1) * m);
      this.hvpRow(
        theta.subarray(row * p, (row + 1) * p),
        v.subarray(row * p, (row + 1) * p),
        w,
        out.subarray(row * p, (row + 1) * p),
      );
    }
  }

  private hvpRow(
    theta: Float32Array,
    v: Float32Array,
    weights: Float32Array | null,
    out: Float32Array,
  ): void {
    const layers = this.widths.length - 1;
    const m = this.m;
    const kernels = this.kernels;
    const zeros = this.zeros;
    const r = this.r;
    const activation = this.activation;
    for (let l = 0; l < layers; l++) {
      this.unpack(theta, l);
      this.unpack(v, l, r.v[l]!, r.vT[l]!, r.vb[l]!);
    }
    // Forward and R-forward.
    for (let l = 0; l < layers; l++) {
      const pin = this.padded[l]!;
      const pout = this.padded[l + 1]!;
      const out_ = this.act[l + 1]!;
      const rz = r.rz[l]!;
      kernels.matMul(this.act[l]!, pin, 1, this.w[l]!, out_, m, pin, pout, this.b[l]!, 0);
      kernels.matMul(this.act[l]!, pin, 1, r.v[l]!, rz, m, pin, pout, r.vb[l]!, 0);
      if (l > 0) kernels.matMul(r.ra[l - 1]!, pin, 1, this.w[l]!, rz, m, pin, pout, rz, pout);
      if (l + 1 < layers) {
        kernels.activate(activation, out_);
        const ra = r.ra[l]!;
        ra.set(rz);
        kernels.multiplyByDerivative(activation, ra, out_);
      }
    }
    // δ_L = w ⊙ ℓ'(z), R{δ_L} = w ⊙ ℓ''(z) ⊙ R{z}.
    const z = this.act[layers]!;
    const rzOut = r.rz[layers - 1]!;
    const deltaOut = this.delta[layers - 1]!;
    const rdeltaOut = r.rdelta[layers - 1]!;
    const bce = this.loss === 'bce';
    const uniform = 1 / m;
    if (this.loss === 'softmax-ce') {
      const classes = this.widths[layers]!;
      const stride = this.padded[layers]!;
      const p = this.probabilities;
      for (let i = 0; i < m; i++) {
        const wi = weights ? weights[i]! : uniform;
        const row = i * stride;
        const label = this.y[i]!;
        // δ = w (p − e_y), R{δ} = w p ⊙ (R{z} − pᵀR{z}) with p = softmax(z).
        softmaxRow(z, row, classes, p);
        let mean = 0;
        for (let c = 0; c < classes; c++) mean += p[c]! * rzOut[row + c]!;
        for (let c = 0; c < classes; c++) {
          deltaOut[row + c] = wi * (p[c]! - (c === label ? 1 : 0));
          rdeltaOut[row + c] = wi * p[c]! * (rzOut[row + c]! - mean);
        }
      }
    } else
      for (let i = 0; i < m; i++) {
        const zi = z[i * 4]!;
        const wi = weights ? weights[i]! : uniform;
        let slope: number, curvature: number;
        if (bce) {
          const e = Math.exp(-Math.abs(zi));
          const sigma = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
          slope = sigma - this.y[i]!;
          curvature = sigma * (1 - sigma);
        } else {
          slope = 2 * (zi - this.y[i]!);
          curvature = 2;
        }
        deltaOut[i * 4] = wi * slope;
        rdeltaOut[i * 4] = wi * curvature * rzOut[i * 4]!;
      }
    // Backward and R-backward.
    for (let l = layers - 1; l >= 0; l--) {
      const pin = this.padded[l]!;
      const pout = this.padded[l + 1]!;
      const delta = this.delta[l]!;
      const rdelta = r.rdelta[l]!;
      const hw = r.hw[l]!;
      kernels.matMul(this.act[l]!, 1, pin, rdelta, hw, pin, m, pout, zeros, 0);
      if (l > 0) kernels.matMul(r.ra[l - 1]!, 1, pin, delta, hw, pin, m, pout, hw, pout);
      kernels.matMul(this.ones, 0, 1, rdelta, r.hb[l]!, 1, m, pout, zeros, 0);
      if (l > 0) {
        const width = this.widths[l + 1]!;
        const g = r.g[l]!;
        const t = r.t[l]!;
        // g = δ_l W_lᵀ; t = R{δ_l} W_lᵀ + δ_l V_lᵀ.
        kernels.matMul(delta, pout, 1, this.wT[l]!, g, m, width, pin, zeros, 0);
        kernels.matMul(rdelta, pout, 1, this.wT[l]!, t, m, width, pin, zeros, 0);
        kernels.matMul(delta, pout, 1, r.vT[l]!, t, m, width, pin, t, pin);
        const a = this.act[l]!;
        const rz = r.rz[l - 1]!;
        const previous = this.delta[l - 1]!;
        const rprevious = r.rdelta[l - 1]!;
        const n = m * pin;
        for (let i = 0; i < n; i++) {
          const ai = a[i]!;
          let d1: number, d2: number;
          if (activation === 'tanh') {
            d1 = 1 - ai * ai;
            d2 = -2 * ai * d1;
          } else if (activation === 'sigmoid') {
            d1 = ai * (1 - ai);
            d2 = d1 * (1 - 2 * ai);
          } else {
            d1 = ai > 0 ? 1 : 0;
            d2 = 0;
          }
          previous[i] = g[i]! * d1;
          rprevious[i] = t[i]! * d1 + g[i]! * d2 * rz[i]!;
        }
      }
      this.pack(out, l, hw, r.hb[l]!);
    }
  }

  /**
   * L = Σᵢ wᵢ ℓ(zᵢ, yᵢ) and δᵢ = wᵢ ℓ'(zᵢ) from outputs z [m, 4] (column 0) into δ [m, 4];
   * for 'softmax-ce' from z [m, C padded] (columns 0 … C − 1) into δ of the same shape, with
   * ℓ = log Σ_c e^{z_c} − z_y and ∂ℓ/∂z_c = p_c − [c = y], p = softmax(z).
   * For 'bce', ℓ = max(z, 0) − yz + log(1 + e^{−|z|}) with σ(z) from the same exponential; the
   * log terms of examples with the common weight w̄ (all of them for the mean or a mini-batch)
   * are summed as w̄ · log Π(1 + eᵢ) over blocks of 512 (each factor in (1, 2], so no overflow):
   * one log per block instead of one per example.
   */
  private lossAndSlope(z: Float32Array, weights: Float32Array | null, delta: Float32Array): number {
    const m = this.m;
    const y = this.y;
    const uniform = 1 / m;
    let total = 0;
    if (this.loss === 'softmax-ce') {
      const classes = this.widths[this.widths.length - 1]!;
      const stride = this.padded[this.padded.length - 1]!;
      const p = this.probabilities;
      for (let i = 0; i < m; i++) {
        const wi = weights ? weights[i]! : uniform;
        const row = i * stride;
        const label = y[i]!;
        const logSumExp = softmaxRow(z, row, classes, p);
        for (let c = 0; c < classes; c++) delta[row + c] = wi * (p[c]! - (c === label ? 1 : 0));
        if (wi !== 0) total += wi * (logSumExp - z[row + label]!);
      }
      return total;
    }
    if (this.loss === 'mse') {
      for (let i = 0; i < m; i++) {
        const wi = weights ? weights[i]! : uniform;
        const r = z[i * 4]! - y[i]!;
        total += wi * r * r;
        delta[i * 4] = wi * 2 * r;
      }
      return total;
    }
    let common = uniform;
    if (weights) for (let i = 0; i < m && (common = weights[i]!) === 0; i++);
    let product = 1;
    let logSum = 0;
    let inBlock = 0;
    for (let i = 0; i < m; i++) {
      const zi = z[i * 4]!;
      const yi = y[i]!;
      const wi = weights ? weights[i]! : uniform;
      const e = Math.exp(-Math.abs(zi));
      const sigma = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
      delta[i * 4] = wi * (sigma - yi);
      if (wi === 0) continue;
      total += wi * (Math.max(zi, 0) - yi * zi);
      if (wi === common) {
        product *= 1 + e;
        if (++inBlock === 512) {
          logSum += Math.log(product);
          product = 1;
          inBlock = 0;
        }
      } else total += wi * Math.log1p(e);
    }
    return total + common * (logSum + Math.log(product));
  }

  /** θ's W_l, b_l into the padded buffers (and W_lᵀ for the backward pass). */
  private unpack(
    theta: Float32Array,
    l: number,
    w = this.w[l]!,
    wT = this.wT[l]!,
    b = this.b[l]!,
  ): void {
    const fanIn = this.widths[l]!;
    const fanOut = this.widths[l + 1]!;
    const pin = this.padded[l]!;
    const pout = this.padded[l + 1]!;
    const { w: wOffset, b: bOffset } = this.offsets[l]!;
    for (let a = 0; a < fanIn; a++) {
      for (let j = 0; j < fanOut; j++) {
        const v = theta[wOffset + a * fanOut + j]!;
        w[a * pout + j] = v;
        wT[j * pin + a] = v;
      }
    }
    for (let j = 0; j < fanOut; j++) b[j] = theta[bOffset + j]!;
  }

  /** The padded gradients of layer l into θ's order. */
  private pack(grad: Float32Array, l: number, dw = this.dw[l]!, db = this.db[l]!): void {
    const fanIn = this.widths[l]!;
    const fanOut = this.widths[l + 1]!;
    const pout = this.padded[l + 1]!;
    const { w: wOffset, b: bOffset } = this.offsets[l]!;
    for (let a = 0; a < fanIn; a++)
      for (let j = 0; j < fanOut; j++) grad[wOffset + a * fanOut + j] = dw[a * pout + j]!;
    for (let j = 0; j < fanOut; j++) grad[bOffset + j] = db[j]!;
  }
}

/**
 * Softmax of one example's logits z[row … row + C − 1] into p [C], stably (the row max
 * subtracted); returns log Σ_c e^{z_c}.
 */
export function softmaxRow(z: Float32Array, row: number, classes: number, p: Float64Array): number {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, z[row + c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp(z[row + c]! - max);
    p[c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) p[c] = p[c]! / sum;
  return max + Math.log(sum);
}

/**
 * C[r, :] += Σ_t A[r·rowStride + t·innerStride] · B[t, :] for r < rows, t < inner, with B and C
 * row-major of `cols` columns: C = A·B, or C = Aᵀ·B through the strides.
 */
export function matMulAdd(
  a: Float32Array,
  rowStride: number,
  innerStride: number,
  b: Float32Array,
  c: Float32Array,
  rows: number,
  inner: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const cBase = r * cols;
    const aBase = r * rowStride;
    for (let t = 0; t < inner; t++) {
      const s = a[aBase + t * innerStride]!;
      const bBase = t * cols;
      for (let j = 0; j < cols; j++) c[cBase + j] = c[cBase + j]! + s * b[bBase + j]!;
    }
  }
}

/**
 * tanh(x) as Eigen's rational minimax approximation (`generic_fast_tanh_float`): odd degree-13
 * numerator over even degree-6 denominator on |x| ≤ 7.9053, ±1 beyond (where 1 − tanh < 3e-7 and
 * float32 tanh is within a few ulps of ±1); absolute error < 3e-7 (largest at the clamp, where 1 − tanh = 2.7e-7, a few float32 ulps
 * of 1), as tfjs's 2σ(2x) − 1 form (≈ 1.2e-7 from rounding σ).
 */
export function fastTanh(x: number): number {
  if (x > 7.90531110763549805) return 1;
  if (x < -7.90531110763549805) return -1;
  const x2 = x * x;
  let p = x2 * -2.76076847742355e-16 + 2.00018790482477e-13;
  p = x2 * p + -8.60467152213735e-11;
  p = x2 * p + 5.12229709037114e-8;
  p = x2 * p + 1.48572235717979e-5;
  p = x2 * p + 6.37261928875436e-4;
  p = x2 * p + 4.89352455891786e-3;
  let q = x2 * 1.19825839466702e-6 + 1.18534705686654e-4;
  q = x2 * q + 2.268434632439e-3;
  q = x2 * q + 4.89352518554385e-3;
  return (x * p) / q;
}

function activateInPlace(name: ActivationName, v: Float32Array): void {
  const n = v.length;
  switch (name) {
    case 'tanh':
      for (let i = 0; i < n; i++) v[i] = fastTanh(v[i]!);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) v[i] = 1 / (1 + Math.exp(-v[i]!));
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (!(v[i]! > 0)) v[i] = 0;
      return;
  }
}

/** δ ⊙= act'(a), with the derivative written through the activation's output a. */
function multiplyByDerivative(name: ActivationName, delta: Float32Array, a: Float32Array): void {
  const n = delta.length;
  switch (name) {
    case 'tanh':
      for (let i = 0; i < n; i++) delta[i] = delta[i]! * (1 - a[i]! * a[i]!);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) delta[i] = delta[i]! * a[i]! * (1 - a[i]!);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (!(a[i]! > 0)) delta[i] = 0;
      return;
  }
}
