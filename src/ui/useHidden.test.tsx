// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreProvider } from '../state/store';
import { RunsEditor } from './panels/RunsEditor';
import { TableField } from './panels/TableField';
import { Transport } from './panels/Transport';
import { isHidden } from './useHidden';

afterEach(cleanup);

const noop = () => {};

function transport(hidden: readonly string[]) {
  render(
    <StoreProvider initial={{ hidden }}>
      <Transport
        playing={false}
        finished={false}
        step={0}
        totalSteps={100}
        frames={3}
        scrub={null}
        speed={5}
        onPlay={noop}
        onPause={noop}
        onStep={noop}
        onReset={noop}
        onSpeed={noop}
        onScrub={noop}
      />
    </StoreProvider>,
  );
}

describe('hide lists', () => {
  it('a concrete field path counts as its general one', () => {
    expect(isHidden(['experiment.runs[].lr'], 'experiment.runs[2].lr')).toBe(true);
    expect(isHidden(['experiment.runs[].lr'], 'experiment.runs[].lr')).toBe(true);
    expect(isHidden(['experiment.runs[].lr'], 'experiment.runs[].momentum')).toBe(false);
    expect(isHidden([], 'play')).toBe(false);
  });

  it('hides the transport controls named, and only those', () => {
    transport(['step', 'reset', 'timeline', 'display.speed']);
    expect(screen.getByRole('button', { name: /Play/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Step' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reset' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Live' })).toBeNull();
    expect(screen.queryByLabelText('Speed')).toBeNull();
    expect(screen.queryByLabelText('Timeline')).toBeNull();
  });

  it('shows everything outside an explorer and with an empty list', () => {
    transport([]);
    for (const name of [/Play/, 'Step', 'Reset', 'Live'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('hides a field of the table by its path', () => {
    render(
      <StoreProvider initial={{ hidden: ['experiment.runs[].lr'] }}>
        <TableField path="experiment.runs[].lr" value={0.1} onChange={noop} />
        <TableField path="experiment.runs[].momentum" value={0.9} onChange={noop} />
      </StoreProvider>,
    );
    expect(screen.queryByLabelText(/Learning rate/)).toBeNull();
    expect(screen.getByLabelText(/Momentum/)).toBeTruthy();
  });

  it('hides the runs editor’s list controls and the SAM and own-seed switches', () => {
    render(
      <StoreProvider
        initial={{
          hidden: ['run-list', 'experiment.runs[].sam.rho', 'experiment.runs[].initSeed'],
        }}
      >
        <RunsEditor
          runs={[{ name: 'SGD', optimizer: 'sgd', lr: 0.1 }]}
          onChange={noop}
          presets={[{ id: 'p', label: 'A preset', runs: [] }]}
        />
      </StoreProvider>,
    );
    expect(screen.getByLabelText(/Learning rate/)).toBeTruthy();
    for (const name of ['Add run', 'Remove run SGD', 'A preset'])
      expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByLabelText('SAM')).toBeNull();
    expect(screen.queryByLabelText('Own initial seed')).toBeNull();
  });
});
