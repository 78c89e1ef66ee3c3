/**
 * The explorer's "Export" menu (control id `export`): pictures for slides (the 3-D view and the
 * contour map as PNG at 2×, the loss chart as SVG or PNG), the result file (JSON, the CLI's output
 * format) and CSV of the grid and of the paths; and "Open result…", which replays a result file
 * (the app's or the CLI's) without recomputing anything. A result file dropped anywhere on the
 * explorer opens the same way (a dropped plane file becomes the view's plane). A file that cannot be opened is named with what is wrong, and what
 * is on screen stays.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { SessionController } from '../client/controller';
import { gridCsv, trajectoriesCsv } from '../export/csv';
import { exportFileName } from '../export/names';
import { PLANE_FORMAT } from '../export/plane';
import { parsePlaneText } from '../export/plane-file';
import { parseResultText, resultJson } from '../export/result';
import { useAppStore, useStoreApi } from '../state/store';
import { useHidden } from '../ui/useHidden';
import { download, scenePng, svgFile, svgPng } from './export-images';
import { ImportedSurfaceBar } from './ImportedSurfaceBar';
import {
  planeBlob,
  readSurfaceFile,
  showOpenedSurface,
  shownSurface,
  surfaceHdf5,
  surfaceVtkBlob,
  type OpenedSurface,
} from './surface-files';
import type { SceneRef } from './types';
import './export-menu.css';

/** Result files larger than this are refused before they are read. */
export const MAX_RESULT_BYTES = 512 * 2 ** 20;
/** Pictures are exported at this multiple of their size on screen. */
const PICTURE_SCALE = 2;

type ExportKind =
  | 'png-3d'
  | 'png-contour'
  | 'svg-loss'
  | 'png-loss'
  | 'json'
  | 'csv-grid'
  | 'csv-paths'
  | 'h5'
  | 'plane'
  | 'vtp';

const ITEMS: { kind: ExportKind; label: string; needsLandscape: boolean }[] = [
  { kind: 'png-3d', label: '3-D view (PNG, 2×)', needsLandscape: true },
  { kind: 'png-contour', label: 'Contour map (PNG, 2×)', needsLandscape: true },
  { kind: 'svg-loss', label: 'Loss chart (SVG)', needsLandscape: false },
  { kind: 'png-loss', label: 'Loss chart (PNG, 2×)', needsLandscape: false },
  { kind: 'json', label: 'Result (JSON, as the CLI writes it)', needsLandscape: false },
  { kind: 'csv-grid', label: 'Landscape grid (CSV)', needsLandscape: true },
  { kind: 'csv-paths', label: 'Paths on the plane (CSV)', needsLandscape: true },
  { kind: 'h5', label: 'Surface (HDF5, loss-landscape tool layout)', needsLandscape: true },
  { kind: 'plane', label: 'Plane (JSON: centre, d₁, d₂)', needsLandscape: true },
  { kind: 'vtp', label: 'Surface (VTK .vtp, ParaView)', needsLandscape: true },
];

/**
 * Resolves at the first animation frame of `host`'s window at which `ready()` holds, or after
 * `maxFrames` frames.
 */
function frameWhen(host: HTMLElement, ready: () => boolean, maxFrames: number): Promise<void> {
  const view = host.ownerDocument.defaultView;
  return new Promise((resolve) => {
    const next = (left: number) =>
      left <= 0 || !view || ready() ? resolve() : view.requestAnimationFrame(() => next(left - 1));
    next(maxFrames);
  });
}

export function ExportMenu({
  controller,
  scene,
}: {
  controller: SessionController;
  scene: SceneRef;
}) {
  const hidden = useHidden('export');
  const hasLandscape = useAppStore((s) => s.landscape !== null);
  const store = useStoreApi();
  const root = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  // The surface file on screen (while the controller shows it), for its bar and its re-export.
  const [surface, setSurface] = useState<OpenedSurface | null>(null);

  /** Reads an HDF5 surface file and shows it; a bad file is named and nothing changes. */
  const openSurface = async (file: File) => {
    setMessage(null);
    try {
      const opened = await readSurfaceFile(file);
      await showOpenedSurface(controller, opened);
      setSurface(opened);
      if (opened.note) setMessage({ error: false, text: opened.note });
    } catch (error) {
      setMessage({ error: true, text: `Cannot open ${file.name}: ${(error as Error).message}` });
    }
  };

  /** Reads a result file and replays it (an HDF5 file is a surface); a bad file is named. */
  const openFile = async (file: File) => {
    if (/\.(h5|hdf5|he5)$/i.test(file.name)) return openSurface(file);
    setMessage(null);
    try {
      if (file.size > MAX_RESULT_BYTES) {
        throw new Error(
          `it has ${(file.size / 2 ** 20).toFixed(0)} MB; a result file may have at most ${MAX_RESULT_BYTES / 2 ** 20} MB`,
        );
      }
      const text = await file.text();
      // A plane file (the plane export) dropped here becomes the view's plane.
      if (text.slice(0, 200).includes(PLANE_FORMAT)) return openPlane(file.name, text);
      const result = parseResultText(text);
      await controller.loadResult(result, file.name);
    } catch (error) {
      setMessage({ error: true, text: `Cannot open ${file.name}: ${(error as Error).message}` });
    }
  };
  /** Shows the live landscape on a plane file's plane; a plane that does not fit is named. */
  const openPlane = async (name: string, text: string) => {
    const session = store.getState().session;
    const problem = session?.info?.problem;
    if (!session || !problem) throw new Error('there is no model yet to put the plane on');
    const opened = parsePlaneText(
      text,
      { parameters: problem.parameters, layout: problem.layout },
      name,
    );
    await controller.setView({
      ...session.view,
      directions: opened.directions,
      n: opened.n ?? session.view.n,
    });
    setMessage({ error: false, text: `The landscape is on the plane from ${name}.` });
  };
  const openFileRef = useRef(openFile);
  openFileRef.current = openFile;

  // A result file dropped anywhere on the explorer opens it.
  useEffect(() => {
    const explorer = root.current?.closest<HTMLElement>('.lle-explorer');
    if (!explorer) return;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
      explorer.classList.add('drop-target');
    };
    const leave = (e: DragEvent) => {
      if (e.target === explorer) explorer.classList.remove('drop-target');
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      explorer.classList.remove('drop-target');
      const file = e.dataTransfer!.files[0];
      if (file) void openFileRef.current(file);
    };
    explorer.addEventListener('dragover', over);
    explorer.addEventListener('dragleave', leave);
    explorer.addEventListener('drop', drop);
    return () => {
      explorer.removeEventListener('dragover', over);
      explorer.removeEventListener('dragleave', leave);
      explorer.removeEventListener('drop', drop);
    };
  }, [hidden]);

  if (hidden) return null;

  const run = async (kind: ExportKind) => {
    const host = root.current!;
    const explorer = host.closest<HTMLElement>('.lle-explorer') ?? host;
    const state = store.getState();
    const session = state.session!;
    const name = (what: string, ext: string) =>
      exportFileName(session.info?.problem.name ?? 'experiment', session.step, what, ext);
    const chart = (selector: string, what: string): SVGSVGElement => {
      const svg = explorer.querySelector<SVGSVGElement>(selector);
      if (!svg) throw new Error(`there is no ${what} on screen`);
      return svg;
    };
    setBusy(true);
    setMessage(null);
    try {
      switch (kind) {
        case 'png-3d': {
          // From the contour map: show the 3-D view for the picture (its code may still load,
          // its size arrives with a resize), then go back.
          const mode = state.viewMode;
          if (mode !== '3d') {
            state.setViewMode('3d');
            await frameWhen(host, () => (scene.current?.size.width ?? 0) > 0, 600);
            await frameWhen(host, () => false, 2);
          }
          try {
            const three = scene.current;
            if (!three) throw new Error('the 3-D view has not been drawn yet');
            download(host, await scenePng(three, PICTURE_SCALE), name('3d', 'png'));
          } finally {
            if (mode !== '3d') store.getState().setViewMode(mode);
          }
          break;
        }
        case 'png-contour': {
          const svg = chart('[data-testid="contour-map"] svg', 'contour map');
          download(host, await svgPng(svg, PICTURE_SCALE), name('contour', 'png'));
          break;
        }
        case 'svg-loss': {
          const { text } = svgFile(chart('svg[data-testid="loss-chart"]', 'loss chart'));
          download(host, new Blob([text], { type: 'image/svg+xml' }), name('loss', 'svg'));
          break;
        }
        case 'png-loss': {
          const svg = chart('svg[data-testid="loss-chart"]', 'loss chart');
          download(host, await svgPng(svg, PICTURE_SCALE), name('loss', 'png'));
          break;
        }
        case 'json': {
          const result = await controller.exportResult();
          if (!result) throw new Error('nothing has been recorded yet');
          const blob = new Blob([resultJson(result)], { type: 'application/json' });
          download(host, blob, name('result', 'json'));
          break;
        }
        case 'csv-grid': {
          if (!state.landscape) throw new Error('there is no landscape yet');
          const text = gridCsv(state.landscape, session.plane?.directions ?? null);
          download(host, new Blob([text], { type: 'text/csv' }), name('grid', 'csv'));
          break;
        }
        case 'h5': {
          const shown = await shownSurface(controller, state, surface);
          const file = name('surface', 'h5');
          download(host, await surfaceHdf5(shown, file), file);
          break;
        }
        case 'plane': {
          const shown = await shownSurface(controller, state, surface);
          const blob = planeBlob(shown, session.info?.problem.name ?? 'experiment');
          download(host, blob, name('plane', 'json'));
          break;
        }
        case 'vtp': {
          const shown = await shownSurface(controller, state, surface);
          download(host, surfaceVtkBlob(shown), name('surface', 'vtp'));
          break;
        }
        case 'csv-paths': {
          const metric = state.landscape?.metric ?? state.metric;
          const text = trajectoriesCsv(state.trajectories, session.history.steps, metric);
          download(host, new Blob([text], { type: 'text/csv' }), name('paths', 'csv'));
          break;
        }
      }
      if (menu.current) menu.current.open = false;
    } catch (error) {
      setMessage({ error: true, text: `Export failed: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const onSurfaceFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (menu.current) menu.current.open = false;
    if (file) void openSurface(file);
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (menu.current) menu.current.open = false;
    if (file) void openFile(file);
  };

  return (
    <div className="export-menu" ref={root} data-testid="export-menu">
      <details ref={menu}>
        <summary className="button" data-testid="export">
          Export / open {busy ? '…' : '▾'}
        </summary>
        <div className="export-items" role="group" aria-label="Export and open">
          {ITEMS.map((item) => (
            <button
              key={item.kind}
              type="button"
              className="button"
              data-testid={`export-${item.kind}`}
              disabled={busy || (item.needsLandscape && !hasLandscape)}
              onClick={() => void run(item.kind)}
            >
              {item.label}
            </button>
          ))}
          <label className="button" data-testid="open-surface">
            Open surface… (HDF5 from the loss-landscape tool or the app)
            <input
              type="file"
              accept=".h5,.hdf5,.he5,application/x-hdf5"
              data-testid="open-surface-file"
              hidden
              onChange={onSurfaceFile}
            />
          </label>
          <label className="button" data-testid="open-result">
            Open result… (JSON from the app or the CLI)
            <input
              type="file"
              accept=".json,application/json"
              data-testid="open-result-file"
              hidden
              onChange={onFile}
            />
          </label>
        </div>
      </details>
      {surface && (
        <ImportedSurfaceBar
          controller={controller}
          surface={surface}
          onClosed={() => setSurface(null)}
        />
      )}
      {message && (
        <p
          className={message.error ? 'export-message error' : 'export-message'}
          role={message.error ? 'alert' : 'status'}
          data-testid="export-message"
        >
          {message.text}{' '}
          <button type="button" className="link-button" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
