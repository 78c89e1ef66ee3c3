/**
 * Each lesson's default settings show its phenomenon: trained headless (wasm, the same engine as
 * the worker) from the lesson's document, the recorded losses say what the lesson says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseAppConfig } from '../config/app';
import { runExperiment } from '../experiment/run';
import { lessonById } from './registry';

/** Every run's recorded training losses, by run name. */
async function losses(id: string): Promise<Record<string, number[]>> {
  const doc = parseAppConfig(lessonById(id)!.document);
  const result = await runExperiment(doc.experiment, 'wasm');
  return Object.fromEntries(result.runs.map((r) => [r.name, r.trajectory.map((p) => p.trainLoss)]));
}

const last = (values: number[]) => values[values.length - 1]!;
/** How often the loss went up between recorded points. */
const rises = (values: number[]) => values.slice(1).filter((v, i) => v > values[i]!).length;

describe('lessons show their phenomena', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('SGD vs Momentum vs Adam: Adam ends far below plain SGD', async () => {
    const l = await losses('sgd-momentum-adam');
    console.log(
      `[lesson] race: final training loss SGD ${last(l.SGD!).toFixed(4)}, momentum ${last(l.Momentum!).toFixed(4)}, Adam ${last(l.Adam!).toFixed(4)}`,
    );
    expect(last(l.Adam!)).toBeLessThan(last(l.SGD!) - 0.05);
  }, 120_000);

  it('Adam vs AdamW: decoupled decay ends lower than the coupled L2 penalty', async () => {
    const l = await losses('adam-adamw');
    const adam = last(l['Adam + L2 (λ 0.01)']!);
    const adamw = last(l['AdamW (λ 0.01)']!);
    console.log(`[lesson] Adam + L2 ${adam.toFixed(4)}, AdamW ${adamw.toFixed(4)}`);
    expect(adamw).toBeLessThan(adam);
  }, 120_000);

  it('Small vs large batch: the batch-16 loss goes up and down, the full-batch one barely', async () => {
    const l = await losses('small-large-batch');
    const small = rises(l['SGD, batch 16']!);
    const full = rises(l['SGD, full batch']!);
    console.log(`[lesson] loss increases between recorded steps: batch 16 ${small}, full ${full}`);
    expect(small).toBeGreaterThan(full + 10);
  }, 120_000);
});
