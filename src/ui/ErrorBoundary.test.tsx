// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

let broken = true;
function Fragile() {
  if (broken) throw new Error('objects are not valid as a React child');
  return <p>fine</p>;
}

afterEach(cleanup);

describe('ErrorBoundary', () => {
  it('shows what failed instead of a blank page, and tries again on request', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary what="The explorer">
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'The explorer stopped with an error.objects are not valid as a React child',
    );
    broken = false;
    fireEvent.click(screen.getByText('Try again'));
    expect(screen.getByText('fine')).toBeTruthy();
    warn.mockRestore();
    error.mockRestore();
  });
});
