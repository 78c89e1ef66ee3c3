/**
 * The selected run's mini-batch gradient-noise ellipse on the contour map (Zancato & Chiuso,
 * SCIENCE.md §7): the covariance of one SGD step's plane coordinates at the point where it was
 * computed (2σ, magnified ×k so it shows at the map's scale: the label says k), and on teacher
 * data its split into the label-noise (intrinsic) and misfit (exploration) terms. The worker's
 * `noise` job computes it (`session.noise`); `NoiseEllipseRequests` asks for it on pause.
 */
import { useAppStore } from '../state/store';
import { aToX, bToZ } from './geometry';
import type { MapLayout } from './ContourMap';
import type { LandscapeModel } from './model';
import { displayMagnification, ellipsePoints } from './noise-ellipse';

/** Colours of the three ellipses (distinct on every colour map and in print). */
export const NOISE_COLORS = {
  total: '#ffffff',
  intrinsic: '#ff9f1c',
  exploration: '#e4007c',
} as const;

export function NoiseEllipses({ model, layout }: { model: LandscapeModel; layout: MapLayout }) {
  const on = useAppStore((s) => s.noiseEllipse);
  const frame = useAppStore((s) => s.session?.noise ?? null);
  if (!on || !frame?.result) return null;
  const point = frame.result;
  const { sx, sy, M, text } = layout;
  const f = model.frame;
  const factor = point.samplerFactor;
  const scaled = (c: { xx: number; xy: number; yy: number }) => ({
    xx: c.xx * factor,
    xy: c.xy * factor,
    yy: c.yy * factor,
  });
  const total = scaled(point.total.step.covariance);
  const magnify = displayMagnification(total, f.aMax - f.aMin, f.bMax - f.bMin);
  const path = (c: { xx: number; xy: number; yy: number }) =>
    ellipsePoints([point.a, point.b], c, magnify)
      .map(
        ([a, b], k) => `${k ? 'L' : 'M'}${sx(aToX(f, a)).toFixed(1)},${sy(bToZ(f, b)).toFixed(1)}`,
      )
      .join('') + 'Z';
  const split = point.split;
  const legend: [string, string][] = [[NOISE_COLORS.total, 'SGD step noise']];
  if (split)
    legend.push(
      [NOISE_COLORS.intrinsic, 'label noise (intrinsic)'],
      [NOISE_COLORS.exploration, 'misfit (exploration)'],
    );
  return (
    <g
      className="noise-ellipses"
      data-testid="noise-ellipses"
      data-run={point.name}
      pointerEvents="none"
    >
      {split && (
        <>
          <path
            d={path(scaled(split.intrinsic.step.covariance))}
            className="noise-ellipse"
            data-term="intrinsic"
            fill="none"
            stroke={NOISE_COLORS.intrinsic}
            strokeWidth={3}
          />
          <path
            d={path(scaled(split.exploration.step.covariance))}
            className="noise-ellipse"
            data-term="exploration"
            fill="none"
            stroke={NOISE_COLORS.exploration}
            strokeWidth={3}
          />
        </>
      )}
      <path
        d={path(total)}
        className="noise-ellipse"
        data-term="total"
        fill="none"
        stroke="#000"
        strokeWidth={5}
        opacity={0.5}
      />
      <path
        d={path(total)}
        className="noise-ellipse"
        data-term="total"
        fill="none"
        stroke={NOISE_COLORS.total}
        strokeWidth={2.5}
        strokeDasharray="8 5"
      />
      <g className="noise-legend" transform={`translate(${M.left + 8} ${M.top + 8})`}>
        <rect
          x={0}
          y={0}
          width={text * 19}
          height={text * (1.5 + 1.3 * legend.length)}
          rx={4}
          fill="rgba(0,0,0,0.6)"
        />
        <text x={8} y={text * 1.2} fill="#fff" className="small">
          {`${point.name}, step ${point.step}: noise ×${magnify.toPrecision(2)}, 2σ`}
        </text>
        {legend.map(([color, label], k) => (
          <g key={label} transform={`translate(8 ${text * (1.6 + 1.3 * k)})`}>
            <line
              x1={0}
              x2={text * 1.6}
              y1={text * 0.45}
              y2={text * 0.45}
              stroke={color}
              strokeWidth={3}
            />
            <text x={text * 2} y={text * 0.8} fill="#fff" className="small">
              {label}
            </text>
          </g>
        ))}
      </g>
    </g>
  );
}
