/**
 * The frame of the app's `loss-chart` SVG charts (`LossChart`, `ImplicitBiasChart`,
 * `EnsembleCloudMap`, `EnsembleXYChart`): the measured box and its svg with the plot area, grid
 * lines with their tick labels, the axis lines and the axis titles. Each chart composes these
 * pieces in its own order and draws its data on top. Styled by `.loss-chart …` in
 * widget/explorer.css and widget/lecture.css.
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
 * The frame of a line chart `width` px wide (at least 260) with `textSize` px labels: height half
 * the width, clamped to 240…440 px, and whole-pixel margins that fit the tick labels (left 4.8,
 * right 1.6, top 1.1 and bottom 3.6 text sizes).
 */
export function chartLayout(width: number, textSize: number): ChartFrame {
  const chartWidth = Math.max(260, width);
  const chartHeight = Math.round(Math.min(440, Math.max(240, chartWidth * 0.5)));
  const margin = {
    top: Math.round(textSize * 1.1),
    right: Math.round(textSize * 1.6),
    bottom: Math.round(textSize * 3.6),
    left: Math.round(textSize * 4.8),
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
 * each labelled with `formatTick(v)` right-aligned `labelGap` text sizes left of the plot.
 */
export function YGrid({
  frame,
  values,
  sy,
  labelGap = 0.6,
}: {
  frame: ChartFrame;
  values: readonly number[];
  sy: (v: number) => number;
  labelGap?: number;
}) {
  const { plot, textSize } = frame;
  return values.map((v) => (
    <g key={`y${v}`}>
      <line className="grid" x1={plot.left} x2={plot.left + plot.width} y1={sy(v)} y2={sy(v)} />
      <text
        className="tick-label"
        x={plot.left - textSize * labelGap}
        y={sy(v)}
        textAnchor="end"
        dominantBaseline="middle"
      >
        {formatTick(v)}
      </text>
    </g>
  ));
}

/**
 * A vertical grid line down the plot at each of `values` (data units, drawn at `sx(v)` px), each
 * labelled with `formatTick(v)` centred with its baseline `labelDrop` text sizes below the plot;
 * with `tickMarks`, a 6 px tick (`line.tick`) below the plot too.
 */
export function XGrid({
  frame,
  values,
  sx,
  labelDrop = 1.6,
  tickMarks = false,
}: {
  frame: ChartFrame;
  values: readonly number[];
  sx: (v: number) => number;
  labelDrop?: number;
  tickMarks?: boolean;
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
        {formatTick(v)}
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
