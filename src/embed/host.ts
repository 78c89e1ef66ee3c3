/**
 * The embed page's side of the protocol (./protocol.ts): commands from the parent window are
 * acted on only when they come from an allowed origin and match the schema; the others are
 * ignored and counted. Events and the page's height go to the parent (to each allowed origin:
 * the browser delivers only to the one that matches). A `hello` from a parent that connects late
 * is answered with the current height, and with `ready` again if the explorer is ready.
 */
import type { ExplorerWidget } from '../widget/mount';
import { CommandMessageSchema, tagged, type CommandMessage, type EmbedState } from './protocol';
import { EXPLORER_EVENT_NAMES } from '../widget/events';

/** How many messages were acted on, ignored (origin/window) and invalid. */
export interface MessageCounts {
  handled: number;
  rejected: number;
  invalid: number;
}

export interface EmbedHost {
  counts: MessageCounts;
  /** The explorer's state with the counts (what `get-state` answers). */
  state(): EmbedState;
  stop(): void;
}

/**
 * Serves `widget` to `parent` (the window that embeds this page) for `allowedOrigins`.
 * `self` is this page's window (its `message` events).
 */
export function serveEmbed(
  widget: ExplorerWidget,
  allowedOrigins: readonly string[],
  parent: Window,
  self: Window,
): EmbedHost {
  const counts: MessageCounts = { handled: 0, rejected: 0, invalid: 0 };
  const post = (body: object) => {
    for (const origin of allowedOrigins) parent.postMessage(tagged(body), origin);
  };
  const state = (): EmbedState => {
    const now = widget.getState();
    return { ...now, document: now.document as Record<string, unknown>, messages: { ...counts } };
  };

  const run = async (command: CommandMessage): Promise<EmbedState | undefined> => {
    switch (command.type) {
      case 'hello':
        // A parent that connects late missed the first height (and perhaps `ready`): resend them.
        lastHeight = -1;
        postHeight();
        if (readyDetail) post({ type: 'event', event: 'ready', detail: readyDetail });
        return undefined;
      case 'play':
        return void (await widget.play());
      case 'pause':
        return void (await widget.pause());
      case 'step':
        return void (await widget.step());
      case 'reset':
        return void (await widget.reset());
      case 'set-config':
        return void (await widget.setConfig(command.document));
      case 'get-state':
        return state();
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== parent || !allowedOrigins.includes(event.origin)) {
      counts.rejected++;
      return;
    }
    const parsed = CommandMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      counts.invalid++;
      return;
    }
    counts.handled++;
    const command = parsed.data;
    const reply = (body: object) => {
      if (command.id !== undefined)
        parent.postMessage(tagged({ type: 'reply', id: command.id, ...body }), event.origin);
    };
    run(command).then(
      (result) => reply(result ? { ok: true, state: result } : { ok: true }),
      (error: unknown) =>
        reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  self.addEventListener('message', onMessage);

  let readyDetail: unknown = null;
  const stops = EXPLORER_EVENT_NAMES.map((name) =>
    widget.on(name, (detail) => post({ type: 'event', event: name, detail })),
  );
  stops.push(widget.on('ready', (detail) => (readyDetail = detail)));

  // The content's height, whenever it changes.
  let lastHeight = -1;
  const body = self.document.body;
  function postHeight(): void {
    const height = Math.ceil(body.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: 'resize', height });
  }
  const resize = new ResizeObserver(postHeight);
  resize.observe(body);
  post({ type: 'hello' });

  return {
    counts,
    state,
    stop() {
      self.removeEventListener('message', onMessage);
      stops.forEach((stop) => stop());
      resize.disconnect();
    },
  };
}
