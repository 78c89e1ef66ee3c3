/**
 * Loss surfaces as HDF5 files in the layout of Li et al.'s loss-landscape tool
 * (github.com/tomgoldstein/loss-landscape: `plot_surface.py` writes, `plot_2D.py`, `plot_1D.py`
 * and `h52vtp.py` read), so its plotting scripts open our files and we open its files. Written and
 * read with h5wasm (the HDF5 C library compiled to WebAssembly, embedded in the package), in the
 * browser and in Node, on an in-memory file system.
 *
 * The reference layout (what its scripts read), all at the root:
 * - `xcoordinates` float64 [nx], `ycoordinates` float64 [ny] (np.linspace of the grid ranges);
 * - `train_loss`, `train_acc` and, when computed, `test_loss`, `test_acc`: float64 of shape
 *   (nx, ny), filled in the order of `np.meshgrid(x, y).ravel()`, so the flat index j·nx + i holds
 *   the value at (x[i], y[j]): our row-major [n_b, n_a] exactly. Accuracies are in percent
 *   (its `evaluation.py`: 100·correct/total); a value not yet computed is −1;
 * - `dir_file`: the name of the direction file (a string).
 * Its direction file keeps `xdirection`/`ydirection` as groups of one dataset per parameter
 * tensor named "0", "1", … (`h5_util.write_list`), and `explained_variance_ratio_` for PCA; its
 * projection file `proj_xcoord`/`proj_ycoord`. Our files hold those too (the file is its own
 * direction and projection file: `dir_file` names itself; the projection is the first run's path).
 *
 * Our extras, under our own group `lle` (attribute `format` = SURFACE_FORMAT): attributes
 * `directions`, `axis_labels`, `path_metric`; `lle/plane/{centre,d1,d2}` float32 [P] in the
 * README's parameter layout with the layout as JSON in the attribute `layout`;
 * `lle/paths/<k>/{a,b,true_value,plane_value,off_plane_relative}` float32 [T] with attributes
 * `name` and `color`.
 */
import h5wasm, { type Dataset, type File as H5File, type Group } from 'h5wasm';
import type { ResultParameterEntry } from '../config/result';
import { LANDSCAPE_METRICS, type LandscapeMetric } from '../config/schema';
import type { PlaneVectors, Surface, SurfacePath } from './surface';

/** Our group's `format` attribute. */
export const SURFACE_FORMAT = 'loss-landscape-explorer surface 1';

/** The reference tool's key of each metric, and whether it is stored in percent. */
export const REFERENCE_KEYS: Record<LandscapeMetric, { key: string; percent: boolean }> = {
  trainLoss: { key: 'train_loss', percent: false },
  trainAccuracy: { key: 'train_acc', percent: true },
  testLoss: { key: 'test_loss', percent: false },
  testAccuracy: { key: 'test_acc', percent: true },
};

/** Most points per axis of a grid read from a file (the views draw n² cells). */
export const MAX_SURFACE_POINTS = 501;

/** A file that cannot be read as a surface: one line per problem, naming the key. */
export class SurfaceFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'SurfaceFileError';
  }
}

/** The HDF5 signature; a file's superblock starts at byte 0, 512, 1024, 2048, … */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` holds the HDF5 signature at one of the offsets a superblock may have. */
export function isHdf5(bytes: Uint8Array): boolean {
  for (
    let offset = 0;
    offset + SIGNATURE.length <= bytes.length;
    offset = offset ? offset * 2 : 512
  ) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

let fileCounter = 0;

/** Runs `body` on a fresh in-memory path of h5wasm's file system and removes the file after. */
async function withMemoryFile<T>(body: (path: string, fs: MemoryFs) => T): Promise<T> {
  const module = await h5wasm.ready;
  const fs = module.FS as unknown as MemoryFs;
  const path = `/lle-surface-${++fileCounter}.h5`;
  try {
    return body(path, fs);
  } finally {
    try {
      fs.unlink(path);
    } catch {
      // Never created (the body failed before): nothing to remove.
    }
  }
}

/** The part of Emscripten's FS used here. */
interface MemoryFs {
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

/**
 * The surface as HDF5 bytes. `fileName` is written as `dir_file` (the file is its own direction
 * file for the reference tool's `plot_2D.py --dir_file`).
 */
export async function encodeSurfaceHdf5(surface: Surface, fileName: string): Promise<Uint8Array> {
  const n = surface.a.length;
  if (surface.b.length !== n) throw new RangeError('encodeSurfaceHdf5: a square grid is expected');
  return withMemoryFile((path, fs) => {
    const file = new h5wasm.File(path, 'w');
    try {
      file.create_dataset({ name: 'xcoordinates', data: Float64Array.from(surface.a) });
      file.create_dataset({ name: 'ycoordinates', data: Float64Array.from(surface.b) });
      for (const metric of LANDSCAPE_METRICS) {
        const grid = surface.grids[metric];
        if (!grid) continue;
        if (grid.length !== n * n)
          throw new RangeError(`encodeSurfaceHdf5: the ${metric} grid must have n² values`);
        const { key, percent } = REFERENCE_KEYS[metric];
        const data = percent ? Float64Array.from(grid, (v) => 100 * v) : Float64Array.from(grid);
        file.create_dataset({ name: key, data, shape: [n, n] });
      }
      file.create_dataset({ name: 'dir_file', data: fileName });
      if (surface.plane) writeDirections(file, surface.plane, surface.layout);
      if (surface.explained) {
        file.create_dataset({
          name: 'explained_variance_ratio_',
          data: Float64Array.from(surface.explained),
        });
      }
      const first = surface.paths[0];
      if (first) {
        file.create_dataset({ name: 'proj_xcoord', data: Float64Array.from(first.a) });
        file.create_dataset({ name: 'proj_ycoord', data: Float64Array.from(first.b) });
      }
      writeExtras(file, surface);
    } finally {
      file.close();
    }
    return fs.readFile(path).slice();
  });
}

/** The reference tool's direction-file groups: one dataset per parameter tensor, "0", "1", … */
function writeDirections(
  file: H5File,
  plane: PlaneVectors,
  layout: readonly ResultParameterEntry[] | null,
): void {
  const entries = layout?.length
    ? layout
    : [{ name: 'theta', shape: [plane.d1.length], offset: 0, kind: 'weight' as const }];
  for (const [name, vector] of [
    ['xdirection', plane.d1],
    ['ydirection', plane.d2],
  ] as const) {
    const group = file.create_group(name);
    entries.forEach((entry, i) => {
      const size = entry.shape.reduce((s, d) => s * d, 1);
      group.create_dataset({
        name: String(i),
        data: vector.slice(entry.offset, entry.offset + size),
        shape: [...entry.shape],
      });
    });
  }
}

/** Our group `lle`: how the plane was chosen, its vectors and layout, the paths. */
function writeExtras(file: H5File, surface: Surface): void {
  const lle = file.create_group('lle');
  lle.create_attribute('format', SURFACE_FORMAT);
  if (surface.directions) lle.create_attribute('directions', surface.directions);
  if (surface.axisLabels) lle.create_attribute('axis_labels', [...surface.axisLabels]);
  if (surface.pathMetric) lle.create_attribute('path_metric', surface.pathMetric);
  if (surface.plane) {
    const plane = lle.create_group('plane');
    plane.create_dataset({ name: 'centre', data: Float32Array.from(surface.plane.centre) });
    plane.create_dataset({ name: 'd1', data: Float32Array.from(surface.plane.d1) });
    plane.create_dataset({ name: 'd2', data: Float32Array.from(surface.plane.d2) });
    if (surface.layout) plane.create_attribute('layout', JSON.stringify(surface.layout));
  }
  if (surface.paths.length) {
    const paths = lle.create_group('paths');
    surface.paths.forEach((p, k) => {
      const group = paths.create_group(String(k));
      group.create_attribute('name', p.name);
      if (p.color) group.create_attribute('color', p.color);
      group.create_dataset({ name: 'a', data: Float32Array.from(p.a) });
      group.create_dataset({ name: 'b', data: Float32Array.from(p.b) });
      group.create_dataset({ name: 'true_value', data: Float32Array.from(p.trueValue) });
      group.create_dataset({ name: 'plane_value', data: Float32Array.from(p.planeValue) });
      group.create_dataset({
        name: 'off_plane_relative',
        data: Float32Array.from(p.offPlaneRelative),
      });
    });
  }
}

/** What a read surface came with besides its arrays. */
export interface SurfaceReadReport {
  surface: Surface;
  /** Grid points the file marks as not computed (the reference tool's −1), per metric present. */
  notComputed: Partial<Record<LandscapeMetric, number>>;
  /** True when the file is ours (it has the `lle` group). */
  ours: boolean;
}

/**
 * Reads a surface file (the reference tool's or ours). Throws `SurfaceFileError` naming every
 * problem: not HDF5, a missing key, a 1-D surface, a grid of the wrong shape, a non-square or
 * non-increasing grid. Negative losses (the tool's −1 for a point not yet computed) and
 * negative accuracies become NaN and are counted in `notComputed`.
 */
export async function decodeSurfaceHdf5(bytes: Uint8Array): Promise<SurfaceReadReport> {
  if (!isHdf5(bytes)) {
    throw new SurfaceFileError([
      'not an HDF5 file (no HDF5 signature): expected a surface file of the loss-landscape tool (xcoordinates, ycoordinates, train_loss)',
    ]);
  }
  return withMemoryFile((path, fs) => {
    fs.writeFile(path, bytes);
    let file: H5File;
    try {
      file = new h5wasm.File(path, 'r');
    } catch (e) {
      throw new SurfaceFileError([`the HDF5 file cannot be opened: ${(e as Error).message}`]);
    }
    try {
      return readSurface(file);
    } finally {
      file.close();
    }
  });
}

/** A dataset at `key`, or null when there is none (a group there is a problem). */
function dataset(file: Group, key: string, problems: string[]): Dataset | null {
  if (!file.keys().includes(key)) return null;
  const entity = file.get(key);
  if (!(entity instanceof h5wasm.Dataset)) {
    problems.push(`${key}: is a group, expected a dataset of numbers`);
    return null;
  }
  return entity;
}

/** A numeric dataset's values as float64, or null with a problem named. */
function numbers(d: Dataset, key: string, problems: string[]): Float64Array | null {
  const value = d.value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array)
      return Float64Array.from(value, Number);
    return Float64Array.from(value as ArrayLike<number>);
  }
  if (typeof value === 'number') return Float64Array.of(value);
  problems.push(`${key}: holds ${describeDtype(d)}, expected numbers`);
  return null;
}

function describeDtype(d: Dataset): string {
  return typeof d.dtype === 'string' ? `dtype ${d.dtype}` : 'a compound or array dtype';
}

const shapeText = (shape: readonly number[] | null) => `[${(shape ?? []).join(', ')}]`;

function readSurface(file: H5File): SurfaceReadReport {
  const problems: string[] = [];
  const keys = file.keys();
  const coordinates = (key: string): Float64Array | null => {
    const d = dataset(file, key, problems);
    if (!d) return null;
    const shape = d.shape ?? [];
    if (shape.length !== 1) {
      problems.push(`${key}: has shape ${shapeText(shape)}, expected one axis [n]`);
      return null;
    }
    const v = numbers(d, key, problems);
    if (!v) return null;
    if (v.length < 2 || v.length > MAX_SURFACE_POINTS) {
      problems.push(`${key}: has ${v.length} points, expected 2 to ${MAX_SURFACE_POINTS}`);
      return null;
    }
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i]!) || (i > 0 && !(v[i]! > v[i - 1]!))) {
        problems.push(`${key}: must be finite and strictly increasing (entry ${i} is ${v[i]})`);
        return null;
      }
    }
    return v;
  };
  if (!keys.includes('xcoordinates')) {
    problems.push(
      'xcoordinates: missing (a surface file of the loss-landscape tool has xcoordinates, ycoordinates and train_loss)',
    );
  }
  const a = keys.includes('xcoordinates') ? coordinates('xcoordinates') : null;
  if (keys.includes('xcoordinates') && !keys.includes('ycoordinates')) {
    problems.push(
      'ycoordinates: missing: this is a 1-D surface (plot_1D.py); the explorer shows 2-D surfaces',
    );
  }
  const b = keys.includes('ycoordinates') ? coordinates('ycoordinates') : null;
  if (a && b && a.length !== b.length) {
    problems.push(
      `xcoordinates has ${a.length} points and ycoordinates ${b.length}: the explorer shows square grids (n × n)`,
    );
  }
  const present = LANDSCAPE_METRICS.filter((m) => keys.includes(REFERENCE_KEYS[m].key));
  if (!present.length) {
    problems.push(
      `no surface: none of ${LANDSCAPE_METRICS.map((m) => REFERENCE_KEYS[m].key).join(', ')} is in the file (its keys: ${keys.slice(0, 12).join(', ') || 'none'})`,
    );
  }
  const grids: Surface['grids'] = {};
  const notComputed: SurfaceReadReport['notComputed'] = {};
  for (const metric of present) {
    const { key, percent } = REFERENCE_KEYS[metric];
    const d = dataset(file, key, problems);
    if (!d) continue;
    const values = numbers(d, key, problems);
    if (!values || !a || !b || a.length !== b.length) continue;
    const shape = d.shape ?? [];
    const n = a.length;
    if (shape.length !== 2 || shape[0] !== n || shape[1] !== n) {
      problems.push(
        `${key}: has shape ${shapeText(shape)}, expected [${n}, ${n}] (len(xcoordinates), len(ycoordinates))`,
      );
      continue;
    }
    let missing = 0;
    const grid = new Float64Array(n * n);
    for (let i = 0; i < grid.length; i++) {
      const v = values[i]!;
      if (v < 0) missing++;
      grid[i] = v < 0 ? Number.NaN : percent ? v / 100 : v;
    }
    if (missing === grid.length) {
      problems.push(`${key}: no point is computed yet (every value is negative: the tool's −1)`);
      continue;
    }
    grids[metric] = grid;
    if (missing) notComputed[metric] = missing;
  }
  if (problems.length) throw new SurfaceFileError(problems);
  const ours = keys.includes('lle');
  const extras = ours ? readExtras(file, problems) : null;
  if (problems.length) throw new SurfaceFileError(problems);
  const explained = readExplained(file);
  return {
    surface: {
      a: a!,
      b: b!,
      grids,
      axisLabels: extras?.axisLabels ?? null,
      directions: extras?.directions ?? (explained ? 'pca' : null),
      explained,
      plane: extras?.plane ?? null,
      layout: extras?.layout ?? null,
      pathMetric: extras?.pathMetric ?? null,
      paths: extras?.paths ?? [],
    },
    notComputed,
    ours,
  };
}

/** The reference tool's PCA ratios, when the file has them (two finite numbers). */
function readExplained(file: H5File): [number, number] | null {
  if (!file.keys().includes('explained_variance_ratio_')) return null;
  const ignored: string[] = [];
  const d = dataset(file, 'explained_variance_ratio_', ignored);
  const v = d && numbers(d, 'explained_variance_ratio_', ignored);
  return v && v.length >= 2 && Number.isFinite(v[0]!) && Number.isFinite(v[1]!)
    ? [v[0]!, v[1]!]
    : null;
}

function stringAttribute(group: Group, name: string): string | null {
  const attr = group.attrs[name];
  const value = attr?.value;
  return typeof value === 'string' ? value : null;
}

/** Our group: what is there and well-formed is taken; a malformed part is named. */
function readExtras(
  file: H5File,
  problems: string[],
): {
  axisLabels: [string, string] | null;
  directions: string | null;
  pathMetric: LandscapeMetric | null;
  plane: PlaneVectors | null;
  layout: ResultParameterEntry[] | null;
  paths: SurfacePath[];
} {
  const lle = file.get('lle');
  if (!(lle instanceof h5wasm.Group)) {
    problems.push('lle: is not a group');
    return {
      axisLabels: null,
      directions: null,
      pathMetric: null,
      plane: null,
      layout: null,
      paths: [],
    };
  }
  const labels = lle.attrs['axis_labels']?.value;
  const axisLabels =
    Array.isArray(labels) && labels.length === 2 && labels.every((l) => typeof l === 'string')
      ? ([labels[0], labels[1]] as [string, string])
      : null;
  const metric = stringAttribute(lle, 'path_metric');
  const pathMetric = (LANDSCAPE_METRICS as readonly string[]).includes(metric ?? '')
    ? (metric as LandscapeMetric)
    : null;
  let plane: PlaneVectors | null = null;
  let layout: ResultParameterEntry[] | null = null;
  const planeGroup = lle.keys().includes('plane') ? lle.get('plane') : null;
  if (planeGroup instanceof h5wasm.Group) {
    const vector = (key: string): Float32Array | null => {
      const d = dataset(planeGroup, key, problems);
      const v = d && numbers(d, `lle/plane/${key}`, problems);
      return v ? Float32Array.from(v) : null;
    };
    const centre = vector('centre');
    const d1 = vector('d1');
    const d2 = vector('d2');
    if (centre && d1 && d2) {
      if (centre.length !== d1.length || d2.length !== d1.length)
        problems.push(
          `lle/plane: centre, d1 and d2 must have one length P (${centre.length}, ${d1.length}, ${d2.length})`,
        );
      else plane = { centre, d1, d2 };
    }
    const layoutText = stringAttribute(planeGroup, 'layout');
    if (layoutText) {
      try {
        layout = JSON.parse(layoutText) as ResultParameterEntry[];
      } catch {
        problems.push('lle/plane: the layout attribute is not JSON');
      }
    }
  }
  const paths: SurfacePath[] = [];
  const pathsGroup = lle.keys().includes('paths') ? lle.get('paths') : null;
  if (pathsGroup instanceof h5wasm.Group) {
    const count = pathsGroup.keys().length;
    for (let k = 0; k < count; k++) {
      const g = pathsGroup.get(String(k));
      if (!(g instanceof h5wasm.Group)) {
        problems.push(`lle/paths/${k}: missing (paths are numbered 0, 1, …)`);
        break;
      }
      const list = (key: string): Float32Array => {
        const d = dataset(g, key, problems);
        const v = d && numbers(d, `lle/paths/${k}/${key}`, problems);
        return v ? Float32Array.from(v) : new Float32Array(0);
      };
      const path: SurfacePath = {
        name: (stringAttribute(g, 'name') ?? `run ${k}`).slice(0, 40),
        // Only a plain hex colour is taken from a file (it is drawn and written into SVG).
        color: /^#[0-9a-f]{6}$/i.test(stringAttribute(g, 'color') ?? '')
          ? stringAttribute(g, 'color')
          : null,
        a: list('a'),
        b: list('b'),
        trueValue: list('true_value'),
        planeValue: list('plane_value'),
        offPlaneRelative: list('off_plane_relative'),
      };
      const t = path.a.length;
      if (
        [path.b, path.trueValue, path.planeValue, path.offPlaneRelative].some((x) => x.length !== t)
      )
        problems.push(
          `lle/paths/${k}: a, b, true_value, plane_value and off_plane_relative must have one length`,
        );
      paths.push(path);
    }
  }
  return {
    axisLabels,
    directions: stringAttribute(lle, 'directions'),
    pathMetric,
    plane,
    layout,
    paths,
  };
}
