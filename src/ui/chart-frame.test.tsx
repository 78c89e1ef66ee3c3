// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AxisLines,
  AxisTitles,
  ChartSvg,
  VerticalText,
  XGrid,
  YGrid,
  chartLayout,
  type ChartFrame,
} from './chart-frame';

afterEach(cleanup);

/** A 300 × 150 px svg whose plot spans x 50…250 and y 10…110, with 10 px text. */
const FRAME: ChartFrame = {
  width: 300,
  height: 150,
  textSize: 10,
  plot: { left: 50, top: 10, width: 200, height: 100 },
};

/** y = 0 at the plot's bottom (110 px), y = 1 at its top (10 px). */
const sy = (v: number) => 110 - v * 100;
/** x = 0 at the plot's left (50 px), 10 px per unit. */
const sx = (v: number) => 50 + v * 10;

/** A line's ends [x1, y1, x2, y2] in px. */
function ends(line: Element): number[] {
  return ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)));
}

/** A text's [content, x, y]. */
function placed(text: Element): [string | null, number, number] {
  return [text.textContent, Number(text.getAttribute('x')), Number(text.getAttribute('y'))];
}

/** Renders svg children (the pieces are svg elements) and returns the svg. */
function inSvg(children: React.ReactNode): SVGSVGElement {
  const { container } = render(<svg>{children}</svg>);
  return container.querySelector('svg')!;
}

describe('chartLayout', () => {
  it('lays out a chart at its width with whole-pixel margins from the text size', () => {
    // 15 px text: margins round(16.5) = 17, round(24) = 24, round(54) = 54, round(72) = 72.
    expect(chartLayout(880, 15)).toEqual({
      width: 880,
      height: 440,
      textSize: 15,
      plot: { left: 72, top: 17, width: 880 - 72 - 24, height: 440 - 17 - 54 },
    });
    // Lecture text (20 px): 22, 32, 72, 96; height 600 × 0.5 = 300.
    expect(chartLayout(600, 20)).toEqual({
      width: 600,
      height: 300,
      textSize: 20,
      plot: { left: 96, top: 22, width: 472, height: 206 },
    });
  });

  it('keeps at least 260 px wide and 240…440 px high', () => {
    const narrow = chartLayout(100, 15);
    expect([narrow.width, narrow.height]).toEqual([260, 240]);
    expect(chartLayout(2000, 15).height).toBe(440);
  });
});

describe('chart frame pieces', () => {
  it('ChartSvg: the measured box, the svg at its size and the plot area before the children', () => {
    const { container } = render(
      <ChartSvg
        boxRef={null}
        frame={FRAME}
        testId="demo"
        title="A demo"
        defs={<defs data-testid="defs" />}
      >
        <circle data-testid="data" />
      </ChartSvg>,
    );
    const box = container.firstElementChild!;
    expect(box.className).toBe('loss-chart-box');
    const svg = box.querySelector('svg')!;
    expect(svg.getAttribute('class')).toBe('loss-chart');
    expect(svg.getAttribute('data-testid')).toBe('demo');
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 150');
    expect(Number(svg.getAttribute('width'))).toBe(300);
    expect(Number(svg.getAttribute('height'))).toBe(150);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('A demo');
    expect(svg.getAttribute('style')).toContain('font-size: 10px');
    const children = [...svg.children];
    expect(children.map((c) => c.tagName.toLowerCase())).toEqual(['defs', 'rect', 'circle']);
    const area = children[1]!;
    expect(area.getAttribute('class')).toBe('plot-area');
    expect(['x', 'y', 'width', 'height'].map((a) => Number(area.getAttribute(a)))).toEqual([
      50, 10, 200, 100,
    ]);
  });

  it('YGrid: a line across the plot at each value, labelled left of the plot', () => {
    const svg = inSvg(<YGrid frame={FRAME} values={[0, 0.5, 1]} sy={sy} />);
    expect([...svg.querySelectorAll('line.grid')].map(ends)).toEqual([
      [50, 110, 250, 110],
      [50, 60, 250, 60],
      [50, 10, 250, 10],
    ]);
    // 0.6 text sizes (6 px) left of the plot, right-aligned, centred on the line.
    const labels = [...svg.querySelectorAll('text.tick-label')];
    expect(labels.map(placed)).toEqual([
      ['0', 44, 110],
      ['0.5', 44, 60],
      ['1', 44, 10],
    ]);
    expect(labels[0]!.getAttribute('text-anchor')).toBe('end');
    expect(labels[0]!.getAttribute('dominant-baseline')).toBe('middle');
    cleanup();
    const closer = inSvg(<YGrid frame={FRAME} values={[1]} sy={sy} labelGap={0.5} />);
    expect(placed(closer.querySelector('text')!)).toEqual(['1', 45, 10]);
  });

  it('XGrid: a line down the plot at each value, labelled below it, tick marks on request', () => {
    const svg = inSvg(<XGrid frame={FRAME} values={[0, 10, 20]} sx={sx} />);
    expect([...svg.querySelectorAll('line.grid')].map(ends)).toEqual([
      [50, 10, 50, 110],
      [150, 10, 150, 110],
      [250, 10, 250, 110],
    ]);
    expect(svg.querySelectorAll('line.tick')).toHaveLength(0);
    // Centred, baseline 1.6 text sizes (16 px) below the plot's bottom (110 px).
    const labels = [...svg.querySelectorAll('text.tick-label')];
    expect(labels.map(placed)).toEqual([
      ['0', 50, 126],
      ['10', 150, 126],
      ['20', 250, 126],
    ]);
    expect(labels[0]!.getAttribute('text-anchor')).toBe('middle');
    cleanup();
    const marked = inSvg(<XGrid frame={FRAME} values={[10]} sx={sx} labelDrop={1.4} tickMarks />);
    // Each value's group: grid line, 6 px tick mark under the plot, label.
    const [grid, tick, label] = [...marked.querySelector('g')!.children];
    expect(grid!.getAttribute('class')).toBe('grid');
    expect(tick!.getAttribute('class')).toBe('tick');
    expect(ends(tick!)).toEqual([150, 110, 150, 116]);
    expect(placed(label!)).toEqual(['10', 150, 124]);
  });

  it('AxisLines: the bottom and left edges of the plot', () => {
    const svg = inSvg(<AxisLines frame={FRAME} />);
    expect([...svg.querySelectorAll('line.axis')].map(ends)).toEqual([
      [50, 110, 250, 110],
      [50, 10, 50, 110],
    ]);
  });

  it('AxisTitles: x centred under the plot, y turned beside it', () => {
    const svg = inSvg(<AxisTitles frame={FRAME} x="step" y="loss" />);
    const [x, y] = [...svg.querySelectorAll('text.axis-label')];
    expect(placed(x!)).toEqual(['step', 150, 144]);
    expect(y!.textContent).toBe('loss');
    expect(y!.getAttribute('transform')).toBe('translate(12 60) rotate(-90)');
    cleanup();
    const inset = inSvg(<AxisTitles frame={FRAME} x="a" y="b" yInset={1.1} />);
    expect(inset.querySelectorAll('text')[1]!.getAttribute('transform')).toBe(
      'translate(11 60) rotate(-90)',
    );
  });
});

describe('chartLayout with a shape', () => {
  it('takes the least width, the height clamp and the margins from the shape', () => {
    const shape = {
      minWidth: 240,
      aspect: 0.62,
      minHeight: 200,
      maxHeight: 320,
      margin: { top: 1.6, right: 1.2, bottom: 3.2, left: 4.2 },
    };
    // 15 px text: margins round(24) = 24, round(18) = 18, round(48) = 48, round(63) = 63;
    // height round(0.62 × 420) = round(260.4) = 260.
    expect(chartLayout(420, 15, shape)).toEqual({
      width: 420,
      height: 260,
      textSize: 15,
      plot: { left: 63, top: 24, width: 420 - 63 - 18, height: 260 - 24 - 48 },
    });
    // Narrower than 240 px: 240 wide, 0.62 × 240 = 148.8 → 200 high.
    expect(chartLayout(100, 15, shape)).toMatchObject({ width: 240, height: 200 });
    expect(chartLayout(1000, 15, shape).height).toBe(320);
  });
});

describe('grid label options', () => {
  it('formats the labels with `format` and drops the y labels by `labelShift` text sizes', () => {
    const svg = inSvg(
      <>
        <XGrid frame={FRAME} values={[2]} sx={sx} format={(v) => `x=${v}`} />
        <YGrid
          frame={FRAME}
          values={[0.5]}
          sy={sy}
          labelGap={0.4}
          labelShift={0.35}
          format={(v) => `${v * 100} %`}
        />
      </>,
    );
    const [xLabel, yLabel] = [...svg.querySelectorAll('text.tick-label')];
    expect(placed(xLabel!)).toEqual(['x=2', 70, 126]);
    // 0.4 × 10 px left of the plot (50 − 4 = 46); baseline 0.35 × 10 px below the line at 60.
    expect(placed(yLabel!)).toEqual(['50 %', 46, 63.5]);
    expect(yLabel!.getAttribute('dominant-baseline')).toBeNull();
  });
});

describe('VerticalText', () => {
  it('turns the text 90° anticlockwise about its centre', () => {
    const svg = inSvg(
      <VerticalText x={13.5} y={80} className="axis-label">
        loss
      </VerticalText>,
    );
    const text = svg.querySelector('text')!;
    expect(placed(text)).toEqual(['loss', 13.5, 80]);
    expect(text.getAttribute('class')).toBe('axis-label');
    expect(text.getAttribute('text-anchor')).toBe('middle');
    expect(text.getAttribute('transform')).toBe('rotate(-90 13.5 80)');
    expect(text.getAttribute('font-size')).toBeNull();
  });
});
