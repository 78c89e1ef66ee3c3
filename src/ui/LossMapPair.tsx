/**
 * Two loss heat maps side by side on ONE colour scale (`SharedScale`, `MinimaPanel.scale.ts`):
 * filled contour bands (d3-contour, `scene/contours.ts`) of each n × n grid, a marker on each map,
 * ticks in the plane coordinates, and one colour bar for both. Inline SVG (no WebGL context).
 * Used by the minima card (`MinimaPanelLandscapes.tsx`: the two minima's planes) and the sampler
 * card (`SampledLandscapes.tsx`: L and L_p on one plane).
 */
import { memo, useMemo, type ReactNode } from 'react';
import { colormapLut, lutCss, type ColormapName } from '../scene/colormap';
import { bandPath, contourBands } from '../scene/contours';
import { useElementWidth } from '../scene/useElementSize';
import { VerticalText } from './chart-frame';
import { formatTick, linearTicks } from './panels/plot';
import { planePositions, scaleLevels, scalePosition, type SharedScale } from './MinimaPanel.scale';
import './minima.css';

/** One of the two maps. */
export interface LossMap {
  /** React key of the map. */
  key: string;
  /** Shown above the map. */
  title: ReactNode;
  /** `data-*` attributes of the map's group (e.g. which run or which loss it shows). */
  data: { [name: `data-${string}`]: string | number };
  /** Grid coordinates along d₁ and d₂ [n] each, increasing and evenly spaced. */
  a: readonly number[];
  b: readonly number[];
  /** Loss, row-major over b then a [n²]: index j·n + i is (a_i, b_j). */
  values: readonly number[];
  /**
   * A point of the plane marked by a ring in `color` (filled when `filled`), drawn only when it is
   * on the grid.
   */
  marker: { a: number; b: number; color: string; filled: boolean };
}

export interface LossMapPairProps {
  maps: readonly [LossMap, LossMap];
  /** The colour scale shared by both maps (log loss). */
  scale: SharedScale;
  /** Contour levels of the shared scale (bands: one more than levels). */
  levels: number;
  /** Test ids: `<testId>-map`, `<testId>-marker`, `<testId>-colorbar`. */
  testId: string;
  /** The whole figure, for screen readers. */
  ariaLabel: string;
  /** Axis labels (d₁, d₂) of both maps. */
  axisLabels: readonly [string, string];
  /** Above the colour bar. */
  barLabel: string;
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

function LossMapPairImpl({
  maps,
  scale,
  levels: levelCount,
  testId,
  ariaLabel,
  axisLabels,
  barLabel,
  colormap = 'viridis',
  textSize = 15,
  lineScale = 1,
}: LossMapPairProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(760);
  const T = textSize;
  const W = Math.max(420, measured);
  // Two squares and one colour bar across the width.
  const m = { left: Math.round(T * 3.4), top: Math.round(T * 2.6), bottom: Math.round(T * 3.2) };
  const bar = { gap: Math.round(T * 1.2), width: Math.round(T * 1.1), labels: Math.round(T * 4.2) };
  const gap = Math.round(T * 1.4);
  const PLOT = Math.max(
    120,
    Math.min(420, Math.floor((W - 2 * m.left - gap - bar.gap - bar.width - bar.labels) / 2)),
  );
  const H = m.top + PLOT + m.bottom;
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const levels = useMemo(() => scaleLevels(scale, levelCount), [scale, levelCount]);
  // Band k (region above level k) is painted in the colour of the middle of its step.
  const bandColor = (k: number) =>
    lutCss(lut, k < 0 ? levels[0]!.t / 2 : (levels[k]!.t + (levels[k + 1]?.t ?? 1)) / 2);
  // Keyed on the grids alone (not on titles or markers, which may be new objects every render).
  const [values0, values1] = [maps[0].values, maps[1].values];
  const [n0, n1] = [maps[0].a.length, maps[1].a.length];
  const bands = useMemo(() => {
    const thresholds = levels.map((l) => l.t);
    const bandsOf = (values: readonly number[], n: number) =>
      contourBands(planePositions(scale, values), n, thresholds);
    return [bandsOf(values0, n0), bandsOf(values1, n1)];
  }, [values0, values1, n0, n1, scale, levels]);
  const barX = 2 * m.left + 2 * PLOT + gap + bar.gap;
  const barTicks = levels.filter((_, k) => k % 3 === 2);
  return (
    <div ref={box} className="minima-landscapes-box">
      <svg
        className="minima-landscapes"
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        style={{ fontSize: T }}
        role="img"
        aria-label={ariaLabel}
      >
        {maps.map((map, side) => {
          const { a, b, marker } = map;
          const n = a.length;
          const a0 = a[0]!;
          const a1 = a[n - 1]!;
          const b0 = b[0]!;
          const b1 = b[n - 1]!;
          const x0 = m.left + side * (m.left + PLOT + gap);
          const px = (u: number) => x0 + (u / (n - 1)) * PLOT;
          const py = (v: number) => m.top + PLOT - (v / (n - 1)) * PLOT;
          const cx = (c: number) => x0 + ((c - a0) / (a1 - a0)) * PLOT;
          const cy = (c: number) => m.top + PLOT - ((c - b0) / (b1 - b0)) * PLOT;
          const inside = marker.a >= a0 && marker.a <= a1 && marker.b >= b0 && marker.b <= b1;
          return (
            <g
              key={map.key}
              className="minima-map"
              data-testid={`${testId}-map`}
              {...map.data}
              data-domain={`${scale.lo},${scale.hi}`}
              data-bands={bands[side]!.filter((band) => band.polygons.length > 0).length}
            >
              <text className="map-title" x={x0} y={m.top - T * 0.7}>
                {map.title}
              </text>
              <rect x={x0} y={m.top} width={PLOT} height={PLOT} fill={bandColor(-1)} />
              {bands[side]!.map((band, k) =>
                band.polygons.length ? (
                  <path
                    key={band.level}
                    d={bandPath(band, px, py)}
                    fill={bandColor(k)}
                    stroke="rgba(255,255,255,0.45)"
                    strokeWidth={0.7}
                  />
                ) : null,
              )}
              <rect className="map-frame" x={x0} y={m.top} width={PLOT} height={PLOT} />
              {inside && (
                <g
                  className="minimum-mark"
                  data-testid={`${testId}-marker`}
                  transform={`translate(${cx(marker.a)} ${cy(marker.b)})`}
                >
                  <circle r={7 * lineScale} fill="none" stroke="#fff" strokeWidth={4 * lineScale} />
                  <circle
                    r={7 * lineScale}
                    fill={marker.filled ? marker.color : 'none'}
                    stroke={marker.color}
                    strokeWidth={2.5 * lineScale}
                  />
                </g>
              )}
              {linearTicks(a0, a1, 4).map((t) => (
                <text
                  key={`a${t}`}
                  className="tick-label"
                  x={cx(t)}
                  y={m.top + PLOT + T * 1.2}
                  textAnchor="middle"
                >
                  {formatTick(t)}
                </text>
              ))}
              {linearTicks(b0, b1, 4).map((t) => (
                <text
                  key={`b${t}`}
                  className="tick-label"
                  x={x0 - T * 0.4}
                  y={cy(t) + T * 0.35}
                  textAnchor="end"
                >
                  {formatTick(t)}
                </text>
              ))}
              <text
                className="axis-label"
                x={x0 + PLOT / 2}
                y={m.top + PLOT + T * 2.5}
                textAnchor="middle"
              >
                {axisLabels[0]}
              </text>
              <VerticalText className="axis-label" x={x0 - T * 2.4} y={m.top + PLOT / 2}>
                {axisLabels[1]}
              </VerticalText>
            </g>
          );
        })}
        <g className="minima-colorbar" data-testid={`${testId}-colorbar`}>
          {Array.from({ length: levelCount + 1 }, (_, k) => {
            const t0 = k === 0 ? 0 : levels[k - 1]!.t;
            const t1 = k === levelCount ? 1 : levels[k]!.t;
            return (
              <rect
                key={k}
                x={barX}
                y={m.top + (1 - t1) * PLOT}
                width={bar.width}
                height={(t1 - t0) * PLOT + 0.5}
                fill={bandColor(k - 1)}
              />
            );
          })}
          <rect className="map-frame" x={barX} y={m.top} width={bar.width} height={PLOT} />
          {[{ loss: scale.lo }, ...barTicks, { loss: scale.hi }].map(({ loss }) => (
            <text
              key={loss}
              className="tick-label"
              x={barX + bar.width + T * 0.3}
              y={m.top + (1 - scalePosition(scale, loss)) * PLOT + T * 0.35}
            >
              {formatTick(Number(loss.toPrecision(2)))}
            </text>
          ))}
          <text className="axis-label" x={barX} y={m.top - T * 0.7}>
            {barLabel}
          </text>
        </g>
      </svg>
    </div>
  );
}

export const LossMapPair = memo(LossMapPairImpl);
