/**
 * The step model against hand-computed numbers: exact on the quadratic, a hand-written
 * second-order expansion on Rosenbrock, and the multipliers 1 − ηλ of the 2/λ lesson.
 */
import { describe, expect, it } from 'vitest';
import { STEP_OVERRUN, pointAt, stepModel, stepSamples, taylorAt } from './overshoot';
import { surfaceCalculus } from './surface-calculus';

const quadratic = surfaceCalculus('quadratic', 10)!;

describe('step model', () => {
  it('quadratic ½(x² + 10y²), η 0.21 from (−1.5, 1): the Taylor prediction is the true loss', () => {
    const m = stepModel(quadratic, [-1.5, 1], { kind: 'gradient', lr: 0.21, weightDecay: 0 });
    // g = (−1.5, 10), d = −0.21 g = (0.315, −2.1): θ₁ = (−1.185, −1.1).
    expect(m.gradient).toEqual([-1.5, 10]);
    expect(m.step[0]).toBeCloseTo(0.315, 15);
    expect(m.step[1]).toBeCloseTo(-2.1, 15);
    // L = ½(2.25 + 10) = 6.125; ‖g‖² = 102.25; gᵀHg = 2.25 + 1000 = 1002.25.
    expect(m.loss).toBe(6.125);
    expect(m.gradNormSq).toBe(102.25);
    expect(m.gHg).toBe(1002.25);
    // m(1) = 6.125 − 0.21·102.25 + ½·0.21²·1002.25 = 6.125 − 21.4725 + 22.0996125 = 6.7521125;
    // L(θ₁) = ½(1.185² + 10·1.1²) = ½(1.404225 + 12.1) = 6.7521125: the step went UP.
    expect(Math.abs(m.predicted - 6.7521125)).toBeLessThan(1e-9);
    expect(Math.abs(m.actual - 6.7521125)).toBeLessThan(1e-9);
    expect(Math.abs(m.predicted - m.actual)).toBeLessThan(1e-9);
    expect(m.exact).toBe(true);
    // Along the whole drawn stretch the model is the surface.
    const samples = stepSamples(quadratic, m, 11);
    for (let i = 0; i < 11; i++)
      expect(Math.abs(samples[4 * i + 2]! - samples[4 * i + 3]!)).toBeLessThan(1e-9);
    expect(samples[4 * 10]).toBeCloseTo(pointAt(m, STEP_OVERRUN)[0], 15);
  });

  it('multipliers 1 − ηλ on λ = (10, 1): −0.9 at η 0.19, −1.1 at η 0.21', () => {
    const below = stepModel(quadratic, [-1.5, 1], { kind: 'gradient', lr: 0.19, weightDecay: 0 });
    const above = stepModel(quadratic, [-1.5, 1], { kind: 'gradient', lr: 0.21, weightDecay: 0 });
    expect(below.eigen.values).toEqual([10, 1]);
    expect(below.multipliers![0]).toBeCloseTo(-0.9, 14);
    expect(below.multipliers![1]).toBeCloseTo(0.81, 14);
    expect(above.multipliers![0]).toBeCloseTo(-1.1, 14);
    expect(above.multipliers![1]).toBeCloseTo(0.79, 14);
    // The step multiplies y by 1 − ηλ₁ exactly: 1 → −0.9 and 1 → −1.1.
    expect(pointAt(below, 1)[1]).toBeCloseTo(-0.9, 14);
    expect(pointAt(above, 1)[1]).toBeCloseTo(-1.1, 14);
  });

  it('Rosenbrock from (−1.2, 1), η 0.001: the hand-computed second-order expansion, and its gap', () => {
    const rosen = surfaceCalculus('rosenbrock')!;
    const m = stepModel(rosen, [-1.2, 1], { kind: 'gradient', lr: 0.001, weightDecay: 0 });
    // g = (−215.6, −88), H = [[1330, 480], [480, 200]], L = 2.2² + 100·0.44² = 24.2.
    // ‖g‖² = 46483.36 + 7744 = 54227.36;
    // gᵀHg = 1330·46483.36 + 2·480·(−215.6)(−88) + 200·7744 = 61822868.8 + 18213888 + 1548800
    //      = 81585556.8.
    // m(1) = 24.2 − 0.001·54227.36 + ½·10⁻⁶·81585556.8 = 24.2 − 54.22736 + 40.7927784 = 10.7654184.
    expect(m.loss).toBeCloseTo(24.2, 12);
    expect(m.gradNormSq).toBeCloseTo(54227.36, 8);
    expect(m.gHg).toBeCloseTo(81585556.8, 5);
    expect(Math.abs(m.predicted - 10.7654184)).toBeLessThan(1e-9);
    // The true loss at θ₁ = (−0.9844, 1.088): (1.9844)² + 100 (1.088 − 0.96904336)² =
    // 3.93784336 + 100·0.0141505...: the quartic terms make it differ from the model.
    const x1 = -1.2 + 0.2156;
    const y1 = 1 + 0.088;
    expect(m.actual).toBeCloseTo((1 - x1) ** 2 + 100 * (y1 - x1 * x1) ** 2, 12);
    expect(Math.abs(m.actual - m.predicted)).toBeGreaterThan(0.1);
    expect(m.exact).toBe(false);
    expect(taylorAt(m, 0)).toBe(m.loss);
  });

  it('any optimiser through its recorded next point; no multipliers without a plain η', () => {
    const m = stepModel(quadratic, [1, 1], { kind: 'recorded', next: [0.5, -0.2] });
    expect(m.step[0]).toBeCloseTo(-0.5, 15);
    expect(m.step[1]).toBeCloseTo(-1.2, 15);
    expect(m.multipliers).toBeNull();
    // Exact on the quadratic for any step: L(0.5, −0.2) = ½(0.25 + 0.4) = 0.325.
    expect(Math.abs(m.predicted - 0.325)).toBeLessThan(1e-12);
  });

  it('coupled weight decay enters the step as the engine’s SGD does: d = −η(g + wd·θ)', () => {
    const m = stepModel(quadratic, [2, 0], { kind: 'gradient', lr: 0.1, weightDecay: 0.5 });
    expect(m.step[0]).toBeCloseTo(-0.1 * (2 + 1), 15);
    expect(m.step[1]).toBe(-0);
  });
});
