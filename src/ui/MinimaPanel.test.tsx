// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FLAT_SHARP } from './MinimaPanel.fixture';
import { LANDSCAPE_LEVELS } from './MinimaPanelLandscapes';
import { MinimaPanel } from './MinimaPanel';
import { sharedScale } from './MinimaPanel.scale';

afterEach(cleanup);

const names = ['SGD, batch 8', 'SGD, full batch'];
const colors = ['#0072B2', '#D55E00'];

describe('MinimaPanel', () => {
  it('draws both landscapes on one colour domain, with contour bands', () => {
    const { container } = render(<MinimaPanel result={FLAT_SHARP} names={names} colors={colors} />);
    const maps = screen.getAllByTestId('minima-map');
    expect(maps.map((m) => m.getAttribute('data-run'))).toEqual(['0', '1']);
    const { lo, hi } = sharedScale(FLAT_SHARP.minima.map((m) => m.plane));
    for (const m of maps) expect(m.getAttribute('data-domain')).toBe(`${lo},${hi}`);
    // The sharp minimum's plane climbs through every level; the flat one's through fewer.
    const bands = maps.map((m) => Number(m.getAttribute('data-bands')));
    expect(bands[1]).toBe(LANDSCAPE_LEVELS);
    expect(bands[0]).toBeGreaterThan(3);
    expect(bands[0]).toBeLessThan(bands[1]!);
    // One shared colour bar.
    expect(container.querySelectorAll('[data-testid="minima-colorbar"]')).toHaveLength(1);
  });

  it('tabulates both minima with b / a and names each column', () => {
    render(<MinimaPanel result={FLAT_SHARP} names={names} colors={colors} />);
    expect(screen.getByTestId('minima-lambda-a').textContent).toBe('0.4800');
    expect(screen.getByTestId('minima-lambda-b').textContent).toBe('3.490');
    expect(screen.getByTestId('minima-trace-b').textContent).toBe('10.47 ± 0.3490');
    expect(screen.getByTestId('minima-test-accuracy-b').textContent).toBe('98.4 %');
    const head = screen.getByTestId('minima-table').querySelectorAll('thead th');
    expect(Array.from(head, (h) => h.textContent)).toEqual([
      '',
      'a: SGD, batch 8',
      'b: SGD, full batch',
      'b / a',
    ]);
  });

  it('overlays both minima on each slice, marks t = 0 and t = 1, and overlays both spectra', () => {
    render(<MinimaPanel result={FLAT_SHARP} names={names} colors={colors} />);
    for (const id of ['minima-slice-eigen', 'minima-slice-random']) {
      const curves = screen.getByTestId(id).querySelectorAll('path.curve');
      // Train (solid) and test (dashed) of each minimum, in the runs' colours.
      expect(Array.from(curves, (c) => c.getAttribute('data-name'))).toEqual([
        'SGD, batch 8 train',
        'SGD, batch 8 test',
        'SGD, full batch train',
        'SGD, full batch test',
      ]);
      expect(Array.from(curves, (c) => c.getAttribute('stroke'))).toEqual([
        colors[0],
        colors[0],
        colors[1],
        colors[1],
      ]);
    }
    const loss = screen.getByTestId('minima-interpolation-loss');
    expect(Array.from(loss.querySelectorAll('.mark'), (m) => m.getAttribute('data-x'))).toEqual([
      '0',
      '1',
    ]);
    expect(loss.querySelectorAll('path.curve')).toHaveLength(2);
    expect(
      screen.getByTestId('minima-interpolation-accuracy').querySelectorAll('path.curve'),
    ).toHaveLength(2);
    const spectrum = screen.getByTestId('minima-spectrum');
    expect(spectrum.querySelectorAll('path.curve')).toHaveLength(2);
    // λ_max of each minimum marked on the spectrum.
    expect(Array.from(spectrum.querySelectorAll('.mark'), (m) => m.getAttribute('data-x'))).toEqual(
      ['0.48', '3.49'],
    );
  });

  it('leaves out the test curves when there is no test set', () => {
    const result = structuredClone(FLAT_SHARP);
    result.interpolation.testLoss = null;
    result.interpolation.testAccuracy = null;
    result.interpolation.trainAccuracy = null;
    render(<MinimaPanel result={result} names={names} colors={colors} />);
    expect(
      screen.getByTestId('minima-interpolation-loss').querySelectorAll('path.curve'),
    ).toHaveLength(1);
    expect(screen.queryByTestId('minima-interpolation-accuracy')).toBeNull();
  });
});
