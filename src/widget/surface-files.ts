/**
 * The explorer's surface files (the "Export / open" menu): the landscape on screen as HDF5 in the
 * loss-landscape tool's layout, its plane as JSON, the surface as VTK polydata, and opening an HDF5
 * surface (the tool's or ours) in place of the live landscape. The HDF5 library (h5wasm, ~4 MB of
 * WebAssembly) loads only when a file is written or read.
 */
import type { SessionController } from '../client/controller';
import type { LandscapeMetric } from '../config/schema';
import { encodePlane, planeJson } from '../export/plane';
import {
  surfaceLandscape,
  surfaceMetric,
  surfaceOfView,
  surfaceTrajectories,
  type Surface,
} from '../export/surface';
import { surfaceVtp } from '../export/vtk';
import type { AppState } from '../state/store';

/** Surface files larger than this are refused before they are read. */
export const MAX_SURFACE_BYTES = 256 * 2 ** 20;

/** A surface file opened in the explorer. */
export interface OpenedSurface {
  surface: Surface;
  source: string;
  /** The metrics the file holds, in the app's order. */
  metrics: LandscapeMetric[];
  /** A line on what the file lacks (points not computed), or null. */
  note: string | null;
}

const METRIC_WORDS: Record<LandscapeMetric, string> = {
  trainLoss: 'training loss',
  testLoss: 'test loss',
  trainAccuracy: 'training accuracy',
  testAccuracy: 'test accuracy',
};

/** Reads an HDF5 surface file; throws with every problem named (`SurfaceFileError`). */
export async function readSurfaceFile(file: File): Promise<OpenedSurface> {
  if (file.size > MAX_SURFACE_BYTES) {
    throw new Error(
      `it has ${(file.size / 2 ** 20).toFixed(0)} MB; a surface file may have at most ${MAX_SURFACE_BYTES / 2 ** 20} MB`,
    );
  }
  const { decodeSurfaceHdf5 } = await import('../export/hdf5');
  const report = await decodeSurfaceHdf5(new Uint8Array(await file.arrayBuffer()));
  const metrics = (Object.keys(METRIC_WORDS) as LandscapeMetric[]).filter(
    (m) => report.surface.grids[m],
  );
  const missing = Object.entries(report.notComputed).map(
    ([m, count]) => `${count} ${METRIC_WORDS[m as LandscapeMetric]} point${count === 1 ? '' : 's'}`,
  );
  return {
    surface: report.surface,
    source: file.name,
    metrics,
    note: missing.length
      ? `Not computed in the file (drawn as gaps at the top of the scale): ${missing.join(', ')}.`
      : null,
  };
}

/** Shows `metric` of an opened surface in place of the live landscape. */
export async function showOpenedSurface(
  controller: SessionController,
  opened: OpenedSurface,
  metric?: LandscapeMetric,
): Promise<void> {
  const shown = surfaceMetric(opened.surface, metric);
  await controller.showSurface(
    surfaceLandscape(opened.surface, shown),
    surfaceTrajectories(opened.surface, shown),
    { directions: opened.surface.directions ?? 'imported', explained: opened.surface.explained },
    opened.source,
  );
}

/**
 * The surface on screen as a file holds it: an imported surface as it was read (every metric),
 * else the live landscape with its paths and, when the worker has it, its plane's vectors.
 */
export async function shownSurface(
  controller: SessionController,
  state: AppState,
  imported: OpenedSurface | null,
): Promise<Surface> {
  if (imported && controller.importedSurface === imported.source) return imported.surface;
  if (!state.landscape) throw new Error('there is no landscape yet');
  const session = state.session!;
  const shown = await controller.shownPlane();
  return surfaceOfView(state.landscape, state.trajectories, {
    directions: session.plane?.directions ?? null,
    explained: session.plane?.explained ?? null,
    vectors: shown && { centre: shown.centre, d1: shown.d1, d2: shown.d2 },
    layout: shown?.problem.layout ?? null,
    ...(shown?.ranges && { ranges: shown.ranges }),
  });
}

/** The surface as HDF5 bytes (`fileName` is written as its own `dir_file`). */
export async function surfaceHdf5(surface: Surface, fileName: string): Promise<Blob> {
  const { encodeSurfaceHdf5 } = await import('../export/hdf5');
  const bytes = await encodeSurfaceHdf5(surface, fileName);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-hdf5' });
}

/** The surface as a ParaView `.vtp` file. */
export function surfaceVtkBlob(surface: Surface): Blob {
  return new Blob([surfaceVtp(surface)], { type: 'application/xml' });
}

/** The plane file of the surface on screen; throws when its vectors are not known here. */
export function planeBlob(surface: Surface, problemName: string): Blob {
  if (!surface.plane) {
    throw new Error(
      'the plane of this landscape is not known here (a replayed result, or a surface file without our plane): its vectors are in the file it came from, if anywhere',
    );
  }
  const problem = {
    name: problemName,
    parameters: surface.plane.d1.length,
    layout: surface.layout ?? [],
  };
  const file = encodePlane({
    problem,
    directions: surface.directions ?? 'unknown',
    axisLabels: surface.axisLabels ?? ['d₁', 'd₂'],
    explained: surface.explained,
    plane: surface.plane,
    a: surface.a,
    b: surface.b,
    ...(surface.ranges && { ranges: surface.ranges }),
    metrics: (Object.keys(surface.grids) as LandscapeMetric[]).filter((m) => surface.grids[m]),
  });
  return new Blob([planeJson(file)], { type: 'application/json' });
}
