// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBar, backendLabel } from './StatusBar';

afterEach(cleanup);

describe('StatusBar', () => {
  it('names the backend and why others were passed over', () => {
    render(
      <StatusBar
        backend="wasm"
        backendDetail="SIMD"
        fallbacks={[
          { name: 'webgpu', reason: 'navigator.gpu is missing' },
          { name: 'webgl', reason: 'runs in software here (SwiftShader), slower than wasm' },
        ]}
        names={[]}
        divergedAt={[]}
      />,
    );
    expect(screen.getByTestId('backend-name').textContent).toBe('WebAssembly (SIMD)');
    const list = screen.getByRole('list', { name: 'Backends passed over' });
    expect(list.textContent).toContain('WebGPU: navigator.gpu is missing');
    expect(list.textContent).toContain('WebGL: runs in software here');
    expect(backendLabel('webgpu')).toBe('WebGPU');
    expect(backendLabel('cpu')).toBe('CPU');
    // A name from the URL never reaches Object.prototype (that rendered an object and blanked the page).
    expect(backendLabel('__proto__')).toBe('__proto__');
    expect(backendLabel('constructor')).toBe('constructor');
  });

  it('says so while the backend is being chosen', () => {
    render(<StatusBar backend={null} fallbacks={[]} names={[]} divergedAt={[]} />);
    expect(screen.getByText('choosing…')).toBeTruthy();
  });

  it('shows one message per diverged run', () => {
    render(
      <StatusBar
        backend="webgl"
        fallbacks={[]}
        names={['SGD', 'Adam', 'Too hot']}
        divergedAt={[-1, 12, 1]}
        learningRates={[0.1, 1000, undefined]}
      />,
    );
    const status = screen.getByRole('status');
    const items = Array.from(status.querySelectorAll('li')).map((li) => li.textContent?.trim());
    expect(items).toEqual([
      '⚠ Adam (lr 1000) diverged at step 12 — its path is frozen; the other runs go on',
      '⚠ Too hot diverged at step 1 — its path is frozen; the other runs go on',
    ]);
    expect(status.textContent).not.toContain('SGD');
  });

  it('says when every run has diverged', () => {
    render(<StatusBar backend="cpu" fallbacks={[]} names={['A', 'B']} divergedAt={[3, 4]} />);
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('A diverged at step 3');
    expect(text).not.toContain('the other runs go on');
    expect(text).toContain('Every run has diverged');
  });
});
