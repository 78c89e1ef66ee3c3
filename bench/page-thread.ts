/**
 * `npx tsx bench/page-thread.ts [--skip-build] [--seconds 6] [--mode contour|3d] [--runs 1]
 * [--orbit] [--trace]`: where the page's main thread spends its time while the default demo
 * trains (issue 14); `--orbit` drags the 3-D view's canvas all the while (as a lecturer orbits),
 * `--trace` records a Chromium trace instead of a CPU profile and breaks down each long task,
 * `--gl-calls` times every WebGL call and lists those over 4 ms with their callers, `--no-minify`
 * builds readable names.
 *
 * Builds the app as `npm run build` does (NODE_ENV=production) into out/page-thread, serves it
 * with `vite preview`, opens `?backend=wasm&steps=100000&autoplay=0` at 1280×720 in headless
 * Chromium, shows the contour map (or the 3-D view), presses Play, waits 1.5 s, then for
 * `--seconds` records:
 * - every long task (> 50 ms, PerformanceObserver 'longtask');
 * - Chromium's own counters of main-thread time (CDP `Performance.getMetrics`: TaskDuration,
 *   ScriptDuration, LayoutDuration, RecalcStyleDuration), as differences over the window;
 * - every message the page receives from the compute worker (Comlink calls on the worker and on
 *   the listener's MessagePort: counted by the method called, with the time of its handler);
 * - a JavaScript CPU profile (CDP Profiler), its top functions by self time.
 * Prints one block per run; the machine's load average before and after.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR`: another build folder (e.g. a baseline built from another checkout).
const outDir = path.resolve(root, option('out', 'out/page-thread'));
const configFile = path.join(root, 'vite.config.ts');

const seconds = Number(option('seconds', '6'));
const mode = option('mode', 'contour');
const runs = Number(option('runs', '1'));
const query = option('query', './?backend=wasm&steps=100000&autoplay=0');

if (!process.argv.includes('--skip-build')) {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      configFile,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, minify: !process.argv.includes('--no-minify') },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

const server = await preview({
  root,
  configFile,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
});
const address = server.httpServer!.address();
if (!address || typeof address === 'string') throw new Error('preview server has no port');
const base = `http://127.0.0.1:${address.port}/`;
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});

/**
 * Installed before the app loads (as source text: tsx's helpers do not exist in the page): long
 * tasks, and the handler time of every message from the worker, by the Comlink method called.
 */
const INSTRUMENT = `(() => {
  const w = window;
  w.__tasks = [];
  w.__messages = {};
  w.__record = false;
  new PerformanceObserver((l) => {
    if (!w.__record) return;
    for (const e of l.getEntries()) w.__tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  const wrap = (proto) => {
    const original = proto.addEventListener;
    proto.addEventListener = function (type, listener, options) {
      if (type !== 'message' || typeof listener !== 'function')
        return original.call(this, type, listener, options);
      const wrapped = function (event) {
        const t0 = performance.now();
        try {
          return listener.call(this, event);
        } finally {
          if (w.__record) {
            const data = event.data;
            const name = data && data.path && data.path.length ? data.path.join('.') : String(data && data.type);
            const m = (w.__messages[name] ??= { count: 0, ms: 0, max: 0 });
            const ms = performance.now() - t0;
            m.count++;
            m.ms += ms;
            m.max = Math.max(m.max, ms);
          }
        }
      };
      return original.call(this, type, wrapped, options);
    };
  };
  wrap(Worker.prototype);
  wrap(MessagePort.prototype);
  w.__glSlow = [];
  if (${JSON.stringify(process.argv.includes('--gl-calls'))}) {
    const proto = WebGL2RenderingContext.prototype;
    w.__shaders = {};
    const shaderSource = proto.shaderSource;
    proto.shaderSource = function (shader, source) {
      if (w.__record) {
        const name = (source.match(/#define SHADER_NAME (.*)/) || [])[1] || (source.match(/#define SHADER_TYPE (.*)/) || [])[1] || 'unnamed ' + source.length;
        w.__shaders[name] = (w.__shaders[name] || 0) + 1;
      }
      return shaderSource.call(this, shader, source);
    };
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!d || typeof d.value !== 'function') continue;
      const original = d.value;
      proto[name] = function (...args) {
        const t0 = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          const ms = performance.now() - t0;
          if (w.__record && ms > 4) {
            const stack = (new Error().stack || '').split(String.fromCharCode(10)).slice(2, 7).map((l) => l.trim().split('/').pop()).join(' < ');
            w.__glSlow.push([name, Math.round(ms * 10) / 10, stack]);
          }
        }
      };
    }
  }
})();`;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Inclusive time (ms) per function name: each sample counted once for every function on its stack. */
function topTotal(profile: {
  nodes: (ProfileNode & { children?: number[] })[];
  samples: number[];
  timeDeltas: number[];
}) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (!url) continue;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  }
  return [...total.entries()].sort((a, b) => b[1] - a[1]);
}

function topSelf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event (µs). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    beginData?: { dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean };
  };
}

/** Layout events on the busiest main thread: how many, and their dirty and total objects. */
function layoutFigures(events: TraceEvent[]): string {
  const layouts = events.filter((e) => e.ph === 'X' && e.name === 'Layout' && e.dur !== undefined);
  if (!layouts.length) return 'no Layout events';
  const dirty = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0);
  const total = layouts.map((e) => e.args?.beginData?.totalObjects ?? 0);
  const ms = layouts.map((e) => e.dur! / 1000);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return (
    `${layouts.length} layouts, mean ${mean(ms).toFixed(2)} ms (max ${Math.max(...ms).toFixed(1)}), ` +
    `dirty objects mean ${mean(dirty).toFixed(0)} of ${mean(total).toFixed(0)}`
  );
}

/** Self time (ms) per trace event name on the page's main thread (CrRendererMain). */
function mainThreadSelf(events: TraceEvent[]): [string, number][] {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  // The busiest main thread is the page's.
  let best: TraceEvent[] = [];
  for (const list of byThread.values()) {
    const total = (l: TraceEvent[]) =>
      l.reduce((s, e) => s + (e.name === 'RunTask' ? e.dur! : 0), 0);
    if (total(list) > total(best)) best = list;
  }
  best.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; children: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.dur! - top.children) / 1000);
      if (stack.length) stack.at(-1)!.children += top.e.dur!;
    }
  };
  for (const e of best) {
    close(e.ts);
    stack.push({ e, children: 0 });
  }
  close(Infinity);
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

/** Drags across the 3-D view's canvas for `ms` (a sweep of ±200 px, a move every ~16 ms). */
async function orbit(page: Page, ms: number): Promise<void> {
  const box = (await page.locator('[data-testid="landscape-scene"] canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const phase = (Date.now() - t0) / 1000;
    await page.mouse.move(cx + 200 * Math.sin(phase * 1.3), cy + 40 * Math.sin(phase * 0.7));
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/**
 * Each main-thread task longer than 50 ms in the trace: its start (ms into the trace), length,
 * and the events inside it with the most self time (what the task spent itself on).
 */
function longTaskBreakdown(events: TraceEvent[]): string[] {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const complete = events.filter(
    (e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`),
  );
  const origin = Math.min(...complete.map((e) => e.ts));
  const lines: string[] = [];
  // The outermost events of 50 ms or more (a task; its name varies between Chromium versions).
  const long = complete
    .filter((e) => e.dur! >= 50_000)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const outermost = long.filter(
    (e, i) =>
      !long.some(
        (o, j) =>
          j !== i &&
          `${o.pid}:${o.tid}` === `${e.pid}:${e.tid}` &&
          o.ts <= e.ts &&
          o.ts + o.dur! >= e.ts + e.dur! &&
          (o.dur! > e.dur! || j < i),
      ),
  );
  for (const task of outermost) {
    const key = `${task.pid}:${task.tid}`;
    const inside = complete
      .filter(
        (e) =>
          `${e.pid}:${e.tid}` === key &&
          e !== task &&
          e.ts >= task.ts &&
          e.ts + e.dur! <= task.ts + task.dur!,
      )
      .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; children: number }[] = [];
    const close = (until: number) => {
      while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
        const top = stack.pop()!;
        const label =
          top.e.name === 'FunctionCall' || top.e.name === 'v8.callFunction'
            ? `${top.e.name}(${(top.e.args as { data?: { functionName?: string } })?.data?.functionName ?? ''})`
            : top.e.name;
        self.set(label, (self.get(label) ?? 0) + (top.e.dur! - top.children) / 1000);
        if (stack.length) stack.at(-1)!.children += top.e.dur!;
      }
    };
    for (const e of inside) {
      close(e.ts);
      stack.push({ e, children: 0 });
    }
    close(Infinity);
    const top = [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
    lines.push(
      `long task (${task.name}) at ${((task.ts - origin) / 1000).toFixed(0)} ms, ${(task.dur! / 1000).toFixed(0)} ms ` +
        `(CPU ${((task.tdur ?? 0) / 1000).toFixed(0)} ms): ${top.join(', ')}`,
    );
  }
  return lines;
}

async function measure(page: Page, cdp: CDPSession) {
  await page.evaluate(() => {
    const w = window as unknown as { __record: boolean; __tasks: unknown[]; __messages: object };
    w.__tasks = [];
    w.__messages = {};
    w.__record = true;
  });
  const step0 = await page.evaluate(() => window.__lle!.state().step);
  const m0 = await metrics(cdp);
  const tracing = process.argv.includes('--trace');
  // `--no-profile`: neither a trace nor a CPU profile (the sampler costs the page time itself).
  const profiling = !tracing && !process.argv.includes('--no-profile');
  if (tracing)
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'gpu',
        'cc',
      ],
    });
  else if (profiling) await cdp.send('Profiler.start');
  const t0 = Date.now();
  if (process.argv.includes('--orbit')) await orbit(page, seconds * 1000);
  else await page.waitForTimeout(seconds * 1000);
  const profile = !profiling
    ? null
    : ((await cdp.send('Profiler.stop')) as { profile: Parameters<typeof topSelf>[0] });
  const trace = tracing
    ? (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
    : null;
  const wallMs = Date.now() - t0;
  const m1 = await metrics(cdp);
  const result = await page.evaluate(() => {
    const w = window as unknown as {
      __record: boolean;
      __tasks: [number, number][];
      __messages: Record<string, { count: number; ms: number; max: number }>;
    };
    w.__record = false;
    return {
      tasks: w.__tasks,
      messages: w.__messages,
      step: window.__lle!.state().step,
      glSlow: (window as unknown as { __glSlow: [string, number, string][] }).__glSlow,
      shaders: (window as unknown as { __shaders?: Record<string, number> }).__shaders ?? {},
    };
  });
  const d = (name: string) => ((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000;
  return { ...result, step0, d, wallMs, profile: profile?.profile ?? null, trace };
}

try {
  console.log(
    `Chromium ${browser.version()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ` +
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
  );
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(new URL(query, base).href);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, {
      timeout: 180_000,
      polling: 100,
    });
    if (mode === 'contour') await page.getByRole('button', { name: 'Contour map' }).click();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.getByRole('button', { name: /play/i }).first().click();
    await page.waitForTimeout(1500);
    const r = await measure(page, cdp);
    const longest = Math.max(0, ...r.tasks.map(([, ms]) => ms));
    const snapshots = r.messages['snapshot']?.count ?? 0;
    console.log(
      `run ${run + 1} (${mode}), ${seconds} s, steps ${r.step0}→${r.step}, load ${os.loadavg()[0]!.toFixed(1)}: ` +
        `${r.tasks.length} long tasks, longest ${Math.round(longest)} ms ` +
        `${JSON.stringify(r.tasks.map(([, ms]) => Math.round(ms)))}`,
    );
    const steps = Math.max(1, r.step - r.step0);
    console.log(
      `  main thread: CPU ${r.d('ThreadTime').toFixed(0)} ms (renderer process ${r.d('ProcessTime').toFixed(0)} ms), ` +
        `tasks ${r.d('TaskDuration').toFixed(0)} ms, script ${r.d('ScriptDuration').toFixed(0)} ms, ` +
        `layout ${r.d('LayoutDuration').toFixed(0)} ms in ${(r.d('LayoutCount') / 1000).toFixed(0)}, ` +
        `style ${r.d('RecalcStyleDuration').toFixed(0)} ms in ${(r.d('RecalcStyleCount') / 1000).toFixed(0)}; ` +
        `${snapshots} snapshot frames; main-thread CPU per training step ${(r.d('ThreadTime') / steps).toFixed(2)} ms, ` +
        `script per step ${(r.d('ScriptDuration') / steps).toFixed(2)} ms`,
    );
    for (const [name, m] of Object.entries(r.messages).sort((a, b) => b[1].ms - a[1].ms))
      console.log(
        `  message ${name}: ${m.count}×, handlers ${m.ms.toFixed(0)} ms (mean ${(m.ms / m.count).toFixed(2)}, max ${m.max.toFixed(1)})`,
      );
    console.log(`  window ${r.wallMs} ms of wall time`);
    for (const [name, ms, stack] of r.glSlow) console.log(`  gl ${name} ${ms} ms  ${stack}`);
    if (Object.keys(r.shaders).length)
      console.log(`  shaders compiled: ${JSON.stringify(r.shaders)}`);
    if (r.profile)
      for (const [name, ms] of topSelf(r.profile).slice(0, 18))
        console.log(`  self ${ms.toFixed(0).padStart(5)} ms  ${name}`);
    if (r.profile && process.argv.includes('--inclusive'))
      for (const [name, ms] of topTotal(r.profile).slice(0, 60))
        console.log(`  total ${ms.toFixed(0).padStart(5)} ms  ${name}`);
    if (r.trace) console.log(`  ${layoutFigures(r.trace.traceEvents)}`);
    if (r.trace)
      for (const line of longTaskBreakdown(r.trace.traceEvents)) console.log(`  ${line}`);
    if (r.trace)
      for (const [name, ms] of mainThreadSelf(r.trace.traceEvents).slice(0, 22))
        console.log(`  trace self ${ms.toFixed(0).padStart(5)} ms  ${name}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.httpServer!.close();
}
