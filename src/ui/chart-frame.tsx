/**
 * The frame of the app's `loss-chart` SVG charts (`LossChart`, `ImplicitBiasChart`,
 * `EnsembleCloudMap`, `EnsembleXYChart`): the measured box and its svg with the plot area, grid
 * lines with their tick labels, the axis lines and the axis titles. Each chart composes these
 * pieces in its own order and draws its data on top. Styled by `.loss-chart …` in
 * widget/explorer.css and widget/lecture.css. The minima plot (`MinimaPlot`, `.minima-plot`) lays
 * itself out and draws its grids with them too.
 *
 * Every coordinate is in CSS pixels from the svg's top-left corner: the svg's viewBox is its size
 * on screen, so its text is `textSize` px at any width.
 */
import type { ReactNode, Ref } from 'react';
import { formatTick } from './chart-ticks';

/** Where a chart draws, in CSS px. */
export interface ChartFrame {
  /** The svg's width and height. */
  width: number;
  height: number;
  /** Size of the tick and axis text. */
  textSize: number;
  /** The plot rectangle: its left and top edges, its width and height. */
  plot: { left: number; top: number; width: number; height: number };
}

/**
 * A line chart's proportions: its least width, its height (`aspect` × the width, rounded and
 * clamped to `minHeight`…`maxHeight` px) and its margins in text sizes (each rounded to whole px).
 */
export interface ChartShape {
  minWidth: number;
  aspect: number;
  minHeight: number;
  maxHeight: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/**
 * The `loss-chart` line charts' shape: at least 260 px wide, height half the width in 240…440 px,
 * margins that fit the tick labels (left 4.8, right 1.6, top 1.1 and bottom 3.6 text sizes).
 */
export const LINE_CHART_SHAPE: ChartShape = {
  minWidth: 260,
  aspect: 0.5,
  minHeight: 240,
  maxHeight: 440,
  margin: { top: 1.1, right: 1.6, bottom: 3.6, left: 4.8 },
};

/** The frame of a chart `width` px wide with `textSize` px labels, in `shape`'s proportions. */
export function chartLayout(
  width: number,
  textSize: number,
  shape: ChartShape = LINE_CHART_SHAPE,
): ChartFrame {
  const chartWidth = Math.max(shape.minWidth, width);
  const chartHeight = Math.round(
    Math.min(shape.maxHeight, Math.max(shape.minHeight, chartWidth * shape.aspect)),
  );
  const margin = {
    top: Math.round(textSize * shape.margin.top),
    right: Math.round(textSize * shape.margin.right),
    bottom: Math.round(textSize * shape.margin.bottom),
    left: Math.round(textSize * shape.margin.left),
  };
  return {
    width: chartWidth,
    height: chartHeight,
    textSize,
    plot: {
      left: margin.left,
      top: margin.top,
      width: chartWidth - margin.left - margin.right,
      height: chartHeight - margin.top - margin.bottom,
    },
  };
}

/**
 * The chart's measured box (`div.loss-chart-box`, the element `useElementWidth` measures) and its
 * svg (`svg.loss-chart`, an image described by `title`), `frame.width` × `frame.height` px, with
 * `defs` (if any), then the plot rectangle's background (`rect.plot-area`), then `children`.
 */
export function ChartSvg({
  boxRef,
  frame,
  testId,
  title,
  defs,
  children,
}: {
  boxRef: Ref<HTMLDivElement>;
  frame: ChartFrame;
  testId: string;
  title: string;
  defs?: ReactNode;
  children: ReactNode;
}) {
  const { plot } = frame;
  return (
    <div ref={boxRef} className="loss-chart-box">
      <svg
        className="loss-chart"
        data-testid={testId}
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        width={frame.width}
        height={frame.height}
        style={{ fontSize: frame.textSize }}
        role="img"
        aria-label={title}
      >
        {defs}
        <rect
          x={plot.left}
          y={plot.top}
          width={plot.width}
          height={plot.height}
          className="plot-area"
        />
        {children}
      </svg>
    </div>
  );
}

/**
 * A horizontal grid line across the plot at each of `values` (data units, drawn at `sy(v)` px),
 * each labelled with `format(v)` (default `formatTick`) right-aligned `labelGap` text sizes left of
 * the plot: centred on the line, or with `labelShift`, its baseline that many text sizes below it.
 */
export function YGrid({
  frame,
  values,
  sy,
  labelGap = 0.6,
  labelShift,
  format = formatTick,
}: {
  frame: ChartFrame;
  values: readonly number[];
  sy: (v: number) => number;
  labelGap?: number;
  labelShift?: number;
  format?: (v: number) => string;
}) {
  const { plot, textSize } = frame;
  return values.map((v) => (
    <g key={`y${v}`}>
      <line className="grid" x1={plot.left} x2={plot.left + plot.width} y1={sy(v)} y2={sy(v)} />
      <text
        className="tick-label"
        x={plot.left - textSize * labelGap}
        y={labelShift === undefined ? sy(v) : sy(v) + textSize * labelShift}
        textAnchor="end"
        dominantBaseline={labelShift === undefined ? 'middle' : undefined}
      >
        {format(v)}
      </text>
    </g>
  ));
}

/**
 * A vertical grid line down the plot at each of `values` (data units, drawn at `sx(v)` px), each
 * labelled with `format(v)` (default `formatTick`) centred with its baseline `labelDrop` text
 * sizes below the plot; with `tickMarks`, a 6 px tick (`line.tick`) below the plot too.
 */
export function XGrid({
  frame,
  values,
  sx,
  labelDrop = 1.6,
  tickMarks = false,
  format = formatTick,
}: {
  frame: ChartFrame;
  values: readonly number[];
  sx: (v: number) => number;
  labelDrop?: number;
  tickMarks?: boolean;
  format?: (v: number) => string;
}) {
  const { plot, textSize } = frame;
  return values.map((v) => (
    <g key={`x${v}`}>
      <line className="grid" x1={sx(v)} x2={sx(v)} y1={plot.top} y2={plot.top + plot.height} />
      {tickMarks && (
        <line
          className="tick"
          x1={sx(v)}
          x2={sx(v)}
          y1={plot.top + plot.height}
          y2={plot.top + plot.height + 6}
        />
      )}
      <text
        className="tick-label"
        x={sx(v)}
        y={plot.top + plot.height + textSize * labelDrop}
        textAnchor="middle"
      >
        {format(v)}
      </text>
    </g>
  ));
}

/** The x-axis (the plot's bottom edge) and the y-axis (its left edge) as `line.axis`. */
export function AxisLines({ frame }: { frame: ChartFrame }) {
  const { plot } = frame;
  return (
    <>
      <line
        className="axis"
        x1={plot.left}
        x2={plot.left + plot.width}
        y1={plot.top + plot.height}
        y2={plot.top + plot.height}
      />
      <line
        className="axis"
        x1={plot.left}
        x2={plot.left}
        y1={plot.top}
        y2={plot.top + plot.height}
      />
    </>
  );
}

/**
 * The axis titles (`text.axis-label`): `x` centred under the plot with its baseline 0.6 text sizes
 * above the svg's bottom; `y` turned 90° anticlockwise, centred beside the plot, `yInset` text
 * sizes from the svg's left edge.
 */
export function AxisTitles({
  frame,
  x,
  y,
  yInset = 1.2,
}: {
  frame: ChartFrame;
  x: ReactNode;
  y: ReactNode;
  yInset?: number;
}) {
  const { plot, textSize } = frame;
  return (
    <>
      <text
        className="axis-label"
        x={plot.left + plot.width / 2}
        y={frame.height - textSize * 0.6}
        textAnchor="middle"
      >
        {x}
      </text>
      <text
        className="axis-label"
        transform={`translate(${textSize * yInset} ${plot.top + plot.height / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {y}
      </text>
    </>
  );
}

/**
 * Text read bottom to top: centred on (`x`, `y`) px and turned 90° anticlockwise about that point
 * (a y-axis or colour-bar title). `fontSize`, for an svg that sets none.
 */
export function VerticalText({
  x,
  y,
  className,
  fontSize,
  children,
}: {
  x: number;
  y: number;
  className?: string;
  fontSize?: number;
  children: ReactNode;
}) {
  return (
    <text
      className={className}
      x={x}
      y={y}
      fontSize={fontSize}
      textAnchor="middle"
      transform={`rotate(-90 ${x} ${y})`}
    >
      {children}
    </text>
  );
}
