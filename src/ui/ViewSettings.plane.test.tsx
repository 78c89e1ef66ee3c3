// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExplicitDirections } from '../config/directions-schema';
import { DEFAULT_VIEW, type ViewSpec } from '../config/view';
import { parsePlaneText } from '../export/plane-file';
import { ViewSettings } from './ViewSettings';

afterEach(cleanup);

const MODEL = { parameters: 3, layout: 'W0[2,1] b0[1] (P = 3)' };

function settings(view: ViewSpec, onChange: (view: ViewSpec) => void, error: string | null = null) {
  return (
    <ViewSettings
      view={view}
      surface={false}
      onChange={onChange}
      onRecompute={() => undefined}
      progress={null}
      error={error}
      explained={null}
      runNames={['SGD', 'Adam']}
      model={MODEL}
    />
  );
}

function setup(view: ViewSpec = DEFAULT_VIEW, error: string | null = null) {
  const onChange = vi.fn();
  render(settings(view, onChange, error));
  return onChange;
}

/** The words of the picker's chosen entry. */
const shownChoice = () =>
  (screen.getByTestId('directions') as HTMLSelectElement).selectedOptions[0]!.textContent;

const openFile = (name: string, text: string) =>
  fireEvent.change(screen.getByTestId('plane-file'), {
    target: { files: [new File([text], name, { type: 'application/json' })] },
  });

const PLANE: ExplicitDirections = {
  kind: 'explicit',
  centre: [0.5, -1, 2],
  d1: [1, 0, 0.25],
  d2: [0, 1, 0.5],
  aRange: [-0.3, 0.7],
  bRange: [-2, 2],
};

describe('ViewSettings: a plane from a file', () => {
  it('offers "Plane from file…" and sets the view to the file’s numbers and grid size', async () => {
    const onChange = setup();
    const options = Array.from(screen.getByTestId('directions').querySelectorAll('option'));
    expect(options.map((o) => o.textContent)).toContain('Plane from file…');
    openFile(
      'plane.json',
      JSON.stringify({
        format: 'loss-landscape-explorer plane 1',
        landscape: { directions: PLANE, n: 31 },
      }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_VIEW, directions: PLANE, n: 31 });
  });

  it('refuses a plane of the wrong P, naming the expected P; the view stays', async () => {
    const onChange = setup();
    openFile('other.json', JSON.stringify({ d1: [1, 2, 3, 4], d2: [1, 0, 0, 0] }));
    await waitFor(() => screen.getByTestId('plane-error'));
    expect(screen.getByTestId('plane-error').textContent).toBe(
      'Cannot use other.json as the plane: d1: must have P = 3 numbers for this model, W0[2,1] b0[1] (P = 3); got 4; d2: must have P = 3 numbers for this model, W0[2,1] b0[1] (P = 3); got 4',
    );
    expect(onChange).not.toHaveBeenCalled();
    openFile('half.json', JSON.stringify({ d1: [1, 2, 3] }));
    await waitFor(() =>
      expect(screen.getByTestId('plane-error').textContent).toContain('half.json'),
    );
    expect(screen.getByTestId('plane-error').textContent).toContain(
      'd2: is missing; a plane needs d1 and d2',
    );
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows the plane in use, its ranges, and goes back to PCA or random', () => {
    const view = { ...DEFAULT_VIEW, directions: PLANE };
    const onChange = setup(view);
    const select = screen.getByTestId('directions') as HTMLSelectElement;
    expect(select.value).toBe('explicit');
    expect(select.selectedOptions[0]!.textContent).toBe('Plane given as numbers');
    expect(screen.getByTestId('plane-source').textContent).toBe(
      'Plane given as numbers: P = 3, its own centre, a ∈ [-0.3, 0.7], b ∈ [-2, 2] (the file’s ranges) Back to PCA',
    );
    // Numbers are used as given: no orthogonalisation offered.
    expect(screen.queryByText('orthogonalise')).toBeNull();
    fireEvent.click(screen.getByTestId('plane-back'));
    expect(onChange).toHaveBeenLastCalledWith({ ...view, directions: 'pca' });
    fireEvent.change(select, { target: { value: 'random' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...view, directions: 'random' });
  });

  it('names the file of the plane in use, opened in the picker or dropped on the explorer', async () => {
    const onChange = vi.fn();
    const { rerender } = render(settings({ ...DEFAULT_VIEW, directions: 'random' }, onChange));
    const text = JSON.stringify({ d1: PLANE.d1, d2: PLANE.d2 });
    openFile('my plane.json', text);
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    rerender(settings(onChange.mock.lastCall![0] as ViewSpec, onChange));
    expect(shownChoice()).toBe('Plane from file: my plane.json');
    expect(screen.getByTestId('plane-source').textContent).toBe(
      'Plane from my plane.json: P = 3, centred at run 1’s newest point Back to PCA',
    );
    // Another file dropped on the explorer (the export menu reads it): its name, not the first's.
    const dropped = parsePlaneText(text, MODEL, 'dropped.json');
    rerender(settings({ ...DEFAULT_VIEW, directions: dropped.directions }, onChange));
    expect(shownChoice()).toBe('Plane from file: dropped.json');
    expect(screen.getByTestId('plane-source').textContent).toContain(
      'Plane from dropped.json: P = 3,',
    );
    // The same numbers with no file (a link): said in words, with no file name.
    rerender(settings({ ...DEFAULT_VIEW, directions: { ...dropped.directions } }, onChange));
    expect(shownChoice()).toBe('Plane given as numbers');
  });

  it('a range typed by the user replaces the file’s ranges', () => {
    const view = { ...DEFAULT_VIEW, directions: PLANE };
    const onChange = setup(view);
    const range = screen.getByTestId('range');
    fireEvent.change(range, { target: { value: '2' } });
    fireEvent.blur(range);
    const sent = onChange.mock.lastCall![0] as ViewSpec;
    expect(sent.range).toEqual([-2, 2]);
    expect(JSON.parse(JSON.stringify(sent.directions))).toEqual({
      kind: 'explicit',
      centre: PLANE.centre,
      d1: PLANE.d1,
      d2: PLANE.d2,
    });
  });
});
