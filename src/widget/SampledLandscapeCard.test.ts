/** Which noise frame the sampler-landscape card shows: a finished one of the selected run with L_p. */
import { describe, expect, it } from 'vitest';
import type { NoiseFrame } from '../protocol/frames';
import type { ResultNoisePoint } from '../config/noise-result';
import { sampledFrame } from './SampledLandscapeCard';

const point = (run: number, landscape: boolean) =>
  ({
    run,
    sampled: {
      trainLoss: 1,
      sampledLoss: 0.5,
      effectiveExamples: 3,
      ...(landscape ? { landscape: { trainLoss: [1], sampledLoss: [0.5] } } : {}),
    },
  }) as unknown as ResultNoisePoint;
const grid = { a: [0, 1], b: [0, 1] };
const frame = (over: Partial<NoiseFrame>): NoiseFrame => ({
  jobId: 1,
  state: 'done',
  done: 1,
  total: 1,
  result: point(1, true),
  grid,
  ...over,
});

describe('sampledFrame', () => {
  it('shows a finished frame of the selected run that holds L_p on a grid', () => {
    const f = frame({});
    expect(sampledFrame(f, 1)).toBe(f);
  });
  it('shows nothing for another run, a running or failed job, or no landscape', () => {
    expect(sampledFrame(frame({}), 0)).toBeNull();
    expect(sampledFrame(frame({ state: 'running' }), 1)).toBeNull();
    expect(sampledFrame(frame({ state: 'failed', result: undefined }), 1)).toBeNull();
    expect(sampledFrame(frame({ result: point(1, false) }), 1)).toBeNull();
    expect(sampledFrame(frame({ grid: undefined }), 1)).toBeNull();
    expect(sampledFrame(null, 1)).toBeNull();
  });
});
