/** What the page is told about a configured session (types only). */

/** What the page needs to know about a configured session. */
export interface SessionInfo {
  names: string[];
  colors: string[];
  steps: number;
  problem: {
    name: string;
    task: 'classification' | 'regression' | 'surface';
    parameters: number;
    layout: string;
  };
  /** e.g. "MLP 2-16-16-1 (tanh), 337 parameters". */
  model: string;
  /** e.g. "two spirals, 256 training / 64 test points". */
  data: string;
  /** e.g. "binary cross-entropy". */
  loss: string;
  /** Surfaces: the formula. */
  formula?: string;
  /** The data points (for previews and decision-boundary backdrops), when there is an input space ≤ 2-D. */
  points?: {
    inputDim: number;
    xTrain: Float32Array;
    yTrain: Float32Array;
    xTest: Float32Array;
    yTest: Float32Array;
  };
  /** The applied config's `data.kind` (e.g. 'digits' shows the digits data view); absent for surfaces. */
  dataKind?: string;
  /** Input window [xMin, xMax, yMin, yMax] of the previews. */
  window?: [number, number, number, number];
}
