/**
 * A metric along the line θ(t) = (1 − t)·θ_good + t·θ_bad (Goodfellow et al. 2015), t from −0.5 to
 * 1.5: t = 0 is the good minimum, t = 1 the bad one. Train solid, test dashed. Inline SVG drawn at
 * its size on screen, so its text is `textSize` px at any width.
 */
import { memo } from 'react';
import { BAD_COLOR, GOOD_COLOR } from './bad-minima-plot';
import { PanelLineChart, polylinePoints } from './chart-panel-frame';
import type { PanelLineChartProps } from './chart-panel-frame';

export interface BadMinimaChartProps extends PanelLineChartProps {
  /** [T] values of t, ascending. */
  t: readonly number[];
  train: readonly number[];
  test: readonly number[];
}

/** Height half the width, 190…300 px; room on the right for the last x label. */
const CHART_SHAPE = { aspect: 0.5, minHeight: 190, maxHeight: 300, rightMargin: 1.2 };

function BadMinimaChartImpl({ t, train, test, lineScale = 1, ...chart }: BadMinimaChartProps) {
  return (
    <PanelLineChart
      {...chart}
      className="bad-minima-chart"
      shape={CHART_SHAPE}
      fallbackWidth={420}
      xDomain={[t[0]!, t[t.length - 1]!]}
      yValues={[train, test]}
      xTicks={[-0.5, 0, 0.5, 1, 1.5]}
      xTickLabel={(x) => (x === 0 ? 'good' : x === 1 ? 'bad' : x)}
      xTickStyle={(x) =>
        x === 0 || x === 1 ? { fill: x === 0 ? GOOD_COLOR : BAD_COLOR, fontWeight: 600 } : undefined
      }
      xTitle="t: (1 − t)·good + t·bad"
    >
      {({ sx, sy, yTop }) => {
        // Values above the range are drawn at its top.
        const line = (values: readonly number[]) =>
          polylinePoints(t, values, sx, (v) => sy(Math.min(v, yTop)));
        return (
          <>
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
          </>
        );
      }}
    </PanelLineChart>
  );
}

export const BadMinimaChart = memo(BadMinimaChartImpl);
