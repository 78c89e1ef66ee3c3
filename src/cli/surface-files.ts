/**
 * The CLI's surface files, written after a run from the landscape it computed: `--hdf5 FILE`
 * (the loss-landscape tool's layout with our extras, `export/hdf5.ts`), `--plane FILE` (the plane
 * as JSON with the `experiment.landscape` block that recomputes it, `export/plane.ts`) and
 * `--vtk FILE` (ParaView polydata, `export/vtk.ts`).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentLandscape } from '../experiment/landscape';
import type { ExperimentResult } from '../experiment/run';
import { encodePlane, planeJson } from '../export/plane';
import { surfaceOfResult } from '../export/surface';
import { surfaceVtp } from '../export/vtk';

/** Which surface files to write (null: not asked for). */
export interface SurfaceFileTargets {
  hdf5: string | null;
  plane: string | null;
  vtk: string | null;
}

/** True when any surface file is asked for. */
export function wantsSurfaceFiles(targets: SurfaceFileTargets): boolean {
  return targets.hdf5 !== null || targets.plane !== null || targets.vtk !== null;
}

/**
 * Writes the files asked for; returns one line per file written (for the log). `landscape` is
 * the computed landscape of `result` (its plane's vectors and exact ranges).
 */
export async function writeSurfaceFiles(
  targets: SurfaceFileTargets,
  result: ExperimentResult,
  landscape: ExperimentLandscape,
): Promise<string[]> {
  const written: string[] = [];
  if (!landscape.plane)
    throw new RangeError(
      "the exact (w, shift) landscape has no plane in θ: export it from a plane's landscape (random, pca, points, axes, hessian or explicit)",
    );
  const surface = surfaceOfResult(result.landscape!, result.problem.layout, landscape.plane);
  if (targets.hdf5) {
    // Loaded only when asked for: the HDF5 library is a 4 MB WebAssembly module.
    const { encodeSurfaceHdf5 } = await import('../export/hdf5');
    const bytes = await encodeSurfaceHdf5(surface, path.basename(targets.hdf5));
    await writeFile(targets.hdf5, bytes);
    written.push(`wrote ${targets.hdf5} (HDF5, ${bytes.length.toLocaleString('en')} bytes)`);
  }
  if (targets.plane) {
    const file = encodePlane({
      problem: result.problem,
      directions: landscape.directions,
      axisLabels: landscape.axisLabels,
      explained: landscape.explained,
      plane: landscape.plane,
      a: landscape.grid.a,
      b: landscape.grid.b,
      ranges: { aRange: landscape.aRange, bRange: landscape.bRange },
      metrics: Object.keys(landscape.grid.values) as (keyof typeof landscape.grid.values)[],
    });
    await writeFile(targets.plane, planeJson(file));
    written.push(
      `wrote ${targets.plane} (plane: centre, d1, d2 of P = ${result.problem.parameters})`,
    );
  }
  if (targets.vtk) {
    await writeFile(targets.vtk, surfaceVtp(surface));
    written.push(`wrote ${targets.vtk} (VTK polydata)`);
  }
  return written;
}
