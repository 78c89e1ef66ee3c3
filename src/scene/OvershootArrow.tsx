/**
 * The step-and-Taylor overlay on the contour map: the selected run's step θ_k → θ_{k+1} as an
 * arrow, through θ_k the Hessian's two eigen-directions (red where |1 − ηλᵢ| > 1: a gradient step
 * overshoots along that direction), tagged with the multiplier 1 − ηλᵢ of a gradient step.
 */
import { aToX, bToZ } from './geometry';
import type { MapLayout } from './ContourMap';
import type { LandscapeModel } from './model';
import { fmt } from './OvershootPanel';
import { STEP_COLOR, useOvershootView } from './overshoot-view';
import { OUTLINE_COLOR } from './labels';

/** Half-length of the eigen-direction lines, in CSS pixels. */
const AXIS_PX = 46;
const EIGEN_NAMES = ['λ₁', 'λ₂'] as const;
/** Directions along which the step grows (|1 − ηλ| > 1). */
const OVER_COLOR = '#b00020';
const isOver = (m: number | undefined) => m !== undefined && Math.abs(m) > 1;

export function OvershootArrow({ model, layout }: { model: LandscapeModel; layout: MapLayout }) {
  const view = useOvershootView();
  const step = view?.model;
  if (!step) return null;
  const { sx, sy } = layout;
  const px = (x: number, y: number): [number, number] => [
    sx(aToX(model.frame, x)),
    sy(bToZ(model.frame, y)),
  ];
  const [x0, y0] = px(...step.theta);
  const [x1, y1] = px(step.theta[0] + step.step[0], step.theta[1] + step.step[1]);
  const id = 'lle-overshoot-head';
  return (
    <g className="map-overshoot" data-testid="overshoot-arrow" pointerEvents="none">
      <defs>
        <marker
          id={id}
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="5"
          markerHeight="5"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill={STEP_COLOR} />
        </marker>
      </defs>
      {step.eigen.vectors.map((v, i) => {
        // Screen y grows downwards while b grows upwards: flip the b component.
        const dx = v[0] * AXIS_PX;
        const dy = -v[1] * AXIS_PX;
        const m = step.multipliers?.[i];
        const over = isOver(m);
        // The tag at the end of the line away from the step's arrow.
        const away = dx * (x1 - x0) + dy * (y1 - y0) > 0 ? -1.35 : 1.35;
        return (
          <g key={i}>
            <line
              x1={x0 - dx}
              y1={y0 - dy}
              x2={x0 + dx}
              y2={y0 + dy}
              stroke={over ? OVER_COLOR : '#4a5363'}
              strokeWidth={2}
              strokeDasharray="4 3"
            />
            <text
              x={x0 + dx * away}
              y={y0 + dy * away}
              textAnchor="middle"
              dominantBaseline="middle"
              className="map-tick-label"
              style={{ fill: over ? OVER_COLOR : '#1b2330', fontWeight: over ? 700 : 400 }}
              stroke={OUTLINE_COLOR}
              strokeWidth={4}
              paintOrder="stroke"
            >
              {EIGEN_NAMES[i]}
              {m !== undefined ? ` ×${fmt(m)}` : ''}
            </text>
          </g>
        );
      })}
      <line
        x1={x0}
        y1={y0}
        x2={x1}
        y2={y1}
        stroke={OUTLINE_COLOR}
        strokeWidth={7}
        strokeLinecap="round"
      />
      <line
        x1={x0}
        y1={y0}
        x2={x1}
        y2={y1}
        stroke={STEP_COLOR}
        strokeWidth={3}
        markerEnd={`url(#${id})`}
      />
    </g>
  );
}
