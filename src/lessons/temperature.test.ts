/**
 * The lesson "Temperature" shows its phenomenon with its own settings (headless, wasm): the
 * stationary spread grows with η/B (the coldest at the well's discrete-time law), and the fraction
 * of each ensemble that escaped Rastrigin's local minimum grows from none to nearly all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../tests/unit/backend';
import { parseAppConfig } from '../config/app';
import { buildExperiment } from '../experiment/build';
import { experimentEnsemble } from '../experiment/ensemble';
import { lessonDocumentAt } from '../widget/lesson-actions';
import { lessonById } from './registry';

describe('lesson temperature', () => {
  beforeAll(() => useNodeBackend('wasm'));

  it('spread and escape grow with η/B; the coldest cloud stays at the well’s law', async () => {
    const lesson = lessonById('temperature')!;
    const index = lesson.steps.findIndex((s) => s.action === 'ensemble');
    expect(index).toBeGreaterThan(0);
    const config = parseAppConfig(lessonDocumentAt(lesson, index)).experiment;
    // The example the README names is the lesson's block.
    const example = JSON.parse(
      readFileSync(path.join(__dirname, '../../examples/ensemble-escape.json'), 'utf8'),
    ) as { ensemble: unknown };
    expect(config.ensemble).toEqual(parseAppConfig({ experiment: example }).experiment.ensemble);
    const experiment = buildExperiment(config);
    try {
      const result = await experimentEnsemble(experiment, config.ensemble!);
      const t = result.temperatures;
      console.log(
        `[lesson] temperature: η/B ${t.map((x) => x.temperature).join(', ')}; spread ${t.map((x) => x.spread!.toPrecision(3)).join(', ')}; escaped ${t.map((x) => `${x.escape!.escaped}/${result.members}`).join(', ')}`,
      );
      expect(t.map((x) => x.temperature)).toEqual([0.0005, 0.001, 0.002]);
      expect(t[1]!.spread!).toBeGreaterThan(t[0]!.spread! + 3 * t[1]!.spreadError!);
      expect(t[2]!.spread!).toBeGreaterThan(t[1]!.spread! + 3 * t[2]!.spreadError!);
      // Coldest: the well (λ = 2 + 40π² cos 2π·0.995 on both axes), 2·ησ²(m−B)/((m−1)Bλ(2−ηλ)).
      const lambda = 2 + 40 * Math.PI ** 2 * Math.cos(2 * Math.PI * 0.995);
      const eta = 0.002;
      const well = (2 * eta * 6400 * (60 / 63)) / (4 * lambda * (2 - eta * lambda));
      expect(t[0]!.spread! / well).toBeGreaterThan(0.85);
      expect(t[0]!.spread! / well).toBeLessThan(1.15);
      const escaped = t.map((x) => x.escape!.fraction);
      expect(escaped[0]).toBe(0);
      expect(escaped[1]).toBeGreaterThan(0.1);
      expect(escaped[1]).toBeLessThan(0.7);
      expect(escaped[2]).toBeGreaterThan(0.9);
      expect(result.fit!.slope).toBeGreaterThan(0);
    } finally {
      experiment.problem.dispose();
    }
  }, 180_000);
});
