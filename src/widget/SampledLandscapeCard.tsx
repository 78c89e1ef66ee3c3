/**
 * "What the importance sampler sees": for the selected run, when it draws its mini-batches by
 * importance (p ∝ exp(−ℓᵢ(θ_k)/U_c)), the training loss L and the sampler's loss L_p = Σᵢ pᵢ ℓᵢ
 * (p frozen at the run's newest recorded θ_k) side by side on the landscape's grid, on one colour
 * scale (`ui/SampledLandscapes`). The numbers come with the noise job (`display.noiseEllipse`,
 * `NoiseEllipseRequests`), which computes them on the grid on screen.
 */
import { useRef } from 'react';
import type { NoiseFrame } from '../protocol/frames';
import { useAppStore } from '../state/store';
import { SampledLandscapes } from '../ui/SampledLandscapes';
import { useHidden } from '../ui/useHidden';
import { AnalysisCard } from './AnalysisCard';

/** The newest finished noise frame that holds a sampler landscape for `run`, or null. */
export function sampledFrame(frame: NoiseFrame | null, run: number): NoiseFrame | null {
  if (!frame || frame.state !== 'done' || !frame.grid) return null;
  const point = frame.result;
  if (!point || point.run !== run || !point.sampled?.landscape) return null;
  return frame;
}

export function SampledLandscapeCard() {
  const frame = useAppStore((s) => s.session!.noise);
  const run = useAppStore((s) => s.session!.selectedRun);
  const info = useAppStore((s) => s.session!.info);
  const enabled = useAppStore((s) => s.noiseEllipse);
  const axisLabels = useAppStore((s) => s.landscape?.axisLabels ?? null);
  const hidden = useHidden('sampled-landscape');
  // While a newer noise job runs, keep showing the last finished one of the same run.
  const last = useRef<NoiseFrame | null>(null);
  const current = sampledFrame(frame, run);
  if (current) last.current = current;
  else if (frame?.state !== 'running' || last.current?.result?.run !== run) last.current = null;
  const shown = last.current;
  if (!enabled || hidden || !info || !shown) return null;
  const point = shown.result!;
  const landscape = point.sampled!.landscape!;
  const grid = shown.grid!;
  return (
    <AnalysisCard
      testId="sampled-landscape-card"
      title={`What the importance sampler sees (U_c = ${point.temperature})`}
      note={`${point.name} at step ${point.step}`}
    >
      <p className="muted">
        Left: the training loss L = (1/m) Σ ℓᵢ. Right: L_p = Σ pᵢ ℓᵢ, the loss whose gradient the
        importance-sampled mini-batches follow on average, with p ∝ exp(−ℓᵢ/U_c) frozen at the run’s
        point (●). High-loss examples weigh less, so L_p is smoother; as U_c → ∞ it becomes L. One
        colour scale for both; effective examples 1/Σpᵢ² ={' '}
        {point.sampled!.effectiveExamples.toFixed(1)}.
      </p>
      <SampledLandscapes
        a={grid.a}
        b={grid.b}
        trainLoss={landscape.trainLoss}
        sampledLoss={landscape.sampledLoss}
        marker={{ a: point.a, b: point.b }}
        color={info.colors[point.run] ?? '#333'}
        axisLabels={axisLabels ?? ['d₁', 'd₂']}
      />
    </AnalysisCard>
  );
}
