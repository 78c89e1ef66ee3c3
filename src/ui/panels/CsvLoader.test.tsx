// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsvLoader } from './CsvLoader';

afterEach(cleanup);

describe('CsvLoader', () => {
  it('loads pasted points and reports them', () => {
    const onLoad = vi.fn();
    render(<CsvLoader task="classification" inputs={2} loaded={0} onLoad={onLoad} />);
    fireEvent.change(screen.getByTestId('csv-text'), {
      target: { value: 'x1,x2,label\n0,0,0\n1,1,1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Use pasted points' }));
    expect(onLoad).toHaveBeenCalledWith({
      x: [
        [0, 0],
        [1, 1],
      ],
      y: [0, 1],
    });
  });

  it('shows a bad file’s problems line by line and loads nothing', async () => {
    const onLoad = vi.fn();
    render(<CsvLoader task="regression" inputs={1} loaded={0} onLoad={onLoad} />);
    const file = new File(['x,y\n1,2\n3\n4,five\n'], 'points.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByTestId('csv-file'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('csv-problems')).toBeTruthy());
    expect(
      [...screen.getByTestId('csv-problems').querySelectorAll('li')].map((li) => li.textContent),
    ).toEqual([
      'line 3: expected 2 numbers (x, y), found 1',
      'line 4, column 2: "five" is not a number',
    ]);
    expect(onLoad).not.toHaveBeenCalled();
  });

  it('takes semicolon-separated points and names a value float32 cannot hold', () => {
    const onLoad = vi.fn();
    render(<CsvLoader task="regression" inputs={1} loaded={0} onLoad={onLoad} />);
    const text = screen.getByTestId('csv-text');
    const use = screen.getByRole('button', { name: 'Use pasted points' });
    fireEvent.change(text, { target: { value: 'x;y\n1;2\n3;1e39' } });
    fireEvent.click(use);
    expect(screen.getByTestId('csv-problems').textContent).toBe(
      'line 3, column 2: 1e39 is outside the float32 range (±3.4e38)',
    );
    fireEvent.change(text, { target: { value: 'x;y\n1;2\n3;4' } });
    fireEvent.click(use);
    expect(onLoad).toHaveBeenCalledWith({ x: [[1], [3]], y: [2, 4] });
    expect(screen.queryByTestId('csv-problems')).toBeNull();
  });
});
