/**
 * The tanh model's exact (w, shift) landscape (`varProGrid`): one float64 least-squares solve per
 * grid point, for the app's default tanh teacher (64 points, 51 for training) and d units.
 */
import { generateDataset } from '../src/engine/data/datasets';
import { gridCoordinates } from '../src/engine/landscape/grid';
import { varProGrid } from '../src/engine/landscape/varpro-surface';

export interface VarProBenchRow {
  n: number;
  units: number;
  seconds: number;
  pointsPerSecond: number;
}

export function benchVarPro(sizes: number[], units: number[]): VarProBenchRow[] {
  const data = generateDataset({
    kind: 'tanh-teacher',
    points: 64,
    noise: 0.1,
    testFraction: 0.2,
    teacherUnits: 3,
    teacherSlope: 2,
    seed: 1,
  });
  const rows: VarProBenchRow[] = [];
  for (const d of units) {
    const reference = Array.from({ length: d }, (_, i) => -3 + (6 * (i + 0.5)) / d);
    for (const n of sizes) {
      const w = gridCoordinates(n, -3, 3);
      const s = gridCoordinates(n, -1.5, 1.5);
      varProGrid(data, reference, w.subarray(0, 5), s.subarray(0, 5)); // warm-up
      const t0 = performance.now();
      varProGrid(data, reference, w, s);
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ n, units: d, seconds, pointsPerSecond: (n * n) / seconds });
    }
  }
  return rows;
}
