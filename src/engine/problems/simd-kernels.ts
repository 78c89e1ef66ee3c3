/**
 * The inner loops of `MlpBackprop` as a tiny WebAssembly module with 128-bit SIMD, assembled here
 * from its binary encoding (no toolchain, no download; ~1 KB, compiled synchronously). Every
 * routine works on float32 arrays in one shared `WebAssembly.Memory`, addressed by byte offsets,
 * four lanes at a time (widths are padded to multiples of 4 by the caller).
 *
 * - `matMul(a, rowStride, innerStride, b, c, rows, inner, cols, init, initRowStride)`:
 *   C[r, :] = I[r, :] + Σ_t A[r·rowStride + t·innerStride] · B[t, :] with I[r, :] at
 *   init + r·initRowStride (strides in bytes, `cols` floats, rows, inner ≥ 1, cols a positive
 *   multiple of 4): I = C accumulates, a bias with row stride 0 broadcasts it, zeros overwrite.
 *   Four column blocks of 4 at a time while 16 columns remain, so four independent accumulators
 *   hide the add latency.
 * - `tanh(x, n)`: x ← tanh(x) in place (Eigen's rational approximation, see `fastTanh`).
 * - `tanhBackward(delta, a, n)`: δ ← δ ⊙ (1 − a²).
 * - `sigmoid(x, n)`: x ← σ(x) = ½ + ½ tanh(x/2);  `sigmoidBackward(delta, a, n)`: δ ← δ ⊙ a(1 − a).
 * - `relu(x, n)`: x ← max(x, 0);  `reluBackward(delta, a, n)`: δ ← δ ⊙ [a > 0].
 *
 * The JavaScript loops in `mlp-backprop.ts` compute the same and are used where WebAssembly SIMD
 * is missing; the tests run both.
 */

export interface SimdKernels {
  memory: WebAssembly.Memory;
  matMul(
    a: number,
    rowStride: number,
    innerStride: number,
    b: number,
    c: number,
    rows: number,
    inner: number,
    cols: number,
    init: number,
    initRowStride: number,
  ): void;
  tanh(x: number, n: number): void;
  tanhBackward(delta: number, a: number, n: number): void;
  sigmoid(x: number, n: number): void;
  sigmoidBackward(delta: number, a: number, n: number): void;
  relu(x: number, n: number): void;
  reluBackward(delta: number, a: number, n: number): void;
}

// --- encoding helpers --------------------------------------------------------------------------

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const V128 = 0x7b;

// Instructions.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const f32 = (v: number) => {
  const bytes = new Uint8Array(new Float32Array([v]).buffer);
  return [0x43, ...bytes];
};
const ADD = [0x6a];
const SUB = [0x6b];
const MUL = [0x6c];
const LT_S = [0x48];
const LE_S = [0x4c];
const LOOP = [0x03, 0x40];
const BLOCK = [0x02, 0x40];
const END = [0x0b];
const brIf = (depth: number) => [0x0d, ...uleb(depth)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V_LOAD = (offset = 0) => simd(0x00, 4, ...uleb(offset));
const V_STORE = (offset = 0) => simd(0x0b, 4, ...uleb(offset));
const LOAD32_SPLAT = simd(0x09, 2, 0);
const F32X4_SPLAT = simd(0x13);
const F32X4_GT = simd(0x44);
const V_AND = simd(0x4e);
const F32X4_ADD = simd(0xe4);
const F32X4_SUB = simd(0xe5);
const F32X4_MUL = simd(0xe6);
const F32X4_DIV = simd(0xe7);
const F32X4_MIN = simd(0xe8);
const F32X4_MAX = simd(0xe9);
const splat = (v: number) => [...f32(v), ...F32X4_SPLAT];

interface Func {
  params: number;
  locals: [count: number, type: number][];
  body: number[];
}

// --- kernels -----------------------------------------------------------------------------------

/** matMul; params 0..9 = a, rowStride, innerStride, b, c, rows, inner, cols, init, initRowStride. */
function matMul(): Func {
  const [A, RS, IS, B, C, ROWS, INNER, COLS, INIT, INITRS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // i32 locals
  const [R, J, T, AP, BP, CP, ROWBYTES, JEND16] = [10, 11, 12, 13, 14, 15, 16, 17];
  // v128 locals
  const [X, S0, S1, S2, S3] = [18, 19, 20, 21, 22];
  const accumulate = (blocks: number) => {
    const acc = [S0, S1, S2, S3].slice(0, blocks);
    return [
      // acc_q = init[r, j + 4q]
      ...acc.flatMap((s, q) => [...get(INIT), ...get(J), ...ADD, ...V_LOAD(16 * q), ...set(s)]),
      ...get(A),
      ...set(AP),
      ...get(B),
      ...get(J),
      ...ADD,
      ...set(BP),
      ...get(INNER),
      ...set(T),
      ...LOOP,
      // x = splat(A[ap]); acc_q += x · B[bp + 16q]
      ...get(AP),
      ...LOAD32_SPLAT,
      ...set(X),
      ...acc.flatMap((s, q) => [
        ...get(s),
        ...get(X),
        ...get(BP),
        ...V_LOAD(16 * q),
        ...F32X4_MUL,
        ...F32X4_ADD,
        ...set(s),
      ]),
      ...get(AP),
      ...get(IS),
      ...ADD,
      ...set(AP),
      ...get(BP),
      ...get(ROWBYTES),
      ...ADD,
      ...set(BP),
      ...get(T),
      ...i32(1),
      ...SUB,
      ...tee(T),
      ...brIf(0),
      ...END,
      ...acc.flatMap((s, q) => [...get(CP), ...get(J), ...ADD, ...get(s), ...V_STORE(16 * q)]),
    ];
  };
  const body = [
    ...get(COLS),
    ...i32(4),
    ...MUL,
    ...set(ROWBYTES),
    ...get(ROWBYTES),
    ...i32(64),
    ...SUB,
    ...set(JEND16),
    ...get(C),
    ...set(CP),
    ...i32(0),
    ...set(R),
    ...LOOP, // rows
    ...i32(0),
    ...set(J),
    // 16-column blocks: while j ≤ rowBytes − 64
    ...BLOCK,
    ...get(J),
    ...get(JEND16),
    ...[0x4a], // i32.gt_s: j > jEnd16 → skip
    ...brIf(0),
    ...LOOP,
    ...accumulate(4),
    ...get(J),
    ...i32(64),
    ...ADD,
    ...tee(J),
    ...get(JEND16),
    ...LE_S,
    ...brIf(0),
    ...END,
    ...END,
    // remaining 4-column blocks: while j < rowBytes
    ...BLOCK,
    ...get(J),
    ...get(ROWBYTES),
    ...[0x4e], // i32.ge_s: j ≥ rowBytes → skip
    ...brIf(0),
    ...LOOP,
    ...accumulate(1),
    ...get(J),
    ...i32(16),
    ...ADD,
    ...tee(J),
    ...get(ROWBYTES),
    ...LT_S,
    ...brIf(0),
    ...END,
    ...END,
    // next row
    ...get(A),
    ...get(RS),
    ...ADD,
    ...set(A),
    ...get(INIT),
    ...get(INITRS),
    ...ADD,
    ...set(INIT),
    ...get(CP),
    ...get(ROWBYTES),
    ...ADD,
    ...set(CP),
    ...get(R),
    ...i32(1),
    ...ADD,
    ...tee(R),
    ...get(ROWS),
    ...LT_S,
    ...brIf(0),
    ...END,
  ];
  return {
    params: 10,
    locals: [
      [8, I32],
      [5, V128],
    ],
    body,
  };
}

/**
 * An element-wise loop over n floats (n a positive multiple of 4) at byte offsets p0 (and p1):
 * `lanes` computes the new value of the 4 lanes at p0 from locals v0 (= p0's lanes), v1 (= p1's
 * lanes with two inputs, else a scratch local) and constant(i), the local holding splat(constants[i])
 * (set once before the loop).
 */
function elementwise(
  twoInputs: boolean,
  lanes: (v0: number, v1: number, constant: (i: number) => number) => number[],
  constants: readonly number[] = [],
): Func {
  const [P0, P1] = [0, 1];
  const N = twoInputs ? 2 : 1;
  const [END_, V0, V1] = [N + 1, N + 2, N + 3];
  const constant = (i: number) => N + 4 + i;
  const body = [
    ...constants.flatMap((c, i) => [...splat(c), ...set(constant(i))]),
    ...get(P0),
    ...get(N),
    ...i32(4),
    ...MUL,
    ...ADD,
    ...set(END_),
    ...LOOP,
    ...get(P0),
    ...V_LOAD(),
    ...set(V0),
    ...(twoInputs ? [...get(P1), ...V_LOAD(), ...set(V1)] : []),
    ...get(P0),
    ...lanes(V0, V1, constant),
    ...V_STORE(),
    ...get(P0),
    ...i32(16),
    ...ADD,
    ...set(P0),
    ...(twoInputs ? [...get(P1), ...i32(16), ...ADD, ...set(P1)] : []),
    ...get(P0),
    ...get(END_),
    ...LT_S,
    ...brIf(0),
    ...END,
  ];
  return {
    params: twoInputs ? 3 : 2,
    locals: [
      [1, I32],
      [2 + constants.length, V128],
    ],
    body,
  };
}

const TANH_CLAMP = 7.90531110763549805;
const TANH_P = [
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8,
  1.48572235717979e-5, 6.37261928875436e-4, 4.89352455891786e-3,
];
const TANH_Q = [1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3];
/** The constants of `tanhLanes`, in the order it reads them, then ½ (for σ). */
const TANH_CONSTANTS = [TANH_CLAMP, -TANH_CLAMP, ...TANH_P, ...TANH_Q, 0.5];
const HALF = TANH_CONSTANTS.length - 1;

/** Horner's rule in x² (local `x2`) for coefficients (locals from `first`), highest degree first. */
function horner(count: number, first: number, x2: number, constant: (i: number) => number) {
  const out = get(constant(first));
  for (let i = 1; i < count; i++)
    out.push(...get(x2), ...F32X4_MUL, ...get(constant(first + i)), ...F32X4_ADD);
  return out;
}

/** tanh of local v0 onto the stack: x = clamp(v0); v1 = x²; x · P(x²) / Q(x²). */
function tanhLanes(v0: number, v1: number, constant: (i: number) => number): number[] {
  return [
    ...get(v0),
    ...get(constant(0)),
    ...F32X4_MIN,
    ...get(constant(1)),
    ...F32X4_MAX,
    ...tee(v0),
    ...get(v0),
    ...F32X4_MUL,
    ...set(v1),
    ...get(v0),
    ...horner(TANH_P.length, 2, v1, constant),
    ...F32X4_MUL,
    ...horner(TANH_Q.length, 2 + TANH_P.length, v1, constant),
    ...F32X4_DIV,
  ];
}

function tanhKernel(): Func {
  return elementwise(false, tanhLanes, TANH_CONSTANTS);
}

/** σ(x) = ½ + ½ tanh(x/2). */
function sigmoidKernel(): Func {
  return elementwise(
    false,
    (v0, v1, c) => [
      ...get(v0),
      ...get(c(HALF)),
      ...F32X4_MUL,
      ...set(v0),
      ...tanhLanes(v0, v1, c),
      ...get(c(HALF)),
      ...F32X4_MUL,
      ...get(c(HALF)),
      ...F32X4_ADD,
    ],
    TANH_CONSTANTS,
  );
}

function tanhBackwardKernel(): Func {
  // δ · (1 − a²)
  return elementwise(
    true,
    (d, a, c) => [
      ...get(d),
      ...get(c(0)),
      ...get(a),
      ...get(a),
      ...F32X4_MUL,
      ...F32X4_SUB,
      ...F32X4_MUL,
    ],
    [1],
  );
}

function sigmoidBackwardKernel(): Func {
  // δ · a · (1 − a)
  return elementwise(
    true,
    (d, a, c) => [
      ...get(d),
      ...get(a),
      ...F32X4_MUL,
      ...get(c(0)),
      ...get(a),
      ...F32X4_SUB,
      ...F32X4_MUL,
    ],
    [1],
  );
}

function reluKernel(): Func {
  return elementwise(false, (v0, _v1, c) => [...get(v0), ...get(c(0)), ...F32X4_MAX], [0]);
}

function reluBackwardKernel(): Func {
  // δ & (a > 0 ? all-ones : 0)
  return elementwise(
    true,
    (d, a, c) => [...get(d), ...get(a), ...get(c(0)), ...F32X4_GT, ...V_AND],
    [0],
  );
}

const EXPORTS = [
  'matMul',
  'tanh',
  'tanhBackward',
  'sigmoid',
  'sigmoidBackward',
  'relu',
  'reluBackward',
] as const;

/** The module's bytes. */
export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  const funcs = [
    matMul(),
    tanhKernel(),
    tanhBackwardKernel(),
    sigmoidKernel(),
    sigmoidBackwardKernel(),
    reluKernel(),
    reluBackwardKernel(),
  ];
  const types = funcs.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [I32])), 0]);
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(EXPORTS.map((e, i) => [...name(e), 0x00, ...uleb(i)]))),
    ...section(
      10,
      vec(
        funcs.map((f) => {
          const code = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, ...END];
          return [...uleb(code.length), ...code];
        }),
      ),
    ),
  ];
  return new Uint8Array(bytes);
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * Instantiates the kernels over a fresh memory of at least `bytes` bytes, or returns null where
 * WebAssembly SIMD is not available (the caller falls back to JavaScript loops).
 */
export function createSimdKernels(bytes: number): SimdKernels | null {
  if (compiled === undefined) {
    try {
      compiled =
        typeof WebAssembly === 'object' && WebAssembly.validate(simdModuleBytes())
          ? new WebAssembly.Module(simdModuleBytes())
          : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return { memory, ...(instance.exports as unknown as Omit<SimdKernels, 'memory'>) };
}
