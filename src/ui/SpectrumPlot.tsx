/**
 * Hessian spectral densities (stochastic Lanczos quadrature) of several runs overlaid, as an SVG
 * plot: eigenvalue λ on x (negative values kept: saddles), density on y. Each run's curve is given
 * on its own grid; the plot's x range covers all of them.
 */
import { memo, useMemo } from 'react';
import { PanelAxisTitles } from './chart-panel-frame';
import { formatTick, linearTicks, scale } from './panels/plot';

export interface SpectrumCurve {
  name: string;
  color: string;
  /** λ at which the density is given, ascending. */
  grid: readonly number[];
  density: readonly number[];
}

export interface SpectrumPlotProps {
  curves: readonly SpectrumCurve[];
  width?: number;
  height?: number;
  /** Tick and axis text size in CSS px (default 15). */
  textSize?: number;
}

function SpectrumPlotImpl({ curves, width = 420, height = 220, textSize = 15 }: SpectrumPlotProps) {
  const m = { top: 10, right: 14, bottom: textSize * 2.8, left: textSize * 3.6 };
  const layout = useMemo(() => {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y1 = 0;
    for (const c of curves) {
      c.grid.forEach((x, i) => {
        if (!Number.isFinite(x) || !Number.isFinite(c.density[i]!)) return;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, c.density[i]!);
      });
    }
    if (!(x1 > x0)) return null;
    const sx = scale(x0, x1, m.left, width - m.right);
    const sy = scale(0, y1 * 1.05 || 1, height - m.bottom, m.top);
    const paths = curves.map((c) =>
      c.grid
        .map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(c.density[i]!).toFixed(1)}`)
        .join(''),
    );
    return { sx, sy, x0, x1, y1, paths };
  }, [curves, width, height, m.left, m.right, m.top, m.bottom]);
  if (!layout) return null;
  const { sx, sy, x0, x1, paths } = layout;
  return (
    <svg
      className="spectrum-plot"
      width={width}
      height={height}
      role="img"
      aria-label="Hessian eigenvalue density of each run (stochastic Lanczos quadrature)"
      data-testid="spectrum-plot"
    >
      {linearTicks(x0, x1, 5).map((t) => (
        <g key={t}>
          <line x1={sx(t)} x2={sx(t)} y1={m.top} y2={height - m.bottom} stroke="#ddd" />
          <text
            x={sx(t)}
            y={height - m.bottom + textSize * 1.2}
            fontSize={textSize}
            textAnchor="middle"
          >
            {formatTick(t)}
          </text>
        </g>
      ))}
      {x0 < 0 && x1 > 0 && (
        <line
          x1={sx(0)}
          x2={sx(0)}
          y1={m.top}
          y2={height - m.bottom}
          stroke="#888"
          strokeDasharray="3 3"
        />
      )}
      <line x1={m.left} x2={width - m.right} y1={sy(0)} y2={sy(0)} stroke="#888" />
      <PanelAxisTitles
        frame={{ width, height, textSize, margin: m }}
        x="Hessian eigenvalue λ"
        y="density"
        sized
      />
      {paths.map((d, k) => (
        <path key={curves[k]!.name} d={d} fill="none" stroke={curves[k]!.color} strokeWidth={2} />
      ))}
    </svg>
  );
}

export const SpectrumPlot = memo(SpectrumPlotImpl);
