import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import { stabilityEdge } from './stability-edge';

describe('stabilityEdge', () => {
  it('is 2/η for gradient descent, (2 + 2μ)/η with momentum, none for adaptive methods or schedules', () => {
    const runs = parseConfig({
      runs: [
        { optimizer: 'sgd', lr: 0.1 },
        { optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
        { optimizer: 'nesterov', lr: 0.05, momentum: 0.5 },
        { optimizer: 'adam', lr: 0.01 },
        { optimizer: 'sgd', lr: 0.1, schedule: { kind: 'cosine' } },
      ],
    }).runs;
    expect(runs.map(stabilityEdge)).toEqual([20, expect.closeTo(38, 12), 60, null, null]);
  });
});
