/**
 * Test accuracy per class of the good and the bad minimum, side by side (Huang et al. 2019: the
 * bad minimum fits every training point yet misclassifies test points; this shows which classes
 * pay). Grouped bars, one group per class labelled in its categorical colour (class-plot.ts, as
 * the decision maps and the points); good in GOOD_COLOR, bad in BAD_COLOR. Inline SVG drawn at its
 * size on screen, so its text is `textSize` px at any width.
 */
import { memo } from 'react';
import { useElementWidth } from '../scene/useElementSize';
import { BAD_COLOR, GOOD_COLOR, percent } from './bad-minima-plot';
import { PanelAxisTitles, PanelYGrid, PlotFrame } from './chart-panel-frame';
import { classColor } from './panels/class-plot';
import { scale } from './panels/plot';

export interface BadMinimaClassBarsProps {
  /** [C] test accuracy per class of the good minimum (NaN: the class has no test point). */
  good: readonly number[];
  /** [C] the same for the bad minimum shown. */
  bad: readonly number[];
  textSize?: number;
}

function BadMinimaClassBarsImpl({ good, bad, textSize = 15 }: BadMinimaClassBarsProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(520);
  const classes = good.length;
  const W = Math.max(300, Math.min(width, 900));
  const H = Math.round(textSize * 14);
  const m = { top: textSize * 2.4, right: textSize, bottom: textSize * 3.4, left: textSize * 5 };
  const frame = { width: W, height: H, textSize, margin: m };
  const group = (W - m.left - m.right) / classes;
  const bar = Math.min(group * 0.38, textSize * 2.4);
  const sy = scale(0, 1, H - m.bottom, m.top);
  const height = (v: number) => (Number.isFinite(v) ? sy(0) - sy(Math.min(1, Math.max(0, v))) : 0);
  return (
    <div ref={ref} className="bad-minima-class-bars">
      <svg
        width={W}
        height={H}
        role="img"
        data-testid="bad-minima-class-bars"
        aria-label="Test accuracy per class of the good minimum and the bad minimum"
        style={{ fontSize: textSize }}
      >
        <PanelYGrid
          frame={frame}
          values={[0, 0.25, 0.5, 0.75, 1]}
          sy={sy}
          label={(y) => `${Math.round(100 * y)} %`}
        />
        {good.map((g, c) => {
          const cx = m.left + (c + 0.5) * group;
          const b = bad[c] ?? Number.NaN;
          return (
            <g key={c} data-class={c}>
              {[
                { v: g, x: cx - bar - 1, color: GOOD_COLOR, which: 'good' },
                { v: b, x: cx + 1, color: BAD_COLOR, which: 'bad' },
              ].map(({ v, x, color, which }) => (
                <rect
                  key={which}
                  x={x}
                  y={sy(0) - height(v)}
                  width={bar}
                  height={height(v)}
                  fill={color}
                  data-which={which}
                  data-value={v}
                >
                  <title>{`class ${c}, ${which} minimum: ${percent(v)}`}</title>
                </rect>
              ))}
              <rect
                x={cx - textSize * 0.45}
                y={H - m.bottom + textSize * 0.5}
                width={textSize * 0.9}
                height={textSize * 0.9}
                fill={classColor(c)}
              />
              <text
                x={cx}
                y={H - m.bottom + textSize * 2.4}
                textAnchor="middle"
                style={{ fill: classColor(c), fontWeight: 600 }}
              >
                {c}
              </text>
            </g>
          );
        })}
        <PlotFrame frame={frame} />
        <PanelAxisTitles frame={frame} y="test accuracy" />
        {[
          { label: 'good minimum', color: GOOD_COLOR },
          { label: 'bad minimum', color: BAD_COLOR },
        ].map(({ label, color }, k) => {
          const x = m.left + k * textSize * 10;
          return (
            <g key={label}>
              <rect
                x={x}
                y={textSize * 0.3}
                width={textSize * 0.9}
                height={textSize * 0.9}
                fill={color}
              />
              <text x={x + textSize * 1.3} y={textSize * 0.75} dominantBaseline="middle">
                {label}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export const BadMinimaClassBars = memo(BadMinimaClassBarsImpl);
