/**
 * Flat vs sharp, side by side (Keskar et al. 2017; Li et al. 2018): two runs' minima compared at
 * the same scale. Shows the 2-D training-loss landscapes around each minimum on one colour scale
 * (filter-normalised random plane), the 1-D slices along the top Hessian eigenvector and along a
 * filter-normalised random direction (both minima overlaid), the interpolation
 * θ(t) = t·θ_b + (1−t)·θ_a for t ∈ [−1, 2] (train and test loss and accuracy; t = 0 is minimum a,
 * t = 1 minimum b), both spectral densities overlaid (log density axis, so the few large
 * eigenvalues show beside the bulk at 0), and a table of λ_max, tr(H) ± SE,
 * ε-sharpness, train and test loss and test accuracy. Pure: everything comes from the props.
 */
import { memo, useMemo } from 'react';
import type { MinimaResult } from '../config/result';
import type { ColormapName } from '../scene/colormap';
import { MinimaLandscapes } from './MinimaPanelLandscapes';
import { MinimaPlot, type PlotCurve } from './MinimaPanelPlot';
import { densityFloored, minimaTable, sharedScale } from './MinimaPanel.scale';
import './minima.css';

export interface MinimaPanelProps {
  result: MinimaResult;
  /** Display name and colour of every run (indexed by run; lecture mode's colours when on). */
  names: readonly string[];
  colors: readonly string[];
  colormap?: ColormapName;
  /** Chart text size in px (15; lecture mode 20). */
  textSize?: number;
  /** Line width multiplier (1; lecture mode more). */
  lineScale?: number;
}

/** Test accuracy colour for the interpolation (train and test losses use the runs' own). */
const TRAIN_COLOR = '#1b2330';
const TEST_COLOR = '#b2182b';

function MinimaPanelImpl({
  result,
  names,
  colors,
  colormap,
  textSize = 15,
  lineScale = 1,
}: MinimaPanelProps) {
  const [a, b] = result.minima;
  const nameOf = (run: number, fallback: string) => names[run] ?? fallback;
  const pair = [nameOf(a.run, a.name), nameOf(b.run, b.name)] as const;
  const colorPair: readonly [string, string] = [
    colors[a.run] ?? '#0072B2',
    colors[b.run] ?? '#D55E00',
  ];
  const scale = useMemo(() => sharedScale([a.plane, b.plane]), [a.plane, b.plane]);
  const rows = useMemo(() => minimaTable(result), [result]);
  const slice = (direction: 'eigen' | 'random'): PlotCurve[] =>
    [a, b].flatMap((mn, k) => {
      const s = mn.slices[direction];
      const curves: PlotCurve[] = [
        { name: `${pair[k]!} train`, color: colorPair[k]!, x: s.coords, y: s.trainLoss },
      ];
      if (s.testLoss)
        curves.push({
          name: `${pair[k]!} test`,
          color: colorPair[k]!,
          x: s.coords,
          y: s.testLoss,
          dashed: true,
        });
      return curves;
    });
  const it = result.interpolation;
  const interpolationLoss: PlotCurve[] = [
    { name: 'train loss', color: TRAIN_COLOR, x: it.t, y: it.trainLoss },
    ...(it.testLoss
      ? [{ name: 'test loss', color: TEST_COLOR, x: it.t, y: it.testLoss, dashed: true }]
      : []),
  ];
  const interpolationAccuracy: PlotCurve[] = [
    ...(it.trainAccuracy
      ? [{ name: 'train accuracy', color: TRAIN_COLOR, x: it.t, y: it.trainAccuracy }]
      : []),
    ...(it.testAccuracy
      ? [{ name: 'test accuracy', color: TEST_COLOR, x: it.t, y: it.testAccuracy, dashed: true }]
      : []),
  ];
  const marks = [
    { x: 0, label: 'a' },
    { x: 1, label: 'b' },
  ];
  const plot = { textSize, lineScale };
  // On a log axis the outliers (λ_max) show beside the bulk at 0; the tails are floored.
  const densities = useMemo<PlotCurve[]>(
    () =>
      [a, b].map((mn, k) => ({
        name: pair[k]!,
        color: colorPair[k]!,
        x: mn.density.grid,
        y: densityFloored(mn.density.density),
      })),
    [a, b, pair[0], pair[1], colorPair[0], colorPair[1]],
  );
  const Legend = ({ withTest }: { withTest: boolean }) => (
    <p className="minima-legend">
      {pair.map((name, k) => (
        <span key={name}>
          <span className="minima-swatch" style={{ background: colorPair[k] }} />
          {name}
        </span>
      ))}
      <span className="muted">{withTest ? 'train solid, test dashed' : ''}</span>
    </p>
  );
  return (
    <div className="minima-panel" data-testid="minima-panel">
      <p className="muted minima-meta">
        Minimum a: {pair[0]} (step {a.step}); minimum b: {pair[1]} (step {b.step}) · curvature of
        the {result.split} loss on{' '}
        {result.batch === 'full' ? 'the full batch' : `${result.batch} examples`}
      </p>
      <div className="minima-top">
        <figure className="minima-figure minima-landscapes-figure">
          <figcaption>
            Training loss around each minimum on a filter-normalised random plane (α, β), same size
            and same colours (log scale): a wider dark basin is a flatter minimum.
          </figcaption>
          <MinimaLandscapes
            minima={result.minima}
            scale={scale}
            names={pair}
            colors={colorPair}
            colormap={colormap}
            {...plot}
          />
        </figure>
        <table className="minima-table" data-testid="minima-table">
          <thead>
            <tr>
              <th scope="col" />
              {pair.map((name, k) => (
                <th scope="col" key={name} data-run={result.minima[k]!.run}>
                  <span className="minima-swatch" style={{ background: colorPair[k] }} />
                  {k === 0 ? 'a' : 'b'}: {name}
                </th>
              ))}
              <th scope="col" title="Minimum b's value divided by minimum a's">
                b / a
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                <th scope="row" title={row.help}>
                  {row.label}
                </th>
                <td data-testid={`minima-${row.key}-a`}>{row.values[0]}</td>
                <td data-testid={`minima-${row.key}-b`}>{row.values[1]}</td>
                <td className="muted">{row.ratio ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="minima-grid">
        <figure className="minima-figure">
          <figcaption>
            Along the top Hessian eigenvector v₁ (unit length: the curvature at 0 is λ_max)
          </figcaption>
          <MinimaPlot
            curves={slice('eigen')}
            xLabel="s (distance along v₁)"
            yLabel="loss"
            log
            title="Loss along each minimum's top Hessian eigenvector, both minima overlaid"
            testId="minima-slice-eigen"
            {...plot}
          />
          <Legend withTest={a.slices.eigen.testLoss !== null} />
        </figure>
        <figure className="minima-figure">
          <figcaption>Along a filter-normalised random direction</figcaption>
          <MinimaPlot
            curves={slice('random')}
            xLabel="s (filter-normalised units)"
            yLabel="loss"
            log
            title="Loss along a filter-normalised random direction through each minimum, both overlaid"
            testId="minima-slice-random"
            {...plot}
          />
          <Legend withTest={a.slices.random.testLoss !== null} />
        </figure>
        <figure className="minima-figure">
          <figcaption>
            From a (t = 0) to b (t = 1) and beyond: θ(t) = t·θ_b + (1−t)·θ_a, loss
          </figcaption>
          <MinimaPlot
            curves={interpolationLoss}
            xLabel="t"
            yLabel="loss"
            log
            marks={marks}
            title="Train and test loss along the line through both minima, t from −1 to 2"
            testId="minima-interpolation-loss"
            {...plot}
          />
          <p className="minima-legend">
            <span>
              <span className="minima-swatch" style={{ background: TRAIN_COLOR }} />
              train
            </span>
            <span>
              <span className="minima-swatch dashed" style={{ borderColor: TEST_COLOR }} />
              test
            </span>
          </p>
        </figure>
        {interpolationAccuracy.length > 0 && (
          <figure className="minima-figure">
            <figcaption>… and accuracy along the same line</figcaption>
            <MinimaPlot
              curves={interpolationAccuracy}
              xLabel="t"
              yLabel="accuracy"
              yDomain={[0, 1]}
              marks={marks}
              title="Train and test accuracy along the line through both minima, t from −1 to 2"
              testId="minima-interpolation-accuracy"
              {...plot}
            />
          </figure>
        )}
        <figure className="minima-figure">
          <figcaption>
            Hessian eigenvalue density (SLQ), log scale: the bulk near 0 and the few large
            eigenvalues (λ_max marked)
          </figcaption>
          <MinimaPlot
            curves={densities}
            xLabel="Hessian eigenvalue λ"
            yLabel="density"
            log
            marks={[
              { x: a.lambdaMax, label: 'a' },
              { x: b.lambdaMax, label: 'b' },
            ]}
            title="Hessian eigenvalue density of both minima (stochastic Lanczos quadrature), logarithmic density axis"
            testId="minima-spectrum"
            {...plot}
          />
          <Legend withTest={false} />
        </figure>
      </div>
    </div>
  );
}

export const MinimaPanel = memo(MinimaPanelImpl);
