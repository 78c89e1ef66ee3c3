/**
 * The layout of one flat parameter vector θ ∈ R^P: which tensor lives where.
 *
 * Every model in the product is a function of one flat θ. A `ParameterLayout` lists its tensors in
 * order; entry e occupies θ[e.offset .. e.offset + size(e.shape)) in row-major order. For a weight
 * matrix, `unitAxis` names the axis that indexes the units (filters) it feeds: dense kernels are
 * stored [fanIn, fanOut], so a unit is a column (`unitAxis = 1`) and its fan-in runs down axis 0.
 * Filter normalisation (Li et al. 2018) scales each unit's incoming weights; it reads `unitAxis`.
 */
export interface ParameterEntry {
  /** Human-readable name, e.g. "W1" or "b1". */
  readonly name: string;
  /** Shape of the tensor; its size is the product of the dimensions. */
  readonly shape: readonly number[];
  /** Index of the first element in θ. */
  readonly offset: number;
  /** Weights (scaled by filter normalisation) or biases (zeroed or copied). */
  readonly kind: 'weight' | 'bias';
  /** For weights: the axis that indexes units (columns of an [in, out] kernel = 1). */
  readonly unitAxis?: number;
}

export interface ParameterLayout {
  /** Total number of parameters P. */
  readonly size: number;
  readonly entries: readonly ParameterEntry[];
}

/** Builds a layout from entries given in order; offsets are assigned consecutively. */
export function makeLayout(entries: readonly Omit<ParameterEntry, 'offset'>[]): ParameterLayout {
  let offset = 0;
  const placed: ParameterEntry[] = [];
  for (const e of entries) {
    placed.push({ ...e, offset });
    offset += e.shape.reduce((a, b) => a * b, 1);
  }
  return { size: offset, entries: placed };
}

/** Number of elements of an entry. */
export function entrySize(entry: ParameterEntry): number {
  return entry.shape.reduce((a, b) => a * b, 1);
}

/** Human-readable one-line description, e.g. "W0[2,16] b0[16] W1[16,1] b1[1] (P = 65)". */
export function describeLayout(layout: ParameterLayout): string {
  const parts = layout.entries.map((e) => `${e.name}[${e.shape.join(',')}]`);
  return `${parts.join(' ')} (P = ${layout.size})`;
}
