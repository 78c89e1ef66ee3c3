/**
 * The frame of the analysis panels' small SVG charts: the measured box and its svg, vertical grid
 * lines with their labels, horizontal grid lines (`PanelYGrid`), the plot frame (`PlotFrame`) and
 * the axis titles (`PanelAxisTitles`), with the chart's marks drawn on top. `PanelLineChart` is
 * the whole line chart (`BadMinimaChart`, `CurvePathChart`): layout, y range, scales and frame;
 * `BadMinimaClassBars` composes the pieces. Styled by `.grid-line` and `.plot-frame` in the
 * panels' CSS (bad-minima.css, curves.css).
 *
 * Every coordinate is in CSS pixels from the svg's top-left corner: the svg is drawn at its size
 * on screen, so its text is `textSize` px at any width. The plot is the svg less `margin` on each
 * side.
 */
import type { CSSProperties, ReactNode, Ref } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { VerticalText } from './chart-frame';
import { zeroBasedRange } from './curve-plot';
import { formatTick, linearTicks, scale } from './panels/plot';

/** Where a panel chart draws, in CSS px. */
export interface PanelChartFrame {
  /** The svg's width and height. */
  width: number;
  height: number;
  /** Size of the tick and axis text. */
  textSize: number;
  /** Space between each edge of the svg and the plot. */
  margin: { top: number; right: number; bottom: number; left: number };
}

/** A panel chart's height (`aspect` × its width, clamped) and right margin (in text sizes). */
export interface PanelChartShape {
  aspect: number;
  minHeight: number;
  maxHeight: number;
  rightMargin: number;
}

/**
 * The frame of a panel chart `width` px wide (at least 260) with `textSize` px labels: height
 * `aspect` × the width, rounded and clamped to `minHeight`…`maxHeight` px; margins of one text
 * size at the top, `rightMargin` on the right, 3.2 at the bottom and 4 on the left.
 */
export function panelChartLayout(
  width: number,
  textSize: number,
  shape: PanelChartShape,
): PanelChartFrame {
  const chartWidth = Math.max(260, width);
  return {
    width: chartWidth,
    height: Math.round(
      Math.min(shape.maxHeight, Math.max(shape.minHeight, chartWidth * shape.aspect)),
    ),
    textSize,
    margin: {
      top: textSize,
      right: textSize * shape.rightMargin,
      bottom: textSize * 3.2,
      left: textSize * 4,
    },
  };
}

/**
 * Linear scales from data to svg px: x from `xDomain` onto the plot's left…right edge, y from
 * `yDomain` onto its bottom…top edge (up is larger).
 */
export function plotScales(
  frame: PanelChartFrame,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): { sx: (x: number) => number; sy: (y: number) => number } {
  const { width, height, margin: m } = frame;
  return {
    sx: scale(xDomain[0], xDomain[1], m.left, width - m.right),
    sy: scale(yDomain[0], yDomain[1], height - m.bottom, m.top),
  };
}

/**
 * A polyline's `points` ("x,y x,y …", px to one decimal) through (sx(xs[i]), sy(values[i])) for
 * every i of `values` whose value is finite (null and non-finite values are left out, the line
 * joins across them).
 */
export function polylinePoints(
  xs: readonly number[],
  values: readonly (number | null)[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): string {
  const parts: string[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v))
      parts.push(`${sx(xs[i]!).toFixed(1)},${sy(v).toFixed(1)}`);
  });
  return parts.join(' ');
}

/** The props every panel line chart takes besides its data. */
export interface PanelLineChartProps {
  /** The y-axis title. */
  yLabel: string;
  /** Fixed y range (default: 0 to the largest value). */
  yRange?: [number, number];
  /** The svg's data-testid. */
  testId: string;
  /** Accessible description of the chart. */
  title: string;
  /** Size of the tick and axis text in CSS px (default 15; lecture mode 20). */
  textSize?: number;
  /** Multiplies the line widths (default 1; lecture mode 2). */
  lineScale?: number;
}

export interface PanelChartProps {
  /** The element `useElementWidth` measures. */
  boxRef: Ref<HTMLDivElement>;
  /** The box's class (the panel's CSS styles the chart through it). */
  className: string;
  frame: PanelChartFrame;
  testId: string;
  /** Accessible description of the chart. */
  title: string;
  /** x of the vertical grid lines (data units), each labelled `xTickLabel(x)`. */
  xTicks: readonly number[];
  xTickLabel: (x: number) => ReactNode;
  /** Style of one x label (default none). */
  xTickStyle?: (x: number) => CSSProperties | undefined;
  /** y range shown (data units): horizontal grid lines at about 4 nice ticks inside it. */
  yDomain: readonly [number, number];
  sx: (x: number) => number;
  sy: (y: number) => number;
  xTitle: ReactNode;
  yTitle: ReactNode;
  /** The chart's lines, drawn over the frame. */
  children: ReactNode;
}

/**
 * The svg with its frame: vertical grid lines labelled 1.2 text sizes below the plot, horizontal
 * grid lines labelled 6 px left of it, the plot frame, the x title 4 px above the svg's bottom and
 * the y title turned 90° anticlockwise, its centre one text size from the svg's left edge.
 */
export function PanelChart({
  boxRef,
  className,
  frame,
  testId,
  title,
  xTicks,
  xTickLabel,
  xTickStyle,
  yDomain,
  sx,
  sy,
  xTitle,
  yTitle,
  children,
}: PanelChartProps) {
  const { width: W, height: H, textSize, margin: m } = frame;
  const [y0, y1] = yDomain;
  return (
    <div ref={boxRef} className={className}>
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={title}
        data-testid={testId}
        style={{ fontSize: textSize }}
      >
        {xTicks.map((x) => (
          <g key={`x${x}`}>
            <line x1={sx(x)} x2={sx(x)} y1={m.top} y2={H - m.bottom} className="grid-line" />
            <text
              x={sx(x)}
              y={H - m.bottom + textSize * 1.2}
              textAnchor="middle"
              style={xTickStyle?.(x)}
            >
              {xTickLabel(x)}
            </text>
          </g>
        ))}
        <PanelYGrid
          frame={frame}
          values={linearTicks(y0, y1, 4).filter((v) => v >= y0 && v <= y1)}
          sy={sy}
        />
        <PlotFrame frame={frame} />
        <PanelAxisTitles frame={frame} x={xTitle} y={yTitle} />
        {children}
      </svg>
    </div>
  );
}

/**
 * A horizontal grid line (`line.grid-line`) across the plot at each of `values` (data units, drawn
 * at `sy(v)` px), each labelled `label(v)` (default `formatTick`) right-aligned 6 px left of it.
 */
export function PanelYGrid({
  frame,
  values,
  sy,
  label = formatTick,
}: {
  frame: PanelChartFrame;
  values: readonly number[];
  sy: (y: number) => number;
  label?: (y: number) => ReactNode;
}) {
  const { width: W, margin: m } = frame;
  return values.map((y) => (
    <g key={`y${y}`}>
      <line x1={m.left} x2={W - m.right} y1={sy(y)} y2={sy(y)} className="grid-line" />
      <text x={m.left - 6} y={sy(y)} textAnchor="end" dominantBaseline="middle">
        {label(y)}
      </text>
    </g>
  ));
}

/** The plot rectangle's outline (`rect.plot-frame`). */
export function PlotFrame({ frame }: { frame: PanelChartFrame }) {
  const { width: W, height: H, margin: m } = frame;
  return (
    <rect
      x={m.left}
      y={m.top}
      width={W - m.left - m.right}
      height={H - m.top - m.bottom}
      className="plot-frame"
    />
  );
}

/**
 * The axis titles: `x` (if given) centred under the plot, its baseline 4 px above the svg's
 * bottom; `y` turned 90° anticlockwise, centred beside the plot one text size from the svg's left
 * edge. With `sized`, each title carries the text size as its own `font-size` (for an svg that
 * sets none).
 */
export function PanelAxisTitles({
  frame,
  x,
  y,
  sized = false,
}: {
  frame: PanelChartFrame;
  x?: ReactNode;
  y: ReactNode;
  sized?: boolean;
}) {
  const { width: W, height: H, textSize, margin: m } = frame;
  const fontSize = sized ? textSize : undefined;
  return (
    <>
      {x !== undefined && (
        <text x={(m.left + W - m.right) / 2} y={H - 4} fontSize={fontSize} textAnchor="middle">
          {x}
        </text>
      )}
      <VerticalText x={textSize} y={(m.top + H - m.bottom) / 2} fontSize={fontSize}>
        {y}
      </VerticalText>
    </>
  );
}

/** The scales a panel line chart draws its lines with, and the top of the y range shown. */
export interface PanelLineScales {
  sx: (x: number) => number;
  sy: (y: number) => number;
  yTop: number;
}

export interface PanelLineChartFrameProps
  extends
    Omit<PanelLineChartProps, 'lineScale'>,
    Pick<PanelChartProps, 'className' | 'xTicks' | 'xTickLabel' | 'xTickStyle' | 'xTitle'> {
  /** The chart's height and right margin (`panelChartLayout`). */
  shape: PanelChartShape;
  /** Width before the box has been measured, in CSS px. */
  fallbackWidth: number;
  /** x range shown (data units). */
  xDomain: readonly [number, number];
  /** The lines' values: without `yRange`, the y range is 0 to their largest (`zeroBasedRange`). */
  yValues: readonly (readonly (number | null)[] | null)[];
  /** Draws the lines with the chart's scales. */
  children: (scales: PanelLineScales) => ReactNode;
}

/**
 * A panel line chart at its width on screen: the frame (`panelChartLayout`), a y range from 0
 * (or `yRange`), the scales (`plotScales`) and the `PanelChart` with the lines `children` draws.
 */
export function PanelLineChart({
  shape,
  fallbackWidth,
  xDomain,
  yValues,
  yRange,
  yLabel,
  textSize = 15,
  children,
  ...axes
}: PanelLineChartFrameProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(fallbackWidth);
  const frame = panelChartLayout(width, textSize, shape);
  const [y0, y1] = yRange ?? zeroBasedRange(yValues);
  const { sx, sy } = plotScales(frame, xDomain, [y0, y1]);
  return (
    <PanelChart
      {...axes}
      boxRef={ref}
      frame={frame}
      yDomain={[y0, y1]}
      sx={sx}
      sy={sy}
      yTitle={yLabel}
    >
      {children({ sx, sy, yTop: y1 })}
    </PanelChart>
  );
}
