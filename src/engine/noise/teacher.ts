import type { Dataset } from '../data/datasets';

/** The data sets whose labels come from a known teacher plus Gaussian label noise. */
export type TeacherDataKind = 'tanh-teacher' | 'linear-design';

/**
 * Noise-free training targets h_θ*(xᵢ) [m] of a teacher data set (float64), for the split of the
 * gradient noise into its label-noise and misfit terms:
 * - 'tanh-teacher': h(x) = Σⱼ αⱼ tanh(w (x − bⱼ)), teacher θ* = [w, b₁..b_d, α₁..α_d];
 * - 'linear-design': h(a) = a·θ*.
 */
export function teacherTargets(dataset: Dataset, kind: TeacherDataKind): Float64Array {
  const teacher = dataset.teacher;
  if (!teacher) throw new Error(`the '${kind}' data set carries no teacher parameters`);
  const m = dataset.yTrain.length;
  const d = dataset.inputDim;
  const x = dataset.xTrain;
  const out = new Float64Array(m);
  if (kind === 'linear-design') {
    if (teacher.length !== d)
      throw new RangeError(`linear teacher has ${teacher.length} weights for ${d} features`);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j]! * teacher[j]!;
      out[i] = s;
    }
    return out;
  }
  const units = (teacher.length - 1) / 2;
  if (d !== 1 || !Number.isInteger(units) || units < 1)
    throw new RangeError(`tanh teacher of ${teacher.length} parameters on ${d}-D inputs`);
  const w = teacher[0]!;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < units; j++)
      s += teacher[1 + units + j]! * Math.tanh(w * (x[i]! - teacher[1 + j]!));
    out[i] = s;
  }
  return out;
}
