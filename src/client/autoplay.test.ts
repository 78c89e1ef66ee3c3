/**
 * Autoplay waits for the view: the race starts when the first landscape frame is on screen
 * (`viewReady`), not when the worker is ready, and not at all when the user acted meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../app/defaults';
import { DEFAULT_VIEW } from '../config/view';
import { createAppStore } from '../state/store';
import { SessionController } from './controller';
import { fakeComputeClient } from './fake-compute-client';

const fakeClient = () => fakeComputeClient();

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('autoplay', () => {
  it('plays only once the view has drawn its first frame', async () => {
    const { client, api } = fakeClient();
    const c = new SessionController(createAppStore(), () => client, DEFAULT_CONFIG, DEFAULT_VIEW);
    const started = c.start(null, true);
    await tick();
    expect(api.open).toHaveBeenCalledTimes(1);
    expect(api.play).not.toHaveBeenCalled();
    c.viewReady();
    await started;
    expect(api.play).toHaveBeenCalledTimes(1);
    c.dispose();
  });

  it('does not play when the user acted before the view was ready', async () => {
    const { client, api } = fakeClient();
    const c = new SessionController(createAppStore(), () => client, DEFAULT_CONFIG, DEFAULT_VIEW);
    const started = c.start(null, true);
    await tick();
    await c.pause();
    c.viewReady();
    await started;
    expect(api.play).not.toHaveBeenCalled();
    c.dispose();
  });
});
