// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PanelAxisTitles,
  PanelChart,
  PanelLineChart,
  PanelYGrid,
  panelChartLayout,
  plotScales,
  polylinePoints,
} from './chart-panel-frame';

afterEach(cleanup);

const SHAPE = { aspect: 0.5, minHeight: 190, maxHeight: 300, rightMargin: 1.2 };

describe('panelChartLayout', () => {
  it('sizes the chart from its width and margins from the text size', () => {
    expect(panelChartLayout(420, 15, SHAPE)).toEqual({
      width: 420,
      height: 210,
      textSize: 15,
      margin: { top: 15, right: 18, bottom: 48, left: 60 },
    });
    expect(panelChartLayout(100, 20, SHAPE)).toMatchObject({ width: 260, height: 190 });
    expect(panelChartLayout(1000, 15, SHAPE).height).toBe(300);
    // 0.55 × 461 = 253.55 → 254.
    expect(panelChartLayout(461, 15, { ...SHAPE, aspect: 0.55 }).height).toBe(254);
  });
});

describe('plotScales', () => {
  it('maps the x domain onto the plot left to right and the y domain bottom to top', () => {
    const frame = panelChartLayout(420, 15, SHAPE); // plot x 60…402, y 15…162
    const { sx, sy } = plotScales(frame, [-0.5, 1.5], [0, 2]);
    expect([sx(-0.5), sx(0.5), sx(1.5)]).toEqual([60, 231, 402]);
    expect([sy(0), sy(1), sy(2)]).toEqual([162, 88.5, 15]);
  });
});

describe('polylinePoints', () => {
  it('joins the finite points to one decimal, leaving out null and non-finite values', () => {
    const points = polylinePoints(
      [0, 1, 2, 3, 4],
      [1, null, Number.NaN, 4.25, Number.POSITIVE_INFINITY],
      (x) => x * 10,
      (y) => y * 2,
    );
    expect(points).toBe('0.0,2.0 30.0,8.5');
    expect(
      polylinePoints(
        [0],
        [null],
        (x) => x,
        (y) => y,
      ),
    ).toBe('');
  });
});

describe('PanelChart', () => {
  it('draws grid lines at the ticks, the frame and the titles under its lines', () => {
    const frame = panelChartLayout(420, 15, SHAPE);
    const { sx, sy } = plotScales(frame, [-0.5, 1.5], [0, 2]);
    const { container } = render(
      <PanelChart
        boxRef={null}
        className="demo-chart"
        frame={frame}
        testId="demo"
        title="A demo"
        xTicks={[-0.5, 0.5, 1.5]}
        xTickLabel={(x) => (x === 0.5 ? 'mid' : x)}
        xTickStyle={(x) => (x === 0.5 ? { fontWeight: 600 } : undefined)}
        yDomain={[0, 2]}
        sx={sx}
        sy={sy}
        xTitle="t"
        yTitle="loss"
      >
        <polyline data-testid="line" />
      </PanelChart>,
    );
    const box = container.firstElementChild!;
    expect(box.className).toBe('demo-chart');
    const svg = box.querySelector('svg')!;
    expect([svg.getAttribute('width'), svg.getAttribute('height')]).toEqual(['420', '210']);
    expect(svg.getAttribute('aria-label')).toBe('A demo');
    expect(svg.getAttribute('data-testid')).toBe('demo');
    const lines = [...svg.querySelectorAll('line.grid-line')];
    const vertical = lines.filter((l) => l.getAttribute('x1') === l.getAttribute('x2'));
    const horizontal = lines.filter((l) => l.getAttribute('y1') === l.getAttribute('y2'));
    expect(vertical.map((l) => Number(l.getAttribute('x1')))).toEqual([60, 231, 402]);
    expect(vertical.map((l) => [l.getAttribute('y1'), l.getAttribute('y2')])[0]).toEqual([
      '15',
      '162',
    ]);
    // Nice ticks 0, 0.5, …, 2 on 0…2: 147 px high, 36.75 px apart.
    expect(horizontal.map((l) => Number(l.getAttribute('y1')))).toEqual([
      162, 125.25, 88.5, 51.75, 15,
    ]);
    expect(horizontal.map((l) => Number(l.getAttribute('x2')))[0]).toBe(402);
    const texts = [...svg.querySelectorAll('text')];
    expect(texts.map((t) => t.textContent)).toEqual([
      '-0.5',
      'mid',
      '1.5',
      '0',
      '0.5',
      '1',
      '1.5',
      '2',
      't',
      'loss',
    ]);
    // x labels 1.2 text sizes (18 px) below the plot; only the styled one has a style.
    expect(Number(texts[0]!.getAttribute('y'))).toBe(180);
    expect(texts[0]!.getAttribute('style')).toBeNull();
    expect(texts[1]!.getAttribute('style')).toContain('font-weight: 600');
    // y labels 6 px left of the plot.
    expect(Number(texts[3]!.getAttribute('x'))).toBe(54);
    const rect = svg.querySelector('rect.plot-frame')!;
    expect(['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)))).toEqual([
      60, 15, 342, 147,
    ]);
    expect([Number(texts[8]!.getAttribute('x')), Number(texts[8]!.getAttribute('y'))]).toEqual([
      231, 206,
    ]);
    expect(texts[9]!.getAttribute('transform')).toBe('rotate(-90 15 88.5)');
    // The chart's own lines come last, over the frame.
    expect(svg.lastElementChild!.getAttribute('data-testid')).toBe('line');
  });
});

describe('PanelYGrid, PanelAxisTitles', () => {
  it('labels the grid lines with the given text and leaves out a missing x title', () => {
    const frame = panelChartLayout(420, 15, SHAPE); // plot x 60…402, y 15…162
    const { sy } = plotScales(frame, [0, 1], [0, 1]);
    const { container } = render(
      <svg>
        <PanelYGrid frame={frame} values={[0, 0.5]} sy={sy} label={(y) => `${100 * y} %`} />
        <PanelAxisTitles frame={frame} y="accuracy" />
      </svg>,
    );
    const lines = [...container.querySelectorAll('line.grid-line')];
    expect(lines.map((l) => ['x1', 'x2', 'y1'].map((a) => Number(l.getAttribute(a))))).toEqual([
      [60, 402, 162],
      [60, 402, 88.5],
    ]);
    const texts = [...container.querySelectorAll('text')];
    expect(texts.map((t) => t.textContent)).toEqual(['0 %', '50 %', 'accuracy']);
    expect(texts[2]!.getAttribute('transform')).toBe('rotate(-90 15 88.5)');
    expect(texts[2]!.getAttribute('font-size')).toBeNull();
  });

  it('gives each title its own font size when `sized`', () => {
    const frame = panelChartLayout(420, 15, SHAPE);
    const { container } = render(
      <svg>
        <PanelAxisTitles frame={frame} x="λ" y="density" sized />
      </svg>,
    );
    const texts = [...container.querySelectorAll('text')];
    expect(texts.map((t) => [t.textContent, t.getAttribute('font-size')])).toEqual([
      ['λ', '15'],
      ['density', '15'],
    ]);
    // x title centred under the plot (60…402), 4 px above the bottom of the 210 px svg.
    expect([texts[0]!.getAttribute('x'), texts[0]!.getAttribute('y')]).toEqual(['231', '206']);
  });
});

describe('PanelLineChart', () => {
  it('fits the y range from 0 to the values (5 % headroom) unless given, and draws the lines', () => {
    const props = {
      className: 'demo-chart',
      shape: SHAPE,
      fallbackWidth: 420,
      xDomain: [0, 2] as const,
      yValues: [[1, null, 2]],
      xTicks: [0, 1, 2],
      xTickLabel: (x: number) => x,
      xTitle: 't',
      yLabel: 'loss',
      testId: 'demo',
      title: 'A demo',
    };
    const tops: number[] = [];
    const { container, rerender } = render(
      <PanelLineChart {...props}>
        {({ sx, sy, yTop }) => {
          tops.push(yTop);
          return <polyline data-testid="line" points={`${sx(2)},${sy(yTop)}`} />;
        }}
      </PanelLineChart>,
    );
    expect(tops.at(-1)).toBeCloseTo(2.1, 12);
    // x 2 at the plot's right edge (402), the top of the range at its top (15).
    expect(container.querySelector('[data-testid="line"]')!.getAttribute('points')).toBe('402,15');
    expect(container.querySelector('svg')!.getAttribute('height')).toBe('210');
    rerender(
      <PanelLineChart {...props} yRange={[0, 4]}>
        {({ yTop }) => {
          tops.push(yTop);
          return null;
        }}
      </PanelLineChart>,
    );
    expect(tops.at(-1)).toBe(4);
    const yLabels = [...container.querySelectorAll('text[text-anchor="end"]')];
    expect(yLabels.map((t) => t.textContent)).toEqual(['0', '1', '2', '3', '4']);
  });
});
