/**
 * The Hessian-eigenvector plane in the built app: picked in the view's plane picker, the worker
 * computes the plane of the top two Hessian eigenvectors at run 1's newest point; its axes are
 * labelled with the eigenvalues, and the landscape on screen curves along v₁ at the centre.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, state, TIMEOUT, until, type Opened } from './app-page';
import { SCREENSHOTS } from './browser';

describe('the Hessian-eigenvector plane', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openApp('./?steps=60&autoplay=0');
  }, TIMEOUT);
  afterAll(async () => {
    await opened?.context.close();
  });

  it('is offered by the plane picker and shown with λ on its axes', async () => {
    const { page, errors } = opened;
    const picker = page.getByTestId('directions');
    const options = await picker.locator('option').allTextContents();
    expect(options).toContain('Hessian eigenvectors');
    await picker.selectOption('hessian');
    const s = await until(page, (x) => x.landscape?.directions === 'hessian');
    expect(s.error).toBeNull();
    expect(s.landscape!.axisLabels[0]).toMatch(/^v₁ \(λ = [−\d.e+]+\)$/);
    expect(s.landscape!.axisLabels[1]).toMatch(/^v₂ \(λ = [−\d.e+]+\)$/);
    expect(s.landscape!.max).toBeGreaterThan(s.landscape!.min);
    await page
      .locator('[data-testid="landscape-section"]')
      .screenshot({ path: `${SCREENSHOTS}/hessian-plane.png` });
    expect((await state(page)).viewError).toBeNull();
    expect(errors).toEqual([]);
  });
});
