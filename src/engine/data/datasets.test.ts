import { describe, expect, it } from 'vitest';
import { classCount, generateDataset, tanhModel, type DatasetSpec } from './datasets';

const base = { points: 200, noise: 0, testFraction: 0.25, margin: 0.3, seed: 4 };

describe('generateDataset', () => {
  it.each(['spiral', 'circles', 'xor', 'gaussians', 'moons', 'linear'] as const)(
    '%s: splits 200 points 150/50, balanced labels in {0, 1}, inputs near [−1, 1]²',
    (kind) => {
      const d = generateDataset({ ...base, kind });
      expect(d.task).toBe('classification');
      expect(d.inputDim).toBe(2);
      expect(d.yTrain.length).toBe(150);
      expect(d.yTest.length).toBe(50);
      expect(d.xTrain.length).toBe(300);
      const labels = [...d.yTrain, ...d.yTest];
      expect(labels.every((y) => y === 0 || y === 1)).toBe(true);
      const ones = labels.filter((y) => y === 1).length;
      // Sets built per class are exactly balanced; xor and linear label uniform points by a rule.
      if (kind === 'xor') expect(Math.abs(ones - 100)).toBeLessThan(30);
      else if (kind === 'linear') expect(ones).toBeGreaterThan(20);
      else expect(ones).toBe(100);
      for (const v of [...d.xTrain, ...d.xTest])
        expect(Math.abs(v)).toBeLessThanOrEqual(kind === 'gaussians' ? 2 : 1.0001);
    },
  );

  it('labels by the rule of each set', () => {
    const xor = generateDataset({ ...base, kind: 'xor' });
    for (let i = 0; i < xor.yTrain.length; i++) {
      expect(xor.yTrain[i]).toBe(xor.xTrain[2 * i]! * xor.xTrain[2 * i + 1]! > 0 ? 1 : 0);
    }
    const circles = generateDataset({ ...base, kind: 'circles' });
    for (let i = 0; i < circles.yTrain.length; i++) {
      const r = Math.hypot(circles.xTrain[2 * i]!, circles.xTrain[2 * i + 1]!);
      expect(circles.yTrain[i]).toBe(r <= 0.5 ? 1 : 0);
      expect(r <= 0.5 || r >= 0.7).toBe(true);
    }
  });

  it('keeps the margin of the linearly separable set: a separating line with gap ≥ margin', () => {
    const d = generateDataset({ ...base, kind: 'linear', noise: 0.1 });
    // Brute-force over directions: the best margin of a line through the data's gap is ≥ 0.3.
    let best = -Infinity;
    for (let a = 0; a < 3600; a++) {
      const wx = Math.cos((a * Math.PI) / 1800);
      const wy = Math.sin((a * Math.PI) / 1800);
      let min1 = Infinity;
      let max0 = -Infinity;
      for (let i = 0; i < d.yTrain.length; i++) {
        const s = wx * d.xTrain[2 * i]! + wy * d.xTrain[2 * i + 1]!;
        if (d.yTrain[i] === 1) min1 = Math.min(min1, s);
        else max0 = Math.max(max0, s);
      }
      best = Math.max(best, min1 - max0);
    }
    expect(best).toBeGreaterThanOrEqual(0.3 - 1e-3);
  });

  it('adds Gaussian input noise of the requested size', () => {
    const clean = generateDataset({ ...base, kind: 'spiral', testFraction: 0 });
    const noisy = generateDataset({ ...base, kind: 'spiral', testFraction: 0, noise: 0.1 });
    // Same seed and split: the points pair up; the differences have std ≈ 0.1.
    let s2 = 0;
    const n = clean.xTrain.length;
    for (let i = 0; i < n; i++) s2 += (noisy.xTrain[i]! - clean.xTrain[i]!) ** 2;
    expect(Math.sqrt(s2 / n)).toBeGreaterThan(0.08);
    expect(Math.sqrt(s2 / n)).toBeLessThan(0.12);
  });

  it('draws the tanh teacher data y = h_θ*(x) + ε', () => {
    const spec: DatasetSpec = {
      kind: 'tanh-teacher',
      points: 50,
      noise: 0,
      testFraction: 0.2,
      teacherUnits: 3,
      teacherSlope: 2,
      seed: 1,
    };
    const d = generateDataset(spec);
    const t = d.teacher!;
    expect(t.length).toBe(7);
    for (let i = 0; i < d.yTrain.length; i++) {
      expect(d.yTrain[i]).toBeCloseTo(
        tanhModel(d.xTrain[i]!, t[0]!, t.subarray(1, 4), t.subarray(4, 7)),
        5,
      );
      expect(Math.abs(d.xTrain[i]!)).toBeLessThanOrEqual(3);
    }
  });

  it('draws a linear design y = Aθ* with shape [m, features]', () => {
    const d = generateDataset({
      kind: 'linear-design',
      points: 10,
      features: 30,
      noise: 0,
      testFraction: 0,
      seed: 2,
    });
    expect(d.inputDim).toBe(30);
    expect(d.xTrain.length).toBe(300);
    const t = d.teacher!;
    for (let i = 0; i < 10; i++) {
      let s = 0;
      for (let j = 0; j < 30; j++) s += d.xTrain[i * 30 + j]! * t[j]!;
      expect(d.yTrain[i]).toBeCloseTo(s, 5);
    }
  });

  it('takes user points as given, with an explicit or a seeded split', () => {
    const x = [[0], [1], [2], [3]];
    const y = [0, 1, 4, 9];
    const explicit = generateDataset({
      kind: 'custom',
      task: 'regression',
      x,
      y,
      testX: [[5]],
      testY: [25],
      testFraction: 0,
      seed: 0,
    });
    expect(Array.from(explicit.xTrain)).toEqual([0, 1, 2, 3]);
    expect(Array.from(explicit.yTest)).toEqual([25]);
    const split = generateDataset({
      kind: 'custom',
      task: 'regression',
      x,
      y,
      testFraction: 0.25,
      seed: 0,
    });
    expect(split.yTrain.length).toBe(3);
    const all = [...split.xTrain, ...split.xTest].sort();
    expect(all).toEqual([0, 1, 2, 3]);
    // Pairs stay together.
    for (let i = 0; i < 3; i++) expect(split.yTrain[i]).toBe(split.xTrain[i]! ** 2);
  });

  it('is reproducible from its seed', () => {
    const a = generateDataset({ ...base, kind: 'moons', noise: 0.1 });
    const b = generateDataset({ ...base, kind: 'moons', noise: 0.1 });
    const c = generateDataset({ ...base, kind: 'moons', noise: 0.1, seed: 5 });
    expect(Array.from(a.xTrain)).toEqual(Array.from(b.xTrain));
    expect(Array.from(a.xTrain)).not.toEqual(Array.from(c.xTrain));
  });
});

describe('multi-class data', () => {
  it.each([
    ['spiral3', 3],
    ['spiral5', 5],
  ] as const)('%s: %i arms, labels 0…C−1 in near-equal counts, classes = C', (kind, c) => {
    const d = generateDataset({ ...base, kind, points: 301 });
    expect(d.classes).toBe(c);
    expect(classCount(d)).toBe(c);
    const labels = [...d.yTrain, ...d.yTest];
    const counts = Array.from({ length: c }, (_, k) => labels.filter((y) => y === k).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(301);
    // ⌈(n − k)/C⌉ points per arm: 301 = 101 + 100 + 100 for C = 3; 61 + 60·4 for C = 5.
    expect(counts).toEqual(c === 3 ? [101, 100, 100] : [61, 60, 60, 60, 60]);
    for (const v of [...d.xTrain, ...d.xTest]) expect(Math.abs(v)).toBeLessThanOrEqual(1.0001);
  });

  it('puts arm c at angle 2π·r + 2πc/C on radius r (no noise)', () => {
    const d = generateDataset({ ...base, kind: 'spiral3', points: 30, testFraction: 0 });
    for (let i = 0; i < d.yTrain.length; i++) {
      const x = d.xTrain[2 * i]!;
      const y = d.xTrain[2 * i + 1]!;
      const r = Math.hypot(x, y);
      if (r < 1e-6) continue;
      const angle = Math.atan2(x, y); // sin t = x / r, cos t = y / r
      const expected = 2 * Math.PI * r + (2 * Math.PI * d.yTrain[i]!) / 3;
      const diff = Math.atan2(Math.sin(angle - expected), Math.cos(angle - expected));
      expect(Math.abs(diff)).toBeLessThan(1e-5);
    }
  });

  it('binary sets say 2 classes; regression sets 0', () => {
    expect(classCount(generateDataset({ ...base, kind: 'moons' }))).toBe(2);
    const teacher = generateDataset({
      kind: 'tanh-teacher',
      points: 20,
      noise: 0,
      testFraction: 0,
      teacherUnits: 2,
      teacherSlope: 1,
      seed: 1,
    });
    expect(classCount(teacher)).toBe(0);
  });

  it('custom points: C = 1 + the largest label; bad labels name the point', () => {
    const custom = (y: number[], testY?: number[]): DatasetSpec => ({
      kind: 'custom',
      task: 'classification',
      x: y.map((_, i) => [i, 0]),
      y,
      ...(testY ? { testX: testY.map((_, i) => [i, 1]), testY } : {}),
      testFraction: 0,
      seed: 1,
    });
    expect(generateDataset(custom([0, 1, 1])).classes).toBe(2);
    expect(generateDataset(custom([0, 2, 1, 0])).classes).toBe(3);
    expect(generateDataset(custom([0, 1], [4])).classes).toBe(5);
    expect(() => generateDataset(custom([0, 1.5]))).toThrow(
      'custom label 1 is 1.5: class labels must be whole numbers from 0 to 31',
    );
    expect(() => generateDataset(custom([0, 1], [-1]))).toThrow('custom test label 0 is -1');
  });
});

describe('class limit', () => {
  it("equals the config schema's", async () => {
    const schema = await import('../../config/schema');
    const engine = await import('./datasets');
    expect(engine.MAX_CLASSES).toBe(schema.MAX_CLASSES);
    expect(engine.MAX_CLASSES).toBe(32);
  });
});
