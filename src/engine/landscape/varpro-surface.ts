/**
 * The tanh model's exact 2-D landscape (Zancato & Chiuso; SCIENCE.md §1, variable projection):
 * h(x) = Σᵢ αᵢ tanh(w (x − bᵢ)) with the centres tied to reference positions moved by one shared
 * shift s, bᵢ = rᵢ + s, and the output weights α eliminated by least squares:
 *   L(w, s) = (1/m) ‖Y − Φ(w, s) Φ(w, s)⁺ Y‖²,  Φ_{ki} = tanh(w (x_k − rᵢ − s)).
 * Every value is an exact float64 least-squares solve (Householder QR with column pivoting): no
 * plane, no projection, no sampling. Φ is ill-conditioned for small w (its columns tend to
 * w (x − bᵢ), nearly collinear), which is why this runs in float64 and not in float32 tensors.
 *
 * The surface is even in w: tanh(−w u) = −tanh(w u), so α* changes sign and L(−w, s) = L(w, s).
 *
 * Plain arrays only (no tensors): nothing to leak.
 */
import { leastSquares } from '../math/linalg';

/** The data of a 1-D regression: inputs and targets per split. */
export interface VarProData {
  xTrain: ArrayLike<number>;
  yTrain: ArrayLike<number>;
  xTest: ArrayLike<number>;
  yTest: ArrayLike<number>;
}

/** The design matrix Φ [m, d] row-major, Φ_{ki} = tanh(w (x_k − rᵢ − s)), in float64. */
export function tanhDesign(
  x: ArrayLike<number>,
  reference: ArrayLike<number>,
  w: number,
  shift: number,
): Float64Array {
  const m = x.length;
  const d = reference.length;
  const phi = new Float64Array(m * d);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < d; i++) phi[k * d + i] = Math.tanh(w * (x[k]! - reference[i]! - shift));
  }
  return phi;
}

/** The exact fit at one (w, s): α* = Φ⁺Y on the training data and what it leaves. */
export interface ReducedFit {
  /** Output weights α*(w, s) [d] (least squares on the training split). */
  alpha: Float64Array;
  /** Training residuals y_k − (Φ α*)_k [m_train]. */
  residual: Float64Array;
  /** L(w, s) = mean of the squared training residuals. */
  trainLoss: number;
  /** Mean squared error of the same model on the test split (NaN without test points). */
  testLoss: number;
}

/** α*(w, s) by least squares on the training split, with the train and test losses it reaches. */
export function reducedFit(
  data: VarProData,
  reference: ArrayLike<number>,
  w: number,
  shift: number,
): ReducedFit {
  const m = data.xTrain.length;
  const d = reference.length;
  const phi = tanhDesign(data.xTrain, reference, w, shift);
  const { solution, residual } = leastSquares(phi, m, d, data.yTrain);
  let s = 0;
  for (let k = 0; k < m; k++) s += residual[k]! * residual[k]!;
  const mt = data.xTest.length;
  let t = 0;
  for (let k = 0; k < mt; k++) {
    let h = 0;
    for (let i = 0; i < d; i++)
      h += solution[i]! * Math.tanh(w * (data.xTest[k]! - reference[i]! - shift));
    t += (h - data.yTest[k]!) ** 2;
  }
  return { alpha: solution, residual, trainLoss: s / m, testLoss: mt > 0 ? t / mt : NaN };
}

/** The reduced train and test losses on a grid: the value at (w[i], s[j]) is at j·n_w + i. */
export interface VarProGridValues {
  trainLoss: Float64Array;
  testLoss: Float64Array;
}

/**
 * L(w, s) at every grid point (w[i], s[j]), row-major [n_s, n_w] like `LandscapeGrid`: one exact
 * least-squares solve per point, float64. `onRow` is called after every row of s (for progress
 * and cancellation: throw from it to stop).
 */
export function varProGrid(
  data: VarProData,
  reference: ArrayLike<number>,
  w: ArrayLike<number>,
  s: ArrayLike<number>,
  onRow?: (done: number, total: number) => void,
): VarProGridValues {
  const nw = w.length;
  const ns = s.length;
  const trainLoss = new Float64Array(nw * ns);
  const testLoss = new Float64Array(nw * ns);
  for (let j = 0; j < ns; j++) {
    for (let i = 0; i < nw; i++) {
      const fit = reducedFit(data, reference, w[i]!, s[j]!);
      trainLoss[j * nw + i] = fit.trainLoss;
      testLoss[j * nw + i] = fit.testLoss;
    }
    onRow?.((j + 1) * nw, nw * ns);
  }
  return { trainLoss, testLoss };
}

/** A run's recorded points mapped into (w, s), with what the map drops. */
export interface VarProCoordinates {
  /** The slope w = θ[0] [T]. */
  a: Float32Array;
  /** The mean shift of the centres from the reference, s = (1/d) Σᵢ (bᵢ − rᵢ) [T]. */
  b: Float32Array;
  /**
   * ‖θ − θ̂‖ [T], θ̂ = [w, r + s·1, α*(w, s)]: the point of the exact surface that (w, s) stands
   * for. It is zero exactly when the centres moved together (bᵢ − rᵢ = s for all i) and α is the
   * least-squares α*; its centre part is the spread of the individual shifts around their mean.
   */
  offPlane: Float32Array;
  /** offPlane / ‖θ‖ [T]. */
  offPlaneRelative: Float32Array;
}

/**
 * Maps parameter vectors of the tanh model, θ = [w, b₁..b_d, α₁..α_d], row-major [T, 1 + 2d],
 * into the coordinates of the exact surface: a = w, b = s = mean(bᵢ − rᵢ). The map keeps the
 * slope and the mean centre position and drops (i) how the centres moved relative to each other
 * and (ii) α (the surface always uses α*). The true loss L(θ) and the surface's L(w, s) therefore
 * differ: L(θ) ≥ L(w, s) whenever the centres are exactly r + s·1 (α* is the best α there); when
 * they are not, the surface describes a different centre configuration and either can be lower.
 */
export function varProCoordinates(
  points: ArrayLike<number>,
  reference: ArrayLike<number>,
  data: VarProData,
): VarProCoordinates {
  const d = reference.length;
  const p = 1 + 2 * d;
  if (points.length % p !== 0)
    throw new RangeError(`varProCoordinates: ${points.length} values are not rows of ${p}`);
  const t = points.length / p;
  const a = new Float32Array(t);
  const b = new Float32Array(t);
  const offPlane = new Float32Array(t);
  const offPlaneRelative = new Float32Array(t);
  for (let row = 0; row < t; row++) {
    const o = row * p;
    const w = points[o]!;
    let s = 0;
    for (let i = 0; i < d; i++) s += points[o + 1 + i]! - reference[i]!;
    s /= d;
    a[row] = w;
    b[row] = s;
    let off = 0;
    let norm = w * w;
    if (Number.isFinite(w) && Number.isFinite(s)) {
      const { alpha } = reducedFit(data, reference, w, s);
      for (let i = 0; i < d; i++) {
        const bi = points[o + 1 + i]!;
        const ai = points[o + 1 + d + i]!;
        off += (bi - reference[i]! - s) ** 2 + (ai - alpha[i]!) ** 2;
        norm += bi * bi + ai * ai;
      }
    } else {
      off = NaN;
    }
    offPlane[row] = Math.sqrt(off);
    offPlaneRelative[row] = norm > 0 ? Math.sqrt(off / norm) : 0;
  }
  return { a, b, offPlane, offPlaneRelative };
}

/** The point of the full model that (w, s) stands for: θ̂ = [w, r + s·1, α*(w, s)] [1 + 2d]. */
export function varProTheta(
  data: VarProData,
  reference: ArrayLike<number>,
  w: number,
  shift: number,
): Float64Array {
  const d = reference.length;
  const theta = new Float64Array(1 + 2 * d);
  theta[0] = w;
  const { alpha } = reducedFit(data, reference, w, shift);
  for (let i = 0; i < d; i++) {
    theta[1 + i] = reference[i]! + shift;
    theta[1 + d + i] = alpha[i]!;
  }
  return theta;
}

/** Data points the basis at (w, s) fits worst. */
export interface DynamicOutliers {
  w: number;
  s: number;
  /** Indices into the training split, largest |residual| first. */
  indices: number[];
  /** Their residuals y_k − h(x_k) (signed). */
  residuals: number[];
}

/**
 * The "dynamic outliers" at (w, s) (Zancato & Chiuso): the `count` training points with the
 * largest |y_k − Φ α*| of the exact fit there, largest first (ties by index).
 */
export function dynamicOutliers(
  data: VarProData,
  reference: ArrayLike<number>,
  w: number,
  s: number,
  count: number,
): DynamicOutliers {
  const { residual } = reducedFit(data, reference, w, s);
  const indices = topByMagnitude(residual, count);
  return { w, s, indices, residuals: indices.map((k) => residual[k]!) };
}

/** Indices of the `count` entries of largest |v|, largest first (ties: lower index first). */
export function topByMagnitude(v: ArrayLike<number>, count: number): number[] {
  const order = Array.from({ length: v.length }, (_, k) => k);
  order.sort((i, j) => Math.abs(v[j]!) - Math.abs(v[i]!) || i - j);
  return order.slice(0, Math.max(0, Math.min(count, v.length)));
}

/** A local minimum of the reduced surface. */
export interface ReducedMinimum {
  w: number;
  s: number;
  /** L(w, s) at the refined point. */
  loss: number;
  /** The grid point it was refined from (its index j·n_w + i) and the value there. */
  gridIndex: number;
  gridLoss: number;
}

/**
 * The local minima of L(w, s): every interior grid point lower than its 8 neighbours, each refined
 * by compass search on the exact L (steps ±h along w and s, h halved when no step lowers L,
 * starting at the grid spacing, until h < 1e-7 × the spacing), kept within one grid cell of where
 * it started, and duplicates (refined points closer than a tenth of a cell) merged; sorted by loss.
 */
export function reducedMinima(
  data: VarProData,
  reference: ArrayLike<number>,
  w: ArrayLike<number>,
  s: ArrayLike<number>,
  values: ArrayLike<number>,
): ReducedMinimum[] {
  const nw = w.length;
  const ns = s.length;
  const out: ReducedMinimum[] = [];
  const hw0 = nw > 1 ? Math.abs(w[1]! - w[0]!) : 1;
  const hs0 = ns > 1 ? Math.abs(s[1]! - s[0]!) : 1;
  const loss = (a: number, b: number) => reducedFit(data, reference, a, b).trainLoss;
  for (let j = 1; j < ns - 1; j++) {
    for (let i = 1; i < nw - 1; i++) {
      const v = values[j * nw + i]!;
      if (!Number.isFinite(v)) continue;
      let lowest = true;
      for (let dj = -1; dj <= 1 && lowest; dj++) {
        for (let di = -1; di <= 1; di++) {
          if (di === 0 && dj === 0) continue;
          const u = values[(j + dj) * nw + i + di]!;
          if (!(v < u)) {
            lowest = false;
            break;
          }
        }
      }
      if (!lowest) continue;
      const w0 = w[i]!;
      const s0 = s[j]!;
      let pw = w0;
      let ps = s0;
      let pl = loss(pw, ps);
      let hw = hw0;
      let hs = hs0;
      for (let iter = 0; iter < 400 && hw > 1e-7 * hw0; iter++) {
        let moved = false;
        for (const [dw, ds] of [
          [hw, 0],
          [-hw, 0],
          [0, hs],
          [0, -hs],
        ] as const) {
          const cw = pw + dw;
          const cs = ps + ds;
          if (Math.abs(cw - w0) > hw0 || Math.abs(cs - s0) > hs0) continue;
          const cl = loss(cw, cs);
          if (cl < pl) {
            pw = cw;
            ps = cs;
            pl = cl;
            moved = true;
            break;
          }
        }
        if (!moved) {
          hw /= 2;
          hs /= 2;
        }
      }
      const duplicate = out.find(
        (m) => Math.abs(m.w - pw) < 0.1 * hw0 && Math.abs(m.s - ps) < 0.1 * hs0,
      );
      if (duplicate) {
        if (pl < duplicate.loss) Object.assign(duplicate, { w: pw, s: ps, loss: pl });
        continue;
      }
      out.push({ w: pw, s: ps, loss: pl, gridIndex: j * nw + i, gridLoss: v });
    }
  }
  return out.sort((x, y) => x.loss - y.loss);
}
