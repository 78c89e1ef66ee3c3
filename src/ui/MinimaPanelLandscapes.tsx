/**
 * The two minima's 2-D training-loss landscapes side by side, on ONE colour scale: filled contour
 * bands (d3-contour, `scene/contours.ts`) of log₁₀ loss on the domain shared by both planes
 * (`sharedScale`), the minimum marked at (0, 0), axes in the filter-normalised plane coordinates
 * (α, β), and one colour bar for both. Inline SVG (no WebGL context).
 */
import { memo, useMemo } from 'react';
import type { MinimumAnalysis } from '../config/result';
import { colormapLut, lutCss, type ColormapName } from '../scene/colormap';
import { bandPath, contourBands } from '../scene/contours';
import { useElementWidth } from '../scene/useElementSize';
import { formatTick, linearTicks } from './panels/plot';
import { planePositions, scaleLevels, scalePosition, type SharedScale } from './MinimaPanel.scale';

/** Contour levels of the shared scale (bands: one more than levels). */
export const LANDSCAPE_LEVELS = 14;

export interface MinimaLandscapesProps {
  minima: readonly [MinimumAnalysis, MinimumAnalysis];
  scale: SharedScale;
  names: readonly [string, string];
  colors: readonly [string, string];
  colormap?: ColormapName;
  textSize?: number;
  lineScale?: number;
}

function MinimaLandscapesImpl({
  minima,
  scale,
  names,
  colors,
  colormap = 'viridis',
  textSize = 15,
  lineScale = 1,
}: MinimaLandscapesProps) {
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
  const levels = useMemo(() => scaleLevels(scale, LANDSCAPE_LEVELS), [scale]);
  // Band k (region above level k) is painted in the colour of the middle of its step.
  const bandColor = (k: number) =>
    lutCss(lut, k < 0 ? levels[0]!.t / 2 : (levels[k]!.t + (levels[k + 1]?.t ?? 1)) / 2);
  const bands = useMemo(
    () =>
      minima.map((mn) =>
        contourBands(
          planePositions(scale, mn.plane.values),
          mn.plane.coords.length,
          levels.map((l) => l.t),
        ),
      ),
    [minima, scale, levels],
  );
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
        aria-label="Training loss around each minimum on a filter-normalised random plane, one colour scale (log loss) for both"
      >
        {minima.map((mn, side) => {
          const n = mn.plane.coords.length;
          const c0 = mn.plane.coords[0]!;
          const c1 = mn.plane.coords[n - 1]!;
          const x0 = m.left + side * (m.left + PLOT + gap);
          const px = (u: number) => x0 + (u / (n - 1)) * PLOT;
          const py = (v: number) => m.top + PLOT - (v / (n - 1)) * PLOT;
          const cx = (c: number) => x0 + ((c - c0) / (c1 - c0)) * PLOT;
          const cy = (c: number) => m.top + PLOT - ((c - c0) / (c1 - c0)) * PLOT;
          return (
            <g
              key={side}
              className="minima-map"
              data-testid="minima-map"
              data-run={mn.run}
              data-domain={`${scale.lo},${scale.hi}`}
              data-bands={bands[side]!.filter((b) => b.polygons.length > 0).length}
            >
              <text className="map-title" x={x0} y={m.top - T * 0.7}>
                <tspan fill={colors[side]} fontWeight={700}>
                  ●{' '}
                </tspan>
                {names[side]}
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
              {/* The minimum itself. */}
              <g className="minimum-mark" transform={`translate(${cx(0)} ${cy(0)})`}>
                <circle r={7 * lineScale} fill="none" stroke="#fff" strokeWidth={4 * lineScale} />
                <circle
                  r={7 * lineScale}
                  fill="none"
                  stroke={colors[side]}
                  strokeWidth={2.5 * lineScale}
                />
              </g>
              {linearTicks(c0, c1, 4).map((t) => (
                <g key={t} className="tick-label">
                  <text x={cx(t)} y={m.top + PLOT + T * 1.2} textAnchor="middle">
                    {formatTick(t)}
                  </text>
                  <text x={x0 - T * 0.4} y={cy(t) + T * 0.35} textAnchor="end">
                    {formatTick(t)}
                  </text>
                </g>
              ))}
              <text
                className="axis-label"
                x={x0 + PLOT / 2}
                y={m.top + PLOT + T * 2.5}
                textAnchor="middle"
              >
                α
              </text>
              <text
                className="axis-label"
                x={x0 - T * 2.4}
                y={m.top + PLOT / 2}
                textAnchor="middle"
                transform={`rotate(-90 ${x0 - T * 2.4} ${m.top + PLOT / 2})`}
              >
                β
              </text>
            </g>
          );
        })}
        <g className="minima-colorbar" data-testid="minima-colorbar">
          {Array.from({ length: LANDSCAPE_LEVELS + 1 }, (_, k) => {
            const t0 = k === 0 ? 0 : levels[k - 1]!.t;
            const t1 = k === LANDSCAPE_LEVELS ? 1 : levels[k]!.t;
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
            train loss
          </text>
        </g>
      </svg>
    </div>
  );
}

export const MinimaLandscapes = memo(MinimaLandscapesImpl);
