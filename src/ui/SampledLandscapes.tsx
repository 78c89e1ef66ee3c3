/**
 * The training loss L and the loss an importance sampler sees, L_p(θ) = Σᵢ pᵢ ℓᵢ(θ) with p frozen
 * at the run's θ_k (SCIENCE.md §7, `engine/noise/sampled-landscape.ts`), side by side on the
 * landscape's plane grid and on ONE log colour scale (`sharedScale`, as the minima card): filled
 * contour bands (d3-contour, `scene/contours.ts`), the run's marker at θ_k, one colour bar for both.
 * Inline SVG (no WebGL context).
 */
import { memo, useMemo } from 'react';
import { colormapLut, lutCss, type ColormapName } from '../scene/colormap';
import { bandPath, contourBands } from '../scene/contours';
import { useElementWidth } from '../scene/useElementSize';
import { formatTick, linearTicks } from './panels/plot';
import { planePositions, scaleLevels, scalePosition, sharedScale } from './MinimaPanel.scale';
import './minima.css';

/** Contour levels of the shared scale (bands: one more than levels). */
export const SAMPLED_LEVELS = 14;

export interface SampledLandscapesProps {
  /** Grid coordinates along d₁ and d₂ [n] each, increasing and evenly spaced. */
  a: readonly number[];
  b: readonly number[];
  /** L and L_p, row-major over b then a [n²]: index j·n + i is (a_i, b_j). */
  trainLoss: readonly number[];
  sampledLoss: readonly number[];
  /** The run's θ_k in plane coordinates, its colour and name. */
  marker: { a: number; b: number };
  color: string;
  axisLabels: readonly [string, string];
  colormap?: ColormapName;
  textSize?: number;
}

function SampledLandscapesImpl({
  a,
  b,
  trainLoss,
  sampledLoss,
  marker,
  color,
  axisLabels,
  colormap = 'viridis',
  textSize = 15,
}: SampledLandscapesProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(760);
  const T = textSize;
  const W = Math.max(420, measured);
  const m = { left: Math.round(T * 3.4), top: Math.round(T * 2.6), bottom: Math.round(T * 3.2) };
  const bar = { gap: Math.round(T * 1.2), width: Math.round(T * 1.1), labels: Math.round(T * 4.2) };
  const gap = Math.round(T * 1.4);
  const PLOT = Math.max(
    120,
    Math.min(420, Math.floor((W - 2 * m.left - gap - bar.gap - bar.width - bar.labels) / 2)),
  );
  const H = m.top + PLOT + m.bottom;
  const n = a.length;
  const lut = useMemo(() => colormapLut(colormap, 256), [colormap]);
  const scale = useMemo(
    () => sharedScale([{ values: trainLoss }, { values: sampledLoss }]),
    [trainLoss, sampledLoss],
  );
  const levels = useMemo(() => scaleLevels(scale, SAMPLED_LEVELS), [scale]);
  const bandColor = (k: number) =>
    lutCss(lut, k < 0 ? levels[0]!.t / 2 : (levels[k]!.t + (levels[k + 1]?.t ?? 1)) / 2);
  const maps = useMemo(
    () =>
      [
        { key: 'train', title: 'Training loss L', values: trainLoss },
        { key: 'sampled', title: 'Sampler’s loss L_p = Σ pᵢℓᵢ', values: sampledLoss },
      ].map((map) => ({
        ...map,
        bands: contourBands(
          planePositions(scale, map.values),
          n,
          levels.map((l) => l.t),
        ),
      })),
    [trainLoss, sampledLoss, scale, levels, n],
  );
  const a0 = a[0]!;
  const a1 = a[n - 1]!;
  const b0 = b[0]!;
  const b1 = b[n - 1]!;
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
        aria-label="Training loss and the importance sampler's loss on the landscape plane, one colour scale (log loss) for both"
      >
        {maps.map((map, side) => {
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
              data-testid="sampled-map"
              data-map={map.key}
              data-domain={`${scale.lo},${scale.hi}`}
              data-bands={map.bands.filter((band) => band.polygons.length > 0).length}
            >
              <text className="map-title" x={x0} y={m.top - T * 0.7}>
                {map.title}
              </text>
              <rect x={x0} y={m.top} width={PLOT} height={PLOT} fill={bandColor(-1)} />
              {map.bands.map((band, k) =>
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
                  data-testid="sampled-marker"
                  transform={`translate(${cx(marker.a)} ${cy(marker.b)})`}
                >
                  <circle r={7} fill="none" stroke="#fff" strokeWidth={4} />
                  <circle r={7} fill={color} stroke={color} strokeWidth={2.5} />
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
              <text
                className="axis-label"
                x={x0 - T * 2.4}
                y={m.top + PLOT / 2}
                textAnchor="middle"
                transform={`rotate(-90 ${x0 - T * 2.4} ${m.top + PLOT / 2})`}
              >
                {axisLabels[1]}
              </text>
            </g>
          );
        })}
        <g className="minima-colorbar" data-testid="sampled-colorbar">
          {Array.from({ length: SAMPLED_LEVELS + 1 }, (_, k) => {
            const t0 = k === 0 ? 0 : levels[k - 1]!.t;
            const t1 = k === SAMPLED_LEVELS ? 1 : levels[k]!.t;
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
            loss
          </text>
        </g>
      </svg>
    </div>
  );
}

export const SampledLandscapes = memo(SampledLandscapesImpl);
