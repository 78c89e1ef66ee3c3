/**
 * CSV text of what the explorer shows: the landscape grid (one row per grid point) and the runs'
 * paths on its plane (one row per recorded point). RFC 4180: comma-separated, `\n` line ends, a
 * field with a comma, quote or line break quoted (quotes doubled). Numbers are written in full
 * (`String(x)`); NaN and ±Infinity are written as empty fields.
 */
import type { LandscapeView, TrajectoryView } from '../state/view-types';

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows of fields as CSV text (each row ends with `\n`). */
export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\n').join('');
}

/**
 * The grid as CSV: a header naming the axes and the metric with its plane
 * (`a: PC1 (72.4 %),b: PC2 (11.0 %),trainLoss (pca plane)`), then one row `a,b,value` per grid
 * point with b the outer loop (row-major [n_b, n_a], as stored): n² rows.
 */
export function gridCsv(landscape: LandscapeView, plane: string | null): string {
  const { n, a, b, values, metric, axisLabels } = landscape;
  const header = [
    `a: ${axisLabels[0]}`,
    `b: ${axisLabels[1]}`,
    plane ? `${metric} (${plane} plane)` : metric,
  ];
  const rows: (string | number)[][] = [header];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) rows.push([a[i]!, b[j]!, values[j * n + i]!]);
  }
  return csvText(rows);
}

/**
 * Every run's path as CSV: `run,step,a,b,<metric>,<metric> on plane,off-plane ratio` with one row
 * per recorded point of each run (runs in legend order). `steps[i]` is the update of point i
 * (the loss history's steps; points beyond it get an empty step).
 */
export function trajectoriesCsv(
  trajectories: readonly TrajectoryView[],
  steps: readonly number[],
  metric: string,
): string {
  const rows: (string | number)[][] = [
    ['run', 'step', 'a', 'b', metric, `${metric} on plane`, 'off-plane ratio'],
  ];
  for (const t of trajectories) {
    for (let i = 0; i < t.length; i++) {
      rows.push([
        t.name,
        steps[i] ?? Number.NaN,
        t.a[i]!,
        t.b[i]!,
        t.trueLoss[i]!,
        t.planeLoss[i]!,
        t.offPlane[i]!,
      ]);
    }
  }
  return csvText(rows);
}
