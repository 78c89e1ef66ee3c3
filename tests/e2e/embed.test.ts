/**
 * The widget's three ways in, in Chromium, on the build served with the Content Security Policy:
 * the iframe's postMessage API (an allowed parent origin is served; another origin is ignored and
 * counted), the custom element (a bad attribute is named inside it; attribute changes apply),
 * `mount()` / `destroy()` ×20 with flat counts of workers, WebGL contexts, tensors and listeners,
 * two widgets on one page (independent, one worker), and the example course page.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser';

const TIMEOUT = 180_000;
const baseUrl = inject('baseUrl');
const ownOrigin = new URL(baseUrl).origin;
/** The same server under another name: another origin. */
const otherBaseUrl = baseUrl.replace('127.0.0.1', 'localhost');

/** A small, quick experiment: 2 runs, 11 × 11 grid. */
const SMALL = {
  experiment: {
    problem: { kind: 'mlp', hidden: [8] },
    data: { kind: 'spiral', points: 60 },
    runs: [
      { optimizer: 'sgd', lr: 0.5 },
      { optimizer: 'adam', lr: 0.05 },
    ],
    steps: 400,
    recordEvery: 5,
  },
  view: { n: 11 },
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Runs before any page script: counts live workers (constructed − terminated), live WebGL
 * contexts (made and not lost) and listeners on `window` and `document`; reports CSP violations.
 */
function instrument(): void {
  const counts = {
    workersCreated: 0,
    workersTerminated: 0,
    contexts: [] as (WebGLRenderingContext | WebGL2RenderingContext)[],
    listeners: [] as [EventTarget, string, unknown, boolean][],
  };
  const w = window as unknown as Record<string, unknown>;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      counts.workersCreated++;
    }
    override terminate(): void {
      counts.workersTerminated++;
      super.terminate();
    }
  };
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    type: string,
    ...rest: unknown[]
  ) {
    const context = (getContext as (...a: unknown[]) => unknown).call(this, type, ...rest);
    if (context && type.startsWith('webgl')) {
      const gl = context as WebGLRenderingContext;
      if (!counts.contexts.includes(gl)) counts.contexts.push(gl);
    }
    return context;
  } as typeof getContext;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const capture = (options: unknown) =>
    typeof options === 'boolean'
      ? options
      : !!(options as { capture?: boolean } | undefined)?.capture;
  const find = (target: EventTarget, type: string, listener: unknown, c: boolean) =>
    counts.listeners.findIndex(
      ([t, ty, l, cc]) => t === target && ty === type && l === listener && cc === c,
    );
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (
      (this === window || this === document) &&
      listener &&
      find(this, type, listener, capture(options)) < 0
    )
      counts.listeners.push([this, type, listener, capture(options)]);
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    const i = find(this, type, listener, capture(options));
    if (i >= 0) counts.listeners.splice(i, 1);
    return remove.call(this, type, listener, options);
  };
  w.__live = () => ({
    workers: counts.workersCreated - counts.workersTerminated,
    workersCreated: counts.workersCreated,
    contexts: counts.contexts.filter((gl) => !gl.isContextLost()).length,
    listeners: counts.listeners.length,
  });
  document.addEventListener('securitypolicyviolation', (e) =>
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
  );
}

interface Live {
  workers: number;
  workersCreated: number;
  contexts: number;
  listeners: number;
}

/** A fresh page with the counters, collecting console errors. */
async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(instrument);
  return { page, errors };
}

/** The widgets test page, with the library loaded (`window.__lib`). */
async function widgetsPage(): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage();
  await opened.page.goto(new URL('test-pages/widgets.html', baseUrl).href);
  await opened.page.waitForFunction(() => document.body.dataset.libLoaded === 'true', null, {
    timeout: TIMEOUT,
  });
  return opened;
}

const live = (page: Page): Promise<Live> =>
  page.evaluate(() => (window as unknown as { __live(): Live }).__live());

/** The embed page's URL with `query` and the document in the hash. */
function embedUrl(query: string, document: object = SMALL): string {
  return `/embed.html?${query}#${encodeURIComponent(JSON.stringify(document))}`;
}

async function embedFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/embed.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the embed frame did not load');
    await page.waitForTimeout(100);
  }
}

describe('the iframe embed', () => {
  it('serves an allowed parent: play → step events, get state, resize, bad input named', async () => {
    const { page, errors } = await newPage();
    const embed = embedUrl('autoplay=0&backend=wasm');
    await page.goto(
      new URL(`test-pages/iframe-host.html?embed=${encodeURIComponent(embed)}`, baseUrl).href,
    );
    type Host = {
      events: { name: string; detail: { step?: number; losses?: number[] } }[];
      embed: {
        play(): Promise<void>;
        pause(): Promise<void>;
        getState(): Promise<Record<string, unknown>>;
        setConfig(d: object): Promise<void>;
      };
    };
    await page.waitForFunction(
      () => (window as unknown as { __host?: Host }).__host?.events.some((e) => e.name === 'ready'),
      null,
      { timeout: TIMEOUT, polling: 100 },
    );
    const before = await page.evaluate(() =>
      (window as unknown as { __host: Host }).__host.embed.getState(),
    );
    expect(before).toMatchObject({ step: 0, playing: false, ready: true, backend: 'wasm' });
    expect(before.runs).toHaveLength(2);
    expect(before.messages).toMatchObject({ rejected: 0, invalid: 0 });

    await page.evaluate(() => (window as unknown as { __host: Host }).__host.embed.play());
    await page.waitForFunction(
      () =>
        (window as unknown as { __host: Host }).__host.events.filter(
          (e) => e.name === 'step' && (e.detail.step ?? 0) > 0,
        ).length >= 2,
      null,
      { timeout: TIMEOUT, polling: 100 },
    );
    await page.evaluate(() => (window as unknown as { __host: Host }).__host.embed.pause());
    const steps = await page.evaluate(() =>
      (window as unknown as { __host: Host }).__host.events.filter((e) => e.name === 'step'),
    );
    const lastStep = steps.at(-1)!.detail;
    expect(lastStep.losses).toHaveLength(2);
    expect(lastStep.losses!.every((l) => Number.isFinite(l))).toBe(true);
    const after = await page.evaluate(() =>
      (window as unknown as { __host: Host }).__host.embed.getState(),
    );
    expect(after.step as number).toBeGreaterThan(0);
    expect(after.playing).toBe(false);

    // A document with a bad field is refused with the field named; the explorer keeps running.
    const refused = await page.evaluate(() =>
      (window as unknown as { __host: Host }).__host.embed.setConfig({ view: { n: 3 } }).then(
        () => 'accepted',
        (e: Error) => e.message,
      ),
    );
    expect(refused).toContain('view.n');

    // A message that is not a command (from the allowed parent) is counted, not acted on.
    await page.evaluate(() =>
      (document.getElementById('embed') as HTMLIFrameElement).contentWindow!.postMessage(
        { source: 'loss-landscape-explorer', version: 1, type: 'explode' },
        '*',
      ),
    );
    await expect
      .poll(
        async () =>
          (
            (await page.evaluate(() =>
              (window as unknown as { __host: Host }).__host.embed.getState(),
            )) as { messages: { invalid: number } }
          ).messages.invalid,
        { timeout: 10_000 },
      )
      .toBe(1);

    // The iframe is as tall as its content (posted by the embed page).
    const frame = await embedFrame(page);
    const content = await frame.evaluate(() =>
      Math.ceil(document.body.getBoundingClientRect().height),
    );
    const iframeHeight = await page.evaluate(
      () => document.getElementById('embed')!.getBoundingClientRect().height,
    );
    expect(content).toBeGreaterThan(300);
    expect(Math.abs(iframeHeight - content)).toBeLessThanOrEqual(2);
    // And it settles: the content's height does not follow the iframe's (no growth loop).
    await page.waitForTimeout(1000);
    expect(
      await page.evaluate(() => document.getElementById('embed')!.getBoundingClientRect().height),
    ).toBe(iframeHeight);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('ignores and counts messages from an origin not on the allow-list', async () => {
    const { page, errors } = await newPage();
    // The parent is on localhost; the embed (same server) allows only 127.0.0.1.
    const embed = embedUrl(`autoplay=0&backend=wasm&origins=${encodeURIComponent(ownOrigin)}`);
    await page.goto(
      new URL(
        `test-pages/iframe-host.html?connect=0&embed=${encodeURIComponent(embed)}`,
        otherBaseUrl,
      ).href,
    );
    const frame = await embedFrame(page);
    type EmbedGlobal = {
      __lleEmbed?: {
        counts: { handled: number; rejected: number; invalid: number };
        origins: string[];
        state(): {
          ready: boolean;
          step: number;
          playing: boolean;
          view?: unknown;
          document: { view?: { n?: number } };
        };
      };
    };
    await frame.waitForFunction(
      () => (window as unknown as EmbedGlobal).__lleEmbed?.state().ready === true,
      null,
      { timeout: TIMEOUT, polling: 100 },
    );
    expect(
      await frame.evaluate(() => (window as unknown as EmbedGlobal).__lleEmbed!.origins),
    ).toEqual([ownOrigin]);
    await page.evaluate(() => {
      const target = (document.getElementById('embed') as HTMLIFrameElement).contentWindow!;
      const tag = { source: 'loss-landscape-explorer', version: 1 };
      target.postMessage({ ...tag, type: 'play', id: 1 }, '*');
      target.postMessage({ ...tag, type: 'set-config', id: 2, document: { view: { n: 7 } } }, '*');
      target.postMessage({ ...tag, type: 'get-state', id: 3 }, '*');
    });
    await expect
      .poll(
        () => frame.evaluate(() => (window as unknown as EmbedGlobal).__lleEmbed!.counts.rejected),
        {
          timeout: 10_000,
        },
      )
      .toBe(3);
    await page.waitForTimeout(1500);
    const embedded = await frame.evaluate(() => {
      const e = (window as unknown as EmbedGlobal).__lleEmbed!;
      return { counts: { ...e.counts }, state: e.state() };
    });
    expect(embedded.counts).toEqual({ handled: 0, rejected: 3, invalid: 0 });
    expect(embedded.state.step).toBe(0);
    expect(embedded.state.playing).toBe(false);
    expect(embedded.state.document.view?.n).toBe(11);
    // Nothing of the explorer reached the other origin (replies, events, sizes).
    const heard = await page.evaluate(
      () =>
        (
          window as unknown as { __host: { raw: { data: { source?: string } }[] } }
        ).__host.raw.filter((m) => m.data?.source === 'loss-landscape-explorer').length,
    );
    expect(heard).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the custom element', () => {
  it('names bad attributes inside the element, applies attribute changes, isolates styles', async () => {
    const { page, errors } = await widgetsPage();
    await page.evaluate((doc) => {
      const element = document.createElement('loss-landscape-explorer');
      element.id = 'explorer';
      element.setAttribute('config', JSON.stringify(doc));
      element.setAttribute('hide', 'reset, nonsense');
      element.setAttribute('backend', 'gpu');
      element.setAttribute('autoplay', 'false');
      document.getElementById('slot-a')!.append(element);
    }, SMALL);
    const message = page.locator('#explorer [data-testid="attribute-problems"]');
    await message.waitFor({ state: 'visible', timeout: TIMEOUT });
    const text = await message.textContent();
    expect(text).toContain('hide');
    expect(text).toContain('"nonsense"');
    expect(text).toContain('backend');
    expect(text).toContain('"gpu"');

    type ElementApi = HTMLElement & {
      getState(): {
        ready: boolean;
        step: number;
        landscape: { n: number } | null;
        playing: boolean;
      };
    };
    const state = () =>
      page.evaluate(() => (document.getElementById('explorer') as ElementApi).getState());
    await expect.poll(async () => (await state()).ready, { timeout: TIMEOUT }).toBe(true);
    expect((await state()).landscape?.n).toBe(11);

    // A bad config: named, and the explorer keeps what it shows.
    await page.evaluate(() =>
      document.getElementById('explorer')!.setAttribute('config', '{"view": {"n": 3}}'),
    );
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toContain('config');
    expect(await message.textContent()).toContain('view.n');

    // Good attributes: the message goes, and the new config is opened (a 15 × 15 grid).
    await page.evaluate((doc) => {
      const element = document.getElementById('explorer')!;
      element.setAttribute('hide', 'reset');
      element.setAttribute('backend', 'wasm');
      element.setAttribute('config', JSON.stringify({ ...doc, view: { n: 15 } }));
    }, SMALL);
    await message.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(async () => (await state()).landscape?.n, { timeout: TIMEOUT }).toBe(15);

    // A change of config alone is opened in the running explorer (no remount).
    await page.evaluate((doc) => {
      document
        .getElementById('explorer')!
        .setAttribute('config', JSON.stringify({ ...doc, view: { n: 13 } }));
    }, SMALL);
    await expect.poll(async () => (await state()).landscape?.n, { timeout: TIMEOUT }).toBe(13);
    // One worker all along: a remount starts the new explorer before the old one ends.
    expect((await live(page)).workersCreated).toBe(1);

    // Styles: the explorer's sheet applies inside the shadow root; the host's rules do not.
    const styles = await page.evaluate(() => {
      const root = document.getElementById('explorer')!.shadowRoot!;
      const button = root.querySelector('button')!;
      const link = root.querySelector('link[data-lle-styles]') as HTMLLinkElement;
      return {
        buttonFont: parseFloat(getComputedStyle(button).fontSize),
        sheetLoaded: !!link?.sheet,
        pageButtons: document.querySelectorAll('button').length,
      };
    });
    expect(styles.sheetLoaded).toBe(true);
    expect(styles.buttonFont).toBeLessThan(30);
    expect(styles.pageButtons).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('mount()', () => {
  it('mount/destroy ×20 leaves no workers, WebGL contexts, tensors or listeners behind', async () => {
    const { page, errors } = await widgetsPage();
    type Widget = {
      whenReady(): Promise<void>;
      destroy(): void;
      listenerCount(): number;
      on(e: string, f: () => void): () => void;
      workerStats(): Promise<{ tensors: number }>;
    };
    type Lib = { mount(e: Element, o: object): Widget };
    // One widget stays (the worker, and its tensors, stay with it), another comes and goes.
    const baseline = await page.evaluate(async (doc) => {
      const lib = (window as unknown as { __lib: Lib }).__lib;
      const keep = lib.mount(document.getElementById('slot-a')!, {
        document: doc,
        autoplay: false,
        backend: 'wasm',
      });
      (window as unknown as { __keep: Widget }).__keep = keep;
      await keep.whenReady();
      await new Promise((r) => setTimeout(r, 1000));
      return { tensors: (await keep.workerStats()).tensors };
    }, SMALL);
    const before = await live(page);
    expect(before.workers).toBe(1);
    expect(before.contexts).toBe(1);

    const cycles = await page.evaluate(async (doc) => {
      const lib = (window as unknown as { __lib: Lib }).__lib;
      const slot = document.getElementById('slot-b')!;
      const seen: number[] = [];
      for (let i = 0; i < 20; i++) {
        const widget = lib.mount(slot, { document: doc, autoplay: i % 2 === 0, backend: 'wasm' });
        widget.on('step', () => undefined);
        widget.on('landscape', () => undefined);
        // Most are destroyed once drawn (training, jobs running); every fifth at once.
        if (i % 5 !== 4) await widget.whenReady();
        widget.destroy();
        seen.push(widget.listenerCount());
      }
      return seen;
    }, SMALL);
    expect(cycles.every((n) => n === 0)).toBe(true);
    // Sessions close in the worker and react-three-fiber releases contexts asynchronously.
    await page.waitForTimeout(2000);
    const after = await live(page);
    const tensors = await page.evaluate(
      async () => (await (window as unknown as { __keep: Widget }).__keep.workerStats()).tensors,
    );
    console.log(
      `[embed] mount/destroy ×20: workers ${before.workers} → ${after.workers} (created ${after.workersCreated}), ` +
        `WebGL contexts ${before.contexts} → ${after.contexts}, tensors ${baseline.tensors} → ${tensors}, ` +
        `window/document listeners ${before.listeners} → ${after.listeners}`,
    );
    expect(after.workers).toBe(before.workers);
    expect(after.workersCreated).toBe(1);
    expect(after.contexts).toBe(before.contexts);
    expect(tensors).toBe(baseline.tensors);
    expect(after.listeners).toBe(before.listeners);

    // The last widget gone: no worker, no context.
    await page.evaluate(() => (window as unknown as { __keep: Widget }).__keep.destroy());
    await page.waitForTimeout(1500);
    const empty = await live(page);
    console.log(
      `[embed] all destroyed: workers ${empty.workers}, WebGL contexts ${empty.contexts}`,
    );
    expect(empty.workers).toBe(0);
    expect(empty.contexts).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('two widgets on one page run independently on one worker and one backend', async () => {
    const { page, errors } = await widgetsPage();
    type Widget = {
      whenReady(): Promise<void>;
      play(): Promise<void>;
      pause(): Promise<void>;
      getState(): { step: number; runs: string[]; backend: string | null; playing: boolean };
    };
    type Lib = { mount(e: Element, o: object): Widget };
    const three = {
      ...SMALL,
      experiment: {
        ...SMALL.experiment,
        runs: [...SMALL.experiment.runs, { optimizer: 'momentum', lr: 0.1 }],
      },
    };
    await page.evaluate(
      async ([docA, docB]) => {
        const lib = (window as unknown as { __lib: Lib }).__lib;
        const w = window as unknown as { __a: Widget; __b: Widget };
        w.__a = lib.mount(document.getElementById('slot-a')!, { document: docA, autoplay: false });
        w.__b = lib.mount(document.getElementById('slot-b')!, { document: docB, autoplay: false });
        await Promise.all([w.__a.whenReady(), w.__b.whenReady()]);
      },
      [SMALL, three],
    );
    const states = () =>
      page.evaluate(() => {
        const w = window as unknown as { __a: Widget; __b: Widget };
        return [w.__a.getState(), w.__b.getState()];
      });
    let [a, b] = await states();
    expect(a!.runs).toHaveLength(2);
    expect(b!.runs).toHaveLength(3);
    expect(a!.backend).toBe(b!.backend);
    await page.evaluate(() => (window as unknown as { __a: Widget }).__a.play());
    await expect
      .poll(async () => (await states())[0]!.step, { timeout: TIMEOUT })
      .toBeGreaterThan(20);
    [a, b] = await states();
    expect(b!.step).toBe(0);
    expect(b!.playing).toBe(false);
    await page.evaluate(async () => {
      const w = window as unknown as { __a: Widget; __b: Widget };
      await w.__a.pause();
      await w.__b.play();
    });
    const pausedAt = (await states())[0]!.step;
    await expect
      .poll(async () => (await states())[1]!.step, { timeout: TIMEOUT })
      .toBeGreaterThan(20);
    expect((await states())[0]!.step).toBe(pausedAt);
    const counts = await live(page);
    expect(counts.workersCreated).toBe(1);
    expect(counts.workers).toBe(1);
    // The page itself never loads tfjs (one backend, in the worker).
    expect(await page.evaluate(() => 'tf' in window)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the example course page', () => {
  it('shows the element, mount() and the iframe, each ready', async () => {
    const { page, errors } = await newPage();
    await page.goto(new URL('examples/course-page.html', baseUrl).href);
    await page.waitForFunction(
      () => {
        const d = document.body.dataset;
        return d.elementReady === 'true' && d.mountReady === 'true' && d.iframeReady === 'true';
      },
      null,
      { timeout: TIMEOUT, polling: 200 },
    );
    expect((await live(page)).workersCreated).toBe(1);
    // The iframe (in the HTML, so it may speak before the page's script listens) got its height.
    await expect
      .poll(
        () =>
          page.evaluate(
            () => document.getElementById('iframe-demo')!.getBoundingClientRect().height,
          ),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(300);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
