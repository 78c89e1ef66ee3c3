/**
 * `mount(element, options)`: an explorer inside any element of a host page, driven through a
 * handle (the commands and events of ./events.ts). `destroy()` frees everything it made: the
 * React root (and with it the 3-D view's WebGL context, which react-three-fiber disposes and
 * force-loses), the store's subscriptions, the host's listeners, and the explorer's session on the
 * page's compute worker (the worker itself ends with the last session of the page).
 *
 *   const widget = mount(document.querySelector('#demo')!, { document: { view: { n: 21 } } });
 *   const stop = widget.on('step', ({ step, losses }) => console.log(step, losses));
 *   await widget.play();
 *   widget.destroy();
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Explorer } from './Explorer';
import { createEmitter } from './emitter';
import {
  explorerCommands,
  type ExplorerCommands,
  type ExplorerEventMap,
  type ExplorerEventName,
  type ExplorerState,
  watchExplorer,
} from './events';
import { resolveWidgetOptions, type WidgetOptions } from './options';
import type { ExplorerHandle } from './types';

export interface MountOptions extends WidgetOptions {
  /** A message to show above the explorer from the start. */
  notice?: string | null;
}

/** A mounted explorer. Commands wait for the explorer to start; after `destroy()` they reject. */
export interface ExplorerWidget extends ExplorerCommands {
  /** Listens to an event; returns the function that stops listening. */
  on<E extends ExplorerEventName>(
    event: E,
    listener: (detail: ExplorerEventMap[E]) => void,
  ): () => void;
  /** Resolves once the first landscape is drawn. */
  whenReady(): Promise<void>;
  /** The compute worker's figures (tensors of the whole worker, this session's recording). */
  workerStats(): Promise<unknown>;
  /** Listeners registered through `on` (0 after `destroy()`). */
  listenerCount(): number;
  /** Unmounts the explorer and frees what it holds; idempotent. */
  destroy(): void;
  readonly destroyed: boolean;
}

/**
 * Renders an explorer into `element` (its content is replaced). Throws a `WidgetOptionsError`
 * naming each invalid option before rendering anything.
 */
export function mount(
  element: Element | DocumentFragment,
  options: MountOptions = {},
): ExplorerWidget {
  const resolved = resolveWidgetOptions(options);
  const emitter = createEmitter<ExplorerEventMap>();
  let handle: ExplorerHandle | null = null;
  let watcher: ReturnType<typeof watchExplorer> | null = null;
  let destroyed = false;
  let started!: (handle: ExplorerHandle) => void;
  const handleReady = new Promise<ExplorerHandle>((resolve) => (started = resolve));
  let readied!: () => void;
  const ready = new Promise<void>((resolve) => (readied = resolve));

  const onHandle = (next: ExplorerHandle | null) => {
    watcher?.stop();
    watcher = null;
    handle = next;
    if (!next) return;
    const state = next.store.getState();
    state.setHidden(resolved.hide);
    if (resolved.lesson) state.setLesson({ id: resolved.lesson, step: 0 });
    watcher = watchExplorer(next, emitter.emit);
    started(next);
  };

  const root = createRoot(element);
  // Rendered synchronously, so the explorer (and its handle) exist when mount() returns.
  flushSync(() =>
    root.render(
      <Explorer
        document={resolved.document}
        backend={resolved.backend}
        autoplay={resolved.autoplay}
        notice={options.notice ?? null}
        onHandle={onHandle}
        onReady={(detail) => {
          watcher?.ready(detail);
          readied();
        }}
      />,
    ),
  );

  /** Runs `command` on the started explorer; rejects once destroyed. */
  const withHandle = async <T,>(
    command: (commands: ExplorerCommands) => Promise<T>,
  ): Promise<T> => {
    if (destroyed) throw new Error('This explorer was destroyed; mount a new one.');
    return command(explorerCommands(await handleReady));
  };

  return {
    play: () => withHandle((c) => c.play()),
    pause: () => withHandle((c) => c.pause()),
    step: () => withHandle((c) => c.step()),
    reset: () => withHandle((c) => c.reset()),
    setConfig: (document) => withHandle((c) => c.setConfig(document)),
    getState(): ExplorerState {
      if (destroyed || !handle) throw new Error('This explorer was destroyed; mount a new one.');
      return explorerCommands(handle).getState();
    },
    on: (event, listener) => emitter.on(event, listener),
    whenReady: () => ready,
    workerStats: async () => {
      if (destroyed) throw new Error('This explorer was destroyed; mount a new one.');
      return (await handleReady).controller.workerStats();
    },
    listenerCount: () => emitter.size(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      watcher?.stop();
      watcher = null;
      emitter.clear();
      root.unmount();
      handle = null;
    },
    get destroyed() {
      return destroyed;
    },
  };
}
