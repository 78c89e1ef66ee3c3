/**
 * The digits data view: sample 8×8 images of each digit and, at the runs' newest recorded θ, one
 * run's confusion matrix (rows: true digit, columns: predicted digit; shade = fraction of the row)
 * and its first misclassified test images captioned "true → predicted". Images are SVG: one
 * square per pixel, white (0) to black (16), so they stay sharp when projected.
 */
import { memo, useState } from 'react';
import type { DigitImages, DigitsViewResult } from '../config/digits-view';
import type { DigitsViewFrame } from '../protocol/digits-view';
import { CancelJobButton } from './CancelJobButton';
import { JobFailure } from './JobControls';
import './digits.css';

const SIDE = 8;
const MAX_PIXEL = 16;

/** Fill of a pixel 0…16: a grey from white (0) to near black (16). */
export function pixelFill(value: number): string {
  const level = Math.round(255 - (235 * Math.min(MAX_PIXEL, Math.max(0, value))) / MAX_PIXEL);
  return `rgb(${level},${level},${level})`;
}

/** Image `index` of `images` as an SVG group of its non-zero pixels, `size` px square at (x, y). */
function DigitGlyph({
  images,
  index,
  x,
  y,
  size,
}: {
  images: DigitImages;
  index: number;
  x: number;
  y: number;
  size: number;
}) {
  const cell = size / SIDE;
  const rects = [];
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = images.pixels[index * SIDE * SIDE + r * SIDE + c]!;
      if (v === 0) continue;
      rects.push(
        <rect
          key={r * SIDE + c}
          x={x + c * cell}
          y={y + r * cell}
          width={cell + 0.02}
          height={cell + 0.02}
          fill={pixelFill(v)}
        />,
      );
    }
  }
  return (
    <g data-digit={images.labels[index]}>
      <rect x={x} y={y} width={size} height={size} fill="#fff" stroke="#c8c8c8" strokeWidth={1} />
      {rects}
    </g>
  );
}

/** The sample grid: one row per digit, the digit's label at the left. */
function SampleGrid({
  samples,
  classes,
  size,
}: {
  samples: DigitImages;
  classes: number;
  size: number;
}) {
  const perClass = Math.max(1, Math.ceil(samples.labels.length / classes));
  const gap = size * 0.15;
  const labelWidth = size * 0.7;
  const width = labelWidth + perClass * (size + gap);
  const height = classes * (size + gap);
  const column = new Array<number>(classes).fill(0);
  return (
    <svg
      className="digits-samples"
      data-testid="digits-samples"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={`${samples.labels.length} sample digits, ${perClass} of each`}
    >
      {Array.from({ length: classes }, (_, c) => (
        <text
          key={`l${c}`}
          x={labelWidth * 0.4}
          y={c * (size + gap) + size * 0.7}
          textAnchor="middle"
          fontSize={size * 0.55}
          fontWeight={600}
        >
          {c}
        </text>
      ))}
      {Array.from(samples.labels, (label, i) => {
        const col = column[label]!++;
        return (
          <DigitGlyph
            key={i}
            images={samples}
            index={i}
            x={labelWidth + col * (size + gap)}
            y={label * (size + gap)}
            size={size}
          />
        );
      })}
    </svg>
  );
}

/** Shade of a confusion cell: the fraction of its row, blue on the diagonal, red off it. */
function cellFill(fraction: number, diagonal: boolean): string {
  if (fraction <= 0) return '#fff';
  const t = Math.min(1, fraction);
  return diagonal
    ? `rgba(37, 99, 235, ${0.12 + 0.78 * t})`
    : `rgba(220, 38, 38, ${0.18 + 0.82 * Math.min(1, 3 * t)})`;
}

/** The confusion matrix [C, C] (rows: true, columns: predicted) with counts in the cells. */
export function ConfusionMatrix({
  confusion,
  classes,
  cell,
  textSize,
}: {
  confusion: Int32Array;
  classes: number;
  cell: number;
  textSize: number;
}) {
  const left = textSize * 3.2;
  const top = textSize * 3.2;
  const size = classes * cell;
  const rowSums = Array.from({ length: classes }, (_, t) => {
    let s = 0;
    for (let p = 0; p < classes; p++) s += confusion[t * classes + p]!;
    return s;
  });
  return (
    <svg
      className="digits-confusion"
      data-testid="digits-confusion"
      viewBox={`0 0 ${left + size + 4} ${top + size + 4}`}
      width={left + size + 4}
      height={top + size + 4}
      role="img"
      aria-label="confusion matrix: rows true digit, columns predicted digit"
      fontSize={textSize}
    >
      <text x={left + size / 2} y={textSize * 1.1} textAnchor="middle" fontWeight={600}>
        predicted digit
      </text>
      <text
        transform={`translate(${textSize * 1.1}, ${top + size / 2}) rotate(-90)`}
        textAnchor="middle"
        fontWeight={600}
      >
        true digit
      </text>
      {Array.from({ length: classes }, (_, c) => (
        <g key={`h${c}`}>
          <text x={left + (c + 0.5) * cell} y={top - textSize * 0.5} textAnchor="middle">
            {c}
          </text>
          <text
            x={left - textSize * 0.5}
            y={top + (c + 0.5) * cell + textSize * 0.35}
            textAnchor="end"
          >
            {c}
          </text>
        </g>
      ))}
      {Array.from({ length: classes * classes }, (_, i) => {
        const t = Math.floor(i / classes);
        const p = i % classes;
        const count = confusion[i]!;
        const fraction = rowSums[t]! > 0 ? count / rowSums[t]! : 0;
        const strong = t === p ? fraction > 0.55 : fraction > 0.2;
        return (
          <g key={i} data-cell={`${t},${p}`} data-count={count}>
            <rect
              x={left + p * cell}
              y={top + t * cell}
              width={cell}
              height={cell}
              fill={cellFill(fraction, t === p)}
              stroke="#d4d4d4"
              strokeWidth={1}
            />
            {count > 0 && (
              <text
                x={left + (p + 0.5) * cell}
                y={top + (t + 0.5) * cell + textSize * 0.33}
                textAnchor="middle"
                fill={strong ? '#fff' : '#222'}
                fontSize={Math.min(textSize, cell * 0.45)}
              >
                {count}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The misclassified images, each captioned "true → predicted". */
function Mistakes({
  images,
  size,
  textSize,
}: {
  images: DigitImages & { predicted: Uint8Array };
  size: number;
  textSize: number;
}) {
  const perRow = 8;
  const gapX = size * 0.35;
  const rowHeight = size + textSize * 1.5;
  const n = images.labels.length;
  const rows = Math.ceil(n / perRow);
  const width = perRow * (size + gapX);
  return (
    <svg
      className="digits-mistakes"
      data-testid="digits-mistakes"
      viewBox={`0 0 ${width} ${rows * rowHeight}`}
      width={width}
      height={rows * rowHeight}
      role="img"
      aria-label={`${n} misclassified test images`}
      fontSize={textSize}
    >
      {Array.from({ length: n }, (_, i) => {
        const x = (i % perRow) * (size + gapX);
        const y = Math.floor(i / perRow) * rowHeight;
        return (
          <g key={i} data-mistake={`${images.labels[i]}→${images.predicted[i]}`}>
            <DigitGlyph images={images} index={i} x={x} y={y} size={size} />
            <text x={x + size / 2} y={y + size + textSize * 1.1} textAnchor="middle">
              {images.labels[i]} → <tspan fill="#dc2626">{images.predicted[i]}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface DigitsPanelProps {
  frame: DigitsViewFrame | null;
  /** Run colours [K]. */
  colors: readonly string[];
  onRefresh(): void;
  onCancel(): void;
  canRefresh: boolean;
  textSize?: number;
}

function percent(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–';
}

function DigitsPanelImpl({
  frame,
  colors,
  onRefresh,
  onCancel,
  canRefresh,
  textSize = 15,
}: DigitsPanelProps) {
  const [chosen, setChosen] = useState(0);
  const result: DigitsViewResult | undefined = frame?.state === 'done' ? frame.result : undefined;
  const running = frame?.state === 'running';
  const run = result ? result.runs[Math.min(chosen, result.runs.length - 1)] : undefined;
  const glyph = Math.round(textSize * 2.6);
  return (
    <div className="digits-panel" data-testid="digits-panel">
      <div className="card-actions">
        <button
          type="button"
          className="button"
          data-testid="digits-refresh"
          onClick={onRefresh}
          disabled={!canRefresh || running}
        >
          Classify the test images again
        </button>
        {running && (
          <CancelJobButton
            onCancel={onCancel}
            testId="digits-cancel"
            label="Cancel the digits view"
          />
        )}
        <JobFailure frame={frame} className="digits-error" />
      </div>
      {result && (
        <div className="digits-body">
          <figure className="digits-figure">
            <figcaption>Sample digits (8 × 8 pixels, 0–16)</figcaption>
            <SampleGrid samples={result.samples} classes={result.classes} size={glyph} />
          </figure>
          <figure className="digits-figure">
            <figcaption data-testid="digits-summary">
              {result.step === 0 ? 'At initialisation' : `At step ${result.step}`}:{' '}
              {run
                ? `${run.name} classifies ${percent(run.accuracy)} of the ${result.split} images right (${run.errors} wrong)`
                : ''}
            </figcaption>
            {result.runs.length > 1 && (
              <div className="digits-runs" role="tablist" aria-label="run">
                {result.runs.map((r, k) => (
                  <button
                    key={r.name}
                    type="button"
                    role="tab"
                    aria-selected={r === run}
                    className={r === run ? 'digits-run chosen' : 'digits-run'}
                    style={{ borderColor: colors[k] ?? '#888' }}
                    onClick={() => setChosen(k)}
                  >
                    <span className="swatch" style={{ background: colors[k] ?? '#888' }} />
                    {r.name} {percent(r.accuracy)}
                  </button>
                ))}
              </div>
            )}
            {run && (
              <ConfusionMatrix
                confusion={run.confusion}
                classes={result.classes}
                cell={Math.round(textSize * 2.4)}
                textSize={textSize}
              />
            )}
          </figure>
          {run && (
            <figure className="digits-figure">
              <figcaption>
                Misclassified (
                {run.errors === 0
                  ? 'none'
                  : `first ${run.misclassified.labels.length} of ${run.errors}`}
                ): true → <span className="digits-predicted">predicted</span>
              </figcaption>
              <Mistakes images={run.misclassified} size={glyph} textSize={textSize} />
            </figure>
          )}
        </div>
      )}
    </div>
  );
}

export const DigitsPanel = memo(DigitsPanelImpl);
