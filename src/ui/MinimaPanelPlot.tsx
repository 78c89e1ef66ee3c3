/**
 * A small line plot for the flat-vs-sharp panel: several curves y(x) over an arbitrary x range
 * (slices through a minimum: x is the distance along a direction; the interpolation: x is t),
 * a linear or logarithmic y-axis, and labelled vertical marks (t = 0 and t = 1). Inline SVG laid
 * out at its size on screen, so its text is `textSize` px at any width.
 */
import { memo, useMemo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { chartLayout, VerticalText, XGrid, YGrid, type ChartShape } from './chart-frame';
import { logTicks } from './LossChart';
import { formatTick, linearTicks, scale } from './panels/plot';

export interface PlotCurve {
  name: string;
  color: string;
  x: readonly number[];
  /** y at each x; null (a value JSON could not hold) and, on a log axis, y ≤ 0 are left out. */
  y: readonly (number | null)[];
  dashed?: boolean;
}

export interface MinimaPlotProps {
  curves: readonly PlotCurve[];
  xLabel: string;
  yLabel: string;
  /** Logarithmic y-axis (losses); linear otherwise (accuracies). */
  log?: boolean;
  /** Fixed y domain (e.g. [0, 1] for accuracy); fitted to the curves when omitted. */
  yDomain?: readonly [number, number];
  /** Vertical marks with a label at the top (e.g. t = 0 and t = 1). */
  marks?: readonly { x: number; label: string }[];
  /** Accessible description. */
  title: string;
  testId: string;
  textSize?: number;
  lineScale?: number;
}

/** The plot's y domain and ticks for the curves' finite (and, on a log axis, positive) values. */
export function plotYAxis(
  curves: readonly PlotCurve[],
  log: boolean,
  fixed?: readonly [number, number],
  maxTicks = 8,
): { domain: [number, number]; ticks: number[] } {
  if (fixed) return { domain: [fixed[0], fixed[1]], ticks: linearTicks(fixed[0], fixed[1], 4) };
  let min = Infinity;
  let max = -Infinity;
  for (const c of curves)
    for (const v of c.y) {
      if (v === null || !Number.isFinite(v) || (log && !(v > 0))) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  if (log) {
    const t = logTicks(min <= max ? min : 0.1, min <= max ? max : 1);
    return { domain: t.domain, ticks: thinLogTicks(t.major, maxTicks) };
  }
  if (!(min <= max)) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  if (max === min) {
    min -= 0.5;
    max += 0.5;
  }
  return { domain: [min, max], ticks: linearTicks(min, max, 4) };
}

/**
 * At most `max` of the log ticks: all of them when they fit, else the powers of ten (when at least
 * two), else every other one.
 */
export function thinLogTicks(ticks: readonly number[], max: number): number[] {
  if (ticks.length <= max) return [...ticks];
  const decades = ticks.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (decades.length >= 2 && decades.length <= max) return decades;
  const step = Math.ceil(ticks.length / max);
  return ticks.filter((_, i) => i % step === 0);
}

/** Height 0.62 × the width, 200…320 px; room above the plot for the marks' labels. */
const PLOT_SHAPE: ChartShape = {
  minWidth: 240,
  aspect: 0.62,
  minHeight: 200,
  maxHeight: 320,
  margin: { top: 1.6, right: 1.2, bottom: 3.2, left: 4.2 },
};

function MinimaPlotImpl({
  curves,
  xLabel,
  yLabel,
  log = false,
  yDomain,
  marks = [],
  title,
  testId,
  textSize = 15,
  lineScale = 1,
}: MinimaPlotProps) {
  const [box, measured] = useElementWidth<HTMLDivElement>(420);
  const frame = useMemo(() => chartLayout(measured, textSize, PLOT_SHAPE), [measured, textSize]);
  const { width: W, height: H, plot } = frame;
  const plotRight = plot.left + plot.width;
  const plotBottom = plot.top + plot.height;
  const layout = useMemo(() => {
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const c of curves) {
      for (const x of c.x) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
    }
    if (!(x1 > x0)) return null;
    const { plot } = frame;
    const bottom = plot.top + plot.height;
    const y = plotYAxis(
      curves,
      log,
      yDomain,
      Math.max(2, Math.floor(plot.height / (textSize * 1.5))),
    );
    const sx = scale(x0, x1, plot.left, plot.left + plot.width);
    const lin = scale(y.domain[0], y.domain[1], bottom, plot.top);
    const ly0 = Math.log10(y.domain[0]);
    const lspan = Math.log10(y.domain[1]) - ly0 || 1;
    const sy = log ? (v: number) => bottom - ((Math.log10(v) - ly0) / lspan) * plot.height : lin;
    const clampY = (v: number) => Math.min(bottom, Math.max(plot.top, sy(v)));
    // One path per curve; a gap where a value is missing.
    const paths = curves.map((c) => {
      let d = '';
      let pen = false;
      c.x.forEach((x, i) => {
        const v = c.y[i];
        if (v === null || v === undefined || !Number.isFinite(v) || (log && !(v > 0))) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)},${clampY(v).toFixed(1)}`;
        pen = true;
      });
      return d;
    });
    return { x0, x1, sx, sy, y, paths };
  }, [curves, log, yDomain, frame, textSize]);
  if (!layout) return null;
  const { x0, x1, sx, sy, y, paths } = layout;
  return (
    <div ref={box} className="minima-plot-box">
      <svg
        className="minima-plot"
        data-testid={testId}
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        style={{ fontSize: textSize }}
        role="img"
        aria-label={title}
      >
        <rect
          className="plot-area"
          x={plot.left}
          y={plot.top}
          width={plot.width}
          height={plot.height}
        />
        <XGrid
          frame={frame}
          values={linearTicks(x0, x1, Math.max(3, Math.min(7, Math.floor(W / (textSize * 5)))))}
          sx={sx}
          labelDrop={1.2}
          format={formatTick}
        />
        <YGrid
          frame={frame}
          values={y.ticks}
          sy={sy}
          labelGap={0.4}
          labelShift={0.35}
          format={formatTick}
        />
        {marks
          .filter((mk) => mk.x >= x0 && mk.x <= x1)
          .map((mk) => (
            <g key={mk.label} className="mark" data-x={mk.x}>
              <line x1={sx(mk.x)} x2={sx(mk.x)} y1={plot.top} y2={plotBottom} />
              <text x={sx(mk.x)} y={plot.top - textSize * 0.35} textAnchor="middle">
                {mk.label}
              </text>
            </g>
          ))}
        {paths.map((d, k) => (
          <path
            key={curves[k]!.name}
            className={curves[k]!.dashed ? 'curve dashed' : 'curve'}
            data-name={curves[k]!.name}
            d={d}
            fill="none"
            stroke={curves[k]!.color}
            strokeWidth={(curves[k]!.dashed ? 1.8 : 2.4) * lineScale}
            strokeDasharray={curves[k]!.dashed ? `${6 * lineScale} ${4 * lineScale}` : undefined}
          />
        ))}
        <text
          className="axis-label"
          x={(plot.left + plotRight) / 2}
          y={H - textSize * 0.4}
          textAnchor="middle"
        >
          {xLabel}
        </text>
        <VerticalText className="axis-label" x={textSize * 0.9} y={(plot.top + plotBottom) / 2}>
          {yLabel}
        </VerticalText>
      </svg>
    </div>
  );
}

export const MinimaPlot = memo(MinimaPlotImpl);
