/**
 * The landscape seen from above: filled contour bands (d3-contour, the same levels and colour map
 * as the 3-D surface's lines and colours), the trajectories as outlined polylines with a marker at
 * the current point, axes in the plane's coordinates, a colour bar of the value, and a hover
 * readout of (a, b, value). Inline SVG, so it prints and scales crisply on a projector.
 *
 * The bands are recomputed when the landscape or the height options change; trajectory updates
 * rewrite the polylines' `points` attributes directly from a store subscription, without a React
 * render.
 */
import { HoverValues } from './HoverValues';
import { useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useElementSize } from './useElementSize';
import { useAppStore, useStoreApi } from '../state/store';
import {
  FLAG_NON_FINITE,
  aToX,
  bToZ,
  coordAt,
  currentIndex,
  formatTickValues,
  formatValue,
  heightTicks,
  niceTicks,
  xToA,
  zToB,
} from './geometry';
import { NON_FINITE_RGB, colormapLut, lutCss, type ColormapName } from './colormap';
import { bandPath, contourBands } from './contours';
import { METRIC_LABELS, OUTLINE_COLOR } from './labels';
import { Legend } from './Legend';
import { LECTURE_LINE_SCALE, runDisplayColor } from './lecture-style';
import { useLandscapeModel, type LandscapeModel } from './model';
import { NoiseEllipses } from './NoiseEllipses';
import { OvershootArrow } from './OvershootArrow';
import { OvershootPanel } from './OvershootPanel';
import type { TrajectoryView } from '../state/view-types';
import './scene.css';

/**
 * The map's geometry in CSS pixels for an SVG box of `width` × `height` with `text` px labels:
 * the square plot as large as fits (centred), margins for the ticks, titles and colour bar. The
 * SVG's viewBox is its size on screen, so labels are `text` px at any size.
 */
export function mapLayout(width: number, height: number, text: number) {
  const margin = {
    left: Math.round(text * 5.4),
    top: Math.round(text * 1.4),
    right: Math.round(56 + text * 5.2),
    bottom: Math.round(text * 4.6),
  };
  const PLOT = Math.max(
    120,
    Math.min(width - margin.left - margin.right, height - margin.top - margin.bottom),
  );
  const W = Math.max(width, margin.left + PLOT + margin.right);
  const H = Math.max(height, margin.top + PLOT + margin.bottom);
  // Centre the plot and its margins in the box.
  const M = {
    ...margin,
    left: margin.left + Math.floor((W - (margin.left + PLOT + margin.right)) / 2),
    top: margin.top + Math.floor((H - (margin.top + PLOT + margin.bottom)) / 2),
  };
  return {
    M,
    PLOT,
    W,
    H,
    text,
    /** Plot x of world x ∈ [−1, 1]. */
    sx: (x: number) => M.left + ((x + 1) / 2) * PLOT,
    /** Plot y of world z ∈ [−1, 1] (b grows upwards). */
    sy: (z: number) => M.top + ((z + 1) / 2) * PLOT,
  };
}

export type MapLayout = ReturnType<typeof mapLayout>;

export interface ContourMapProps {
  colormap?: ColormapName;
  /** CSS max-width of the drawing (default: none, it fills its container). */
  maxWidth?: number | string;
  /**
   * False while the map is hidden (the 3-D view is on screen): its paths are then not redrawn
   * with every new point; shown again, they are drawn from the arrays.
   */
  active?: boolean;
}

export function ContourMap({
  colormap = 'viridis',
  maxWidth = 'none',
  active = true,
}: ContourMapProps) {
  const model = useLandscapeModel();
  const lecture = useAppStore((s) => s.lecture);
  const [svg, box] = useElementSize<SVGSVGElement>({ width: 734, height: 622 });
  const text = lecture ? 20 : 16;
  const layout = useMemo(() => mapLayout(box.width, box.height, text), [box, text]);
  const { M, PLOT, W, H, sx, sy } = layout;
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const [hover, setHover] = useState<{ a: number; b: number } | null>(null);
  const metric = model?.view.metric ?? 'trainLoss';

  const onMove = (e: PointerEvent<SVGRectElement>) => {
    if (!model || !svg.current) return;
    const ctm = svg.current.getScreenCTM();
    if (!ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const x = ((p.x - M.left) / PLOT) * 2 - 1;
    const z = ((p.y - M.top) / PLOT) * 2 - 1;
    const a = xToA(model.frame, Math.max(-1, Math.min(1, x)));
    const b = zToB(model.frame, Math.max(-1, Math.min(1, z)));
    setHover({ a, b });
  };

  return (
    <div className="contour-map" data-testid="contour-map" style={{ maxWidth }}>
      <div className="map-row">
        <svg
          ref={svg}
          viewBox={`0 0 ${W} ${H}`}
          style={{ fontSize: layout.text }}
          role="img"
          aria-label={`Contour map of the ${METRIC_LABELS[metric]} over the plane`}
        >
          {model ? (
            <>
              <Bands model={model} lut={lut} layout={layout} />
              <Frame model={model} layout={layout} />
              <ColorBar model={model} lut={lut} layout={layout} />
              <Paths model={model} layout={layout} active={active} />
              <OvershootArrow model={model} layout={layout} />
              <NoiseEllipses model={model} layout={layout} />
              {hover && (
                <circle
                  className="hover-dot"
                  cx={sx(aToX(model.frame, hover.a))}
                  cy={sy(bToZ(model.frame, hover.b))}
                  r={5}
                />
              )}
              <rect
                x={M.left}
                y={M.top}
                width={PLOT}
                height={PLOT}
                fill="transparent"
                onPointerMove={onMove}
                onPointerLeave={() => setHover(null)}
              />
            </>
          ) : (
            <text x={W / 2} y={H / 2} textAnchor="middle" className="placeholder">
              No landscape yet
            </text>
          )}
        </svg>
        {/* Surfaces: the step-and-Taylor readout beside the map (the map narrows to make room). */}
        <OvershootPanel />
      </div>
      <Legend className="map-legend" />
      <div className="scene-readout map-readout" data-testid="map-readout">
        {hover ? (
          <HoverValues a={hover.a} b={hover.b} />
        ) : (
          <span className="muted">Point at the map to read (a, b, value)</span>
        )}
      </div>
    </div>
  );
}

/** Index → plot coordinate maps of a model (through the coordinates, so non-uniform grids work). */
function indexMaps(model: LandscapeModel, { sx, sy }: MapLayout) {
  const { view, frame } = model;
  return {
    px: (u: number) => sx(aToX(frame, coordAt(view.a, u))),
    py: (v: number) => sy(bToZ(frame, coordAt(view.b, v))),
  };
}

function Bands({
  model,
  lut,
  layout,
}: {
  model: LandscapeModel;
  lut: Float32Array;
  layout: MapLayout;
}) {
  const { M, PLOT } = layout;
  const bands = useMemo(() => {
    const { px, py } = indexMaps(model, layout);
    const levels = model.levels;
    return contourBands(model.heights.t, model.view.n, levels).map((band, k) => ({
      d: bandPath(band, px, py),
      fill: lutCss(lut, ((levels[k] ?? 0) + (levels[k + 1] ?? 1)) / 2),
      level: band.level,
    }));
  }, [model, lut, layout]);
  const missing = useMemo(() => {
    // Grid points whose value is not finite: a grey cell each.
    const { view, heights } = model;
    const { px, py } = indexMaps(model, layout);
    const cells: { x: number; y: number; w: number; h: number }[] = [];
    for (let j = 0; j < view.n; j++) {
      for (let i = 0; i < view.n; i++) {
        if (!(heights.flags[j * view.n + i]! & FLAG_NON_FINITE)) continue;
        const x0 = px(Math.max(0, i - 0.5));
        const x1 = px(Math.min(view.n - 1, i + 0.5));
        const y0 = py(Math.min(view.n - 1, j + 0.5));
        const y1 = py(Math.max(0, j - 0.5));
        cells.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
      }
    }
    return cells;
  }, [model, layout]);
  const grey = `rgb(${NON_FINITE_RGB.map((c) => Math.round(c * 255)).join(',')})`;
  return (
    <g className="bands">
      <rect
        x={M.left}
        y={M.top}
        width={PLOT}
        height={PLOT}
        fill={lutCss(lut, (model.levels[0] ?? 0) / 2)}
      />
      {bands.map((b) => (
        <path key={b.level} d={b.d} fill={b.fill} className="band" data-level={b.level} />
      ))}
      {missing.map((c, k) => (
        <rect key={k} x={c.x} y={c.y} width={c.w} height={c.h} fill={grey} />
      ))}
    </g>
  );
}

function Frame({ model, layout }: { model: LandscapeModel; layout: MapLayout }) {
  const { frame, view } = model;
  const { M, PLOT, sx, sy, text } = layout;
  const aTicks = niceTicks(frame.aMin, frame.aMax, 5);
  const bTicks = niceTicks(frame.bMin, frame.bMax, 5);
  const bottom = M.top + PLOT;
  return (
    <g className="map-axes">
      <rect x={M.left} y={M.top} width={PLOT} height={PLOT} className="map-border" />
      {aTicks.map((a) => {
        const x = sx(aToX(frame, a));
        return (
          <g key={`a${a}`}>
            <line x1={x} x2={x} y1={bottom} y2={bottom + 7} className="map-tick" />
            <text x={x} y={bottom + text * 1.7} textAnchor="middle" className="map-tick-label">
              {formatValue(a)}
            </text>
          </g>
        );
      })}
      {bTicks.map((b) => {
        const y = sy(bToZ(frame, b));
        return (
          <g key={`b${b}`}>
            <line x1={M.left - 7} x2={M.left} y1={y} y2={y} className="map-tick" />
            <text
              x={M.left - 12}
              y={y}
              textAnchor="end"
              dominantBaseline="middle"
              className="map-tick-label"
            >
              {formatValue(b)}
            </text>
          </g>
        );
      })}
      <text
        x={M.left + PLOT / 2}
        y={bottom + text * 3.6}
        textAnchor="middle"
        className="map-axis-title"
      >
        a: {view.axisLabels[0]}
      </text>
      <text
        transform={`translate(${M.left - text * 4.4} ${M.top + PLOT / 2}) rotate(-90)`}
        textAnchor="middle"
        className="map-axis-title"
      >
        b: {view.axisLabels[1]}
      </text>
    </g>
  );
}

function ColorBar({
  model,
  lut,
  layout,
}: {
  model: LandscapeModel;
  lut: Float32Array;
  layout: MapLayout;
}) {
  const { M, PLOT, text } = layout;
  const scale = useAppStore((s) => s.height.scale);
  const x = M.left + PLOT + 28;
  const w = 20;
  const stops = 24;
  const id = `lle-cbar-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const ticks = heightTicks(model.transform, 4);
  const labels = formatTickValues(ticks.map(({ value }) => value));
  return (
    <g className="color-bar">
      <defs>
        <linearGradient id={id} x1="0" y1="1" x2="0" y2="0">
          {Array.from({ length: stops + 1 }, (_, k) => (
            <stop key={k} offset={k / stops} stopColor={lutCss(lut, k / stops)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={x} y={M.top} width={w} height={PLOT} style={{ fill: `url(#${id})` }} />
      <rect x={x} y={M.top} width={w} height={PLOT} className="map-border" />
      {ticks.map(({ t }, k) => {
        const y = M.top + (1 - t) * PLOT;
        return (
          <g key={t}>
            <line x1={x + w} x2={x + w + 6} y1={y} y2={y} className="map-tick" />
            <text x={x + w + 10} y={y} dominantBaseline="middle" className="map-tick-label">
              {labels[k]}
            </text>
          </g>
        );
      })}
      <text
        transform={`translate(${x + w + text * 4.6} ${M.top + PLOT / 2}) rotate(-90)`}
        textAnchor="middle"
        className="map-axis-title small"
      >
        {METRIC_LABELS[model.view.metric]}
        {scale === 'log' ? ' (log colour)' : ''}
      </text>
    </g>
  );
}

/** Polyline points of a trajectory up to its current point, in plot coordinates. */
function pathPoints(
  model: LandscapeModel,
  { sx, sy }: MapLayout,
  t: TrajectoryView,
  now: number,
): string {
  const parts: string[] = [];
  for (let k = 0; k <= now; k++) {
    parts.push(
      `${sx(aToX(model.frame, t.a[k]!)).toFixed(1)},${sy(bToZ(model.frame, t.b[k]!)).toFixed(1)}`,
    );
  }
  return parts.join(' ');
}

function Paths({
  model,
  layout,
  active,
}: {
  model: LandscapeModel;
  layout: MapLayout;
  active: boolean;
}) {
  const { sx, sy } = layout;
  const store = useStoreApi();
  const trajectories = useAppStore((s) => s.trajectories);
  // Lecture mode: Okabe–Ito colours, thicker lines and markers.
  const lecture = useAppStore((s) => s.lecture);
  const w = lecture ? LECTURE_LINE_SCALE : 1;
  const group = useRef<SVGGElement>(null);

  useLayoutEffect(() => {
    if (!active) return;
    const draw = (scrub: number | null) => {
      const g = group.current;
      if (!g) return;
      trajectories.forEach((t, k) => {
        const node = g.children[k];
        if (!node) return;
        const now = currentIndex(t, scrub);
        const points = now >= 0 ? pathPoints(model, layout, t, now) : '';
        const [outline, core, marker] = Array.from(node.children) as SVGElement[];
        outline?.setAttribute('points', points);
        core?.setAttribute('points', points);
        if (marker && now >= 0) {
          marker.setAttribute('cx', sx(aToX(model.frame, t.a[now]!)).toFixed(1));
          marker.setAttribute('cy', sy(bToZ(model.frame, t.b[now]!)).toFixed(1));
          marker.setAttribute('visibility', 'visible');
        } else marker?.setAttribute('visibility', 'hidden');
      });
    };
    draw(store.getState().scrub);
    return store.subscribe((s, prev) => {
      if (s.trajectoryVersion !== prev.trajectoryVersion || s.scrub !== prev.scrub) draw(s.scrub);
    });
  }, [store, trajectories, model, layout, sx, sy, active]);

  return (
    <g ref={group} className="map-paths">
      {trajectories.map((t, index) => (
        <g key={t.name} data-run={t.name}>
          <polyline
            className="map-path-outline"
            fill="none"
            stroke={OUTLINE_COLOR}
            strokeWidth={7 * w}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
          <polyline
            className="map-path"
            data-run={t.name}
            fill="none"
            stroke={runDisplayColor(t.color, index, lecture)}
            strokeWidth={3.5 * w}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
          <circle
            r={7 * w}
            fill={runDisplayColor(t.color, index, lecture)}
            stroke={OUTLINE_COLOR}
            strokeWidth={2.5 * w}
          />
        </g>
      ))}
    </g>
  );
}
