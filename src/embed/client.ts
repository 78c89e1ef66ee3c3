/**
 * The parent page's side of the embed protocol (./protocol.ts): drives an explorer in an
 * `<iframe src=".../embed.html#…">`, hears its events, and sizes the iframe to its content.
 * Only messages from that iframe's window and origin that match the schema are heard.
 *
 *   const embed = connectEmbed(document.querySelector('iframe')!);
 *   embed.on('step', ({ step, losses }) => …);
 *   await embed.play();
 *   const state = await embed.getState();
 */
import type { AppConfigInput } from '../config/app';
import {
  type CommandType,
  type EmbedState,
  EventDetailSchemas,
  parseEmbedMessage,
  tagged,
} from './protocol';

type EventName = keyof typeof EventDetailSchemas;
type EventDetail<E extends EventName> = ReturnType<(typeof EventDetailSchemas)[E]['parse']>;

export interface EmbedConnection {
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
  /** Opens another document; rejects with the explorer's message naming each bad field. */
  setConfig(document: AppConfigInput): Promise<void>;
  getState(): Promise<EmbedState>;
  on<E extends EventName>(event: E, listener: (detail: EventDetail<E>) => void): () => void;
  /** Resolves once the embed page listens. */
  whenConnected(): Promise<void>;
  /** Stops listening (pending commands reject). */
  destroy(): void;
}

export interface ConnectOptions {
  /** The embed page's origin (default: the iframe's `src`). */
  origin?: string;
  /** Set the iframe's height to the page's content height (default true). */
  autoResize?: boolean;
  /** How long a command waits for its reply (ms, default 60 s). */
  timeoutMs?: number;
}

/** Connects to the explorer in `iframe`. */
export function connectEmbed(
  iframe: HTMLIFrameElement,
  options: ConnectOptions = {},
): EmbedConnection {
  const origin = options.origin ?? new URL(iframe.src, location.href).origin;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Map<EventName, Set<(detail: never) => void>>();
  let nextId = 1;
  let connected!: () => void;
  const connection = new Promise<void>((resolve) => (connected = resolve));

  const onMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    const message = parseEmbedMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'hello':
        connected();
        return;
      case 'resize':
        if (options.autoResize !== false) iframe.style.height = `${Math.ceil(message.height)}px`;
        return;
      case 'reply': {
        connected();
        const request = pending.get(message.id);
        pending.delete(message.id);
        if (!request) return;
        if (message.ok) request.resolve(message.state);
        else request.reject(new Error(message.error ?? 'the explorer refused the command'));
        return;
      }
      case 'event':
        for (const listener of [...(listeners.get(message.event) ?? [])])
          (listener as (detail: unknown) => void)(message.detail);
    }
  };
  window.addEventListener('message', onMessage);

  const post = (body: object) => iframe.contentWindow?.postMessage(tagged(body), origin);
  /** Sends a command once connected; resolves with its reply's state. */
  const send = async (type: CommandType, extra: object = {}): Promise<unknown> => {
    await connection;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`The embedded explorer did not answer '${type}' within ${timeoutMs} ms.`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      post({ type, id, ...extra });
    });
  };
  // Ask whether it listens already (it also says hello when it starts).
  post({ type: 'hello', id: 0 });
  iframe.addEventListener('load', () => post({ type: 'hello', id: 0 }), { once: true });

  return {
    play: async () => void (await send('play')),
    pause: async () => void (await send('pause')),
    step: async () => void (await send('step')),
    reset: async () => void (await send('reset')),
    setConfig: async (document) => void (await send('set-config', { document })),
    getState: async () => (await send('get-state')) as EmbedState,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (detail: never) => void);
      return () => set.delete(listener as (detail: never) => void);
    },
    whenConnected: () => connection,
    destroy() {
      window.removeEventListener('message', onMessage);
      listeners.clear();
      for (const request of pending.values())
        request.reject(new Error('The connection was closed.'));
      pending.clear();
    },
  };
}
