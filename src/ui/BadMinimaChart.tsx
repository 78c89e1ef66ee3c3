/**
 * A metric along the line θ(t) = (1 − t)·θ_good + t·θ_bad (Goodfellow et al. 2015), t from −0.5 to
 * 1.5: t = 0 is the good minimum, t = 1 the bad one. Train solid, test dashed. Inline SVG drawn at
 * its size on screen, so its text is `textSize` px at any width.
 */
import { memo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { BAD_COLOR, GOOD_COLOR } from './bad-minima-plot';
import { zeroBasedRange } from './curve-plot';
import { formatTick, linearTicks, scale } from './panels/plot';

export interface BadMinimaChartProps {
  /** [T] values of t, ascending. */
  t: readonly number[];
  train: readonly number[];
  test: readonly number[];
  yLabel: string;
  /** Fixed y range (default: 0 to the largest value). */
  yRange?: [number, number];
  testId: string;
  title: string;
  textSize?: number;
  lineScale?: number;
}

function BadMinimaChartImpl({
  t,
  train,
  test,
  yLabel,
  yRange,
  testId,
  title,
  textSize = 15,
  lineScale = 1,
}: BadMinimaChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(420);
  const W = Math.max(260, width);
  const H = Math.round(Math.min(300, Math.max(190, W * 0.5)));
  const m = { top: textSize, right: textSize * 1.2, bottom: textSize * 3.2, left: textSize * 4 };
  const [y0, y1] = yRange ?? zeroBasedRange([train, test]);
  const sx = scale(t[0]!, t[t.length - 1]!, m.left, W - m.right);
  const sy = scale(y0, y1, H - m.bottom, m.top);
  const line = (values: readonly number[]) =>
    values
      .map((v, i) =>
        Number.isFinite(v) ? `${sx(t[i]!).toFixed(1)},${sy(Math.min(v, y1)).toFixed(1)}` : '',
      )
      .filter((s) => s)
      .join(' ');
  return (
    <div ref={ref} className="bad-minima-chart">
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={title}
        data-testid={testId}
        style={{ fontSize: textSize }}
      >
        {[-0.5, 0, 0.5, 1, 1.5].map((x) => (
          <g key={`x${x}`}>
            <line x1={sx(x)} x2={sx(x)} y1={m.top} y2={H - m.bottom} className="grid-line" />
            <text
              x={sx(x)}
              y={H - m.bottom + textSize * 1.2}
              textAnchor="middle"
              style={
                x === 0 || x === 1
                  ? { fill: x === 0 ? GOOD_COLOR : BAD_COLOR, fontWeight: 600 }
                  : undefined
              }
            >
              {x === 0 ? 'good' : x === 1 ? 'bad' : x}
            </text>
          </g>
        ))}
        {linearTicks(y0, y1, 4)
          .filter((v) => v >= y0 && v <= y1)
          .map((y) => (
            <g key={`y${y}`}>
              <line x1={m.left} x2={W - m.right} y1={sy(y)} y2={sy(y)} className="grid-line" />
              <text x={m.left - 6} y={sy(y)} textAnchor="end" dominantBaseline="middle">
                {formatTick(y)}
              </text>
            </g>
          ))}
        <rect
          x={m.left}
          y={m.top}
          width={W - m.left - m.right}
          height={H - m.top - m.bottom}
          className="plot-frame"
        />
        <text x={(m.left + W - m.right) / 2} y={H - 4} textAnchor="middle">
          t: (1 − t)·good + t·bad
        </text>
        <text
          x={textSize}
          y={(m.top + H - m.bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 ${textSize} ${(m.top + H - m.bottom) / 2})`}
        >
          {yLabel}
        </text>
        <polyline
          points={line(train)}
          fill="none"
          stroke="#222"
          strokeWidth={3 * lineScale}
          data-series="train"
        />
        <polyline
          points={line(test)}
          fill="none"
          stroke="#222"
          strokeWidth={2 * lineScale}
          strokeDasharray={`${6 * lineScale} ${4 * lineScale}`}
          data-series="test"
        />
      </svg>
    </div>
  );
}

export const BadMinimaChart = memo(BadMinimaChartImpl);
