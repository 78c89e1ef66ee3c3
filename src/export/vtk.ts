/**
 * A surface as ParaView reads it: VTK XML PolyData (`.vtp`), ASCII. The tool of Li et al. converts
 * its surfaces the same way (`h52vtp.py`: points (x, y, loss), quads between grid neighbours).
 *
 * Points: one per grid point, index j·n + i for (a[i], b[j]), at (a[i], b[j], z) with z the first
 * metric present (training loss first) and non-finite values (a diverged region, a point not
 * computed) drawn at the largest finite value, as the explorer clips them. Point data: every
 * metric's values as they are (NaN written `nan`; accuracies as fractions), and `finite` (1, or 0
 * where the height was clipped). Polys: the (n − 1)² quads (i, j), (i+1, j), (i+1, j+1), (i, j+1).
 */
import { LANDSCAPE_METRICS } from '../config/schema';
import type { Surface } from './surface';

/** A number as VTK's ASCII reader takes it (`nan`, `inf`, `-inf` for the non-finite). */
function vtkNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(x);
}

/** The metric drawn as height: the first of the app's order the surface has. */
export function vtkHeightMetric(surface: Surface) {
  const metric = LANDSCAPE_METRICS.find((m) => surface.grids[m]);
  if (!metric) throw new RangeError('surfaceVtp: the surface has no grid');
  return metric;
}

/** The surface as the text of a `.vtp` file. */
export function surfaceVtp(surface: Surface): string {
  const n = surface.a.length;
  const metric = vtkHeightMetric(surface);
  const heights = surface.grids[metric]!;
  let top = Number.NEGATIVE_INFINITY;
  for (const v of heights) if (Number.isFinite(v) && v > top) top = v;
  if (!Number.isFinite(top)) top = 0;
  const points: string[] = [];
  const finite: string[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = heights[j * n + i]!;
      const ok = Number.isFinite(v);
      points.push(`${surface.a[i]} ${surface.b[j]} ${ok ? v : top}`);
      finite.push(ok ? '1' : '0');
    }
  }
  const connectivity: string[] = [];
  const offsets: string[] = [];
  for (let j = 0; j + 1 < n; j++) {
    for (let i = 0; i + 1 < n; i++) {
      const k = j * n + i;
      connectivity.push(`${k} ${k + 1} ${k + n + 1} ${k + n}`);
      offsets.push(String(4 * (offsets.length + 1)));
    }
  }
  const arrays = LANDSCAPE_METRICS.filter((m) => surface.grids[m]).map(
    (m) =>
      `        <DataArray type="Float64" Name="${m}" format="ascii">${Array.from(surface.grids[m]!, vtkNumber).join(' ')}</DataArray>`,
  );
  return [
    '<?xml version="1.0"?>',
    '<VTKFile type="PolyData" version="1.0" byte_order="LittleEndian">',
    '  <PolyData>',
    `    <Piece NumberOfPoints="${n * n}" NumberOfVerts="0" NumberOfLines="0" NumberOfStrips="0" NumberOfPolys="${offsets.length}">`,
    `      <PointData Scalars="${metric}">`,
    ...arrays,
    `        <DataArray type="UInt8" Name="finite" format="ascii">${finite.join(' ')}</DataArray>`,
    '      </PointData>',
    '      <Points>',
    `        <DataArray type="Float64" NumberOfComponents="3" format="ascii">${points.join(' ')}</DataArray>`,
    '      </Points>',
    '      <Polys>',
    `        <DataArray type="Int32" Name="connectivity" format="ascii">${connectivity.join(' ')}</DataArray>`,
    `        <DataArray type="Int32" Name="offsets" format="ascii">${offsets.join(' ')}</DataArray>`,
    '      </Polys>',
    '    </Piece>',
    '  </PolyData>',
    '</VTKFile>',
    '',
  ].join('\n');
}
