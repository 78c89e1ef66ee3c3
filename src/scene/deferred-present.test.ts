/**
 * The deferred presenter against a recording WebGL 2 fake: what is drawn goes to its own
 * framebuffer (every bind of the default one while drawing is redirected, and the default is bound
 * again after), nothing reaches the canvas before the fence is signalled, then one blit of the
 * whole frame does; resized canvases drop the frame; the buffers follow the drawing buffer's size;
 * everything made is deleted. Also the frame events that pair a drawn frame with its showing.
 */
import { describe, expect, it } from 'vitest';
import { DeferredPresenter, type PresentGL } from './deferred-present';
import { FrameEvents } from './frame-events';

const C = {
  FRAMEBUFFER: 0x8d40,
  READ_FRAMEBUFFER: 0x8ca8,
  DRAW_FRAMEBUFFER: 0x8ca9,
  RENDERBUFFER: 0x8d41,
  RGBA8: 0x8058,
  DEPTH_COMPONENT24: 0x81a6,
  COLOR_ATTACHMENT0: 0x8ce0,
  DEPTH_ATTACHMENT: 0x8d00,
  COLOR_BUFFER_BIT: 0x4000,
  NEAREST: 0x2600,
  SCISSOR_TEST: 0x0c11,
  SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
  SYNC_STATUS: 0x9114,
  SIGNALED: 0x9119,
  UNSIGNALED: 0x9118,
};

/** A fake context: records calls as strings, objects are numbered `fb1`, `rb2`, `sync3`, … */
function fakeGL(width: number, height: number) {
  let next = 0;
  const log: string[] = [];
  const live = new Set<string>();
  const bound: Record<number, string | null> = {
    [C.READ_FRAMEBUFFER]: null,
    [C.DRAW_FRAMEBUFFER]: null,
  };
  const name = (o: unknown) => (o === null ? 'null' : String(o));
  const make = (kind: string) => {
    const id = `${kind}${(next += 1)}`;
    live.add(id);
    return id;
  };
  const state = { signalled: false, lost: false, scissor: false };
  const gl = {
    ...C,
    drawingBufferWidth: width,
    drawingBufferHeight: height,
    createFramebuffer: () => make('fb'),
    createRenderbuffer: () => make('rb'),
    deleteFramebuffer: (o: string) => (live.delete(o), log.push(`deleteFramebuffer ${o}`)),
    deleteRenderbuffer: (o: string) => (live.delete(o), log.push(`deleteRenderbuffer ${o}`)),
    bindFramebuffer(target: number, fb: string | null) {
      if (target === C.FRAMEBUFFER) bound[C.READ_FRAMEBUFFER] = bound[C.DRAW_FRAMEBUFFER] = fb;
      else bound[target] = fb;
      log.push(
        `bindFramebuffer ${target === C.FRAMEBUFFER ? 'FB' : target === C.READ_FRAMEBUFFER ? 'READ' : 'DRAW'} ${name(fb)}`,
      );
    },
    bindRenderbuffer: (_t: number, rb: string | null) => log.push(`bindRenderbuffer ${name(rb)}`),
    renderbufferStorage: (_t: number, format: number, w: number, h: number) =>
      log.push(`renderbufferStorage ${format === C.RGBA8 ? 'RGBA8' : 'DEPTH24'} ${w}x${h}`),
    framebufferRenderbuffer: (_t: number, at: number, _r: number, rb: string) =>
      log.push(`attach ${at === C.COLOR_ATTACHMENT0 ? 'colour' : 'depth'} ${rb}`),
    blitFramebuffer: (...args: number[]) =>
      log.push(
        `blit ${args.slice(0, 8).join(',')} from ${name(bound[C.READ_FRAMEBUFFER]!)} to ${name(bound[C.DRAW_FRAMEBUFFER]!)}`,
      ),
    fenceSync: () => make('sync'),
    getSyncParameter: () => (state.signalled ? C.SIGNALED : C.UNSIGNALED),
    deleteSync: (o: string) => (live.delete(o), log.push(`deleteSync ${o}`)),
    flush: () => log.push('flush'),
    isEnabled: () => state.scissor,
    enable: () => log.push('enable scissor'),
    disable: () => log.push('disable scissor'),
    isContextLost: () => state.lost,
  };
  return { gl: gl as unknown as PresentGL & typeof gl, log, live, bound, state };
}

describe('DeferredPresenter', () => {
  it('draws offscreen, shows nothing until the fence is signalled, then blits the frame once', () => {
    const { gl, log, bound, state } = fakeGL(40, 30);
    let clock = 100;
    const p = new DeferredPresenter(gl, () => clock);
    const during: string[] = [];
    p.draw(() => {
      // What a renderer does: binds the default framebuffer (redirected) and draws.
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      during.push(String(bound[C.DRAW_FRAMEBUFFER]));
      gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
      during.push(String(bound[C.DRAW_FRAMEBUFFER]));
    });
    expect(during).toEqual(['fb1', 'fb1']);
    // Storage of the drawing buffer's size; the default framebuffer bound again after drawing.
    expect(log).toContain('renderbufferStorage RGBA8 40x30');
    expect(log).toContain('renderbufferStorage DEPTH24 40x30');
    expect(bound[C.DRAW_FRAMEBUFFER]).toBeNull();
    expect(bound[C.READ_FRAMEBUFFER]).toBeNull();
    expect(log.at(-1)).toBe('flush');
    expect(p.inFlight).toBe(true);
    // The context's own method again (not the redirect).
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    expect(bound[C.DRAW_FRAMEBUFFER]).toBeNull();

    clock = 130;
    expect(p.poll()).toBeNull();
    expect(log.some((l) => l.startsWith('blit'))).toBe(false);
    state.signalled = true;
    clock = 160;
    expect(p.poll()).toBe(60);
    expect(log.filter((l) => l.startsWith('blit'))).toEqual([
      'blit 0,0,40,30,0,0,40,30 from fb1 to null',
    ]);
    expect(log).toContain('deleteSync sync4');
    expect(bound[C.READ_FRAMEBUFFER]).toBeNull();
    expect(p.inFlight).toBe(false);
    expect(p.poll()).toBeNull(); // nothing in flight
  });

  it('keeps the scissor test out of the blit and restores it', () => {
    const { gl, log, state } = fakeGL(8, 8);
    const p = new DeferredPresenter(gl);
    p.draw(() => undefined);
    state.signalled = true;
    state.scissor = true;
    expect(p.poll()).not.toBeNull();
    const blit = log.findIndex((l) => l.startsWith('blit'));
    expect(log[blit - 3]).toBe('disable scissor');
    expect(log[blit + 2]).toBe('enable scissor');
  });

  it('drops a frame whose canvas was resized, and resizes its buffers for the next', () => {
    const { gl, log, state } = fakeGL(40, 30);
    const p = new DeferredPresenter(gl);
    p.draw(() => undefined);
    gl.drawingBufferWidth = 80;
    state.signalled = true;
    expect(p.poll()).toBeNull();
    expect(p.inFlight).toBe(false);
    expect(log.some((l) => l.startsWith('blit'))).toBe(false);
    p.draw(() => undefined);
    expect(p.size).toEqual([80, 30]);
    expect(log).toContain('renderbufferStorage RGBA8 80x30');
    // Same size again: no new storage.
    const storages = log.filter((l) => l.startsWith('renderbufferStorage')).length;
    expect(p.poll()).not.toBeNull();
    p.draw(() => undefined);
    expect(log.filter((l) => l.startsWith('renderbufferStorage')).length).toBe(storages);
  });

  it('a new frame drawn while one is in flight replaces it', () => {
    const { gl, live } = fakeGL(4, 4);
    const p = new DeferredPresenter(gl);
    p.draw(() => undefined);
    p.draw(() => undefined);
    expect([...live].filter((o) => o.startsWith('sync'))).toHaveLength(1);
  });

  it('forgets its objects on context loss and deletes everything on dispose', () => {
    const { gl, live, state } = fakeGL(4, 4);
    const p = new DeferredPresenter(gl);
    p.draw(() => undefined);
    state.lost = true;
    expect(p.poll()).toBeNull();
    expect(p.inFlight).toBe(false);
    state.lost = false;
    p.contextRestored();
    const before = live.size;
    p.draw(() => undefined); // new framebuffer, renderbuffers, fence
    expect(live.size).toBe(before + 4);
    p.dispose();
    // The objects of the lost context died with it; the ones made since are deleted.
    expect([...live].filter((o) => Number(o.replace(/\D/g, '')) > 4)).toEqual([]);
  });
});

describe('FrameEvents', () => {
  it('runs the listeners when a frame is drawn and what they return when it is shown', () => {
    const events = new FrameEvents();
    const seen: string[] = [];
    let frame = 0;
    const off = events.onDrawn(() => {
      const drawn = (frame += 1);
      seen.push(`drawn ${drawn}`);
      return () => seen.push(`shown ${drawn}`);
    });
    events.onDrawn(() => void seen.push('drawn (nothing to show)'));
    const show1 = events.frameDrawn();
    const show2 = events.frameDrawn();
    expect(seen).toEqual([
      'drawn 1',
      'drawn (nothing to show)',
      'drawn 2',
      'drawn (nothing to show)',
    ]);
    show2();
    expect(seen.slice(4)).toEqual(['shown 2']);
    off();
    events.frameDrawn()();
    expect(seen.slice(5)).toEqual(['drawn (nothing to show)']);
    void show1;
  });
});
