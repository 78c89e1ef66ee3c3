import { Color } from 'three';
import { describe, expect, it } from 'vitest';
import { opaqueColor } from './colormap';

describe('opaqueColor', () => {
  it('drops the alpha of the colour forms a run may use, so three.js reads them', () => {
    expect(opaqueColor('#4e79a780')).toBe('#4e79a7');
    expect(opaqueColor('rgba(10, 20, 30, 0.5)')).toBe('rgb(10, 20, 30)');
    expect(opaqueColor('HSLA(120, 50%, 40%, .2)')).toBe('hsl(120, 50%, 40%)');
    for (const same of ['#abc', '#4e79a7', 'rebeccapurple', 'rgb(1, 2, 3)', 'hsl(10, 20%, 30%)'])
      expect(opaqueColor(same)).toBe(same);
    // three.js gives the same colour as the opaque form.
    const c = new Color(opaqueColor('#ff000080'));
    expect([c.r, c.g, c.b]).toEqual([1, 0, 0]);
  });
});
