/**
 * The `postMessage` protocol between a course page (the parent) and the embed page
 * (`embed.html`, in an `<iframe>`). Every message is an object tagged
 * `{ source: 'loss-landscape-explorer', version: 1 }` and is validated by a schema on arrival;
 * anything else is not acted on.
 *
 * Parent → embed (commands): `hello`, `play`, `pause`, `step`, `reset`, `get-state`, `set-config` (with a
 * `document`), each with an optional numeric `id`; the embed answers each command that has an id
 * with a `reply` carrying the same id (`ok`, and the state for `get-state`, or an `error`).
 *
 * Embed → parent: `hello` (once listening), `event` (`ready`, `step`, `landscape`, `diverged`, `error`, with its detail as in
 * src/widget/events.ts), `resize` (the page's content height in CSS pixels), `reply`.
 */
import { z } from '../config/zod';

export const PROTOCOL_SOURCE = 'loss-landscape-explorer';
export const PROTOCOL_VERSION = 1;

const tag = {
  source: z.literal(PROTOCOL_SOURCE),
  version: z.literal(PROTOCOL_VERSION),
};

/** Any JavaScript number, NaN and ±Infinity included (losses of a diverged run). */
const anyNumber = z.custom<number>((value) => typeof value === 'number', 'must be a number');
const requestId = z.number().int().nonnegative().optional();

export const COMMAND_TYPES = [
  'hello',
  'play',
  'pause',
  'step',
  'reset',
  'get-state',
  'set-config',
] as const;

/** A command from the parent. */
export const CommandMessageSchema = z.discriminatedUnion('type', [
  /** "Are you listening?" (answered with a reply; the embed also says `hello` when it starts). */
  z.strictObject({ ...tag, type: z.literal('hello'), id: requestId }),
  z.strictObject({ ...tag, type: z.literal('play'), id: requestId }),
  z.strictObject({ ...tag, type: z.literal('pause'), id: requestId }),
  z.strictObject({ ...tag, type: z.literal('step'), id: requestId }),
  z.strictObject({ ...tag, type: z.literal('reset'), id: requestId }),
  z.strictObject({ ...tag, type: z.literal('get-state'), id: requestId }),
  z.strictObject({
    ...tag,
    type: z.literal('set-config'),
    id: requestId,
    /** An AppConfig document (validated by the explorer's own schema when applied). */
    document: z.record(z.string(), z.unknown()),
  }),
]);
export type CommandMessage = z.infer<typeof CommandMessageSchema>;
export type CommandType = CommandMessage['type'];

const LandscapeSummarySchema = z.strictObject({
  n: z.number().int().positive(),
  metric: z.string(),
  axisLabels: z.tuple([z.string(), z.string()]),
  directions: z.string().nullable(),
  min: anyNumber,
  max: anyNumber,
});

/** Each event's detail (src/widget/events.ts, `ExplorerEventMap`). */
export const EventDetailSchemas = {
  ready: z.strictObject({
    backend: z.string().nullable(),
    runs: z.array(z.string()),
    totalSteps: z.number().int().nonnegative(),
    firstLandscapeMs: anyNumber,
  }),
  step: z.strictObject({ step: z.number().int().nonnegative(), losses: z.array(anyNumber) }),
  landscape: LandscapeSummarySchema,
  diverged: z.strictObject({
    run: z.number().int().nonnegative(),
    name: z.string(),
    step: z.number().int().nonnegative(),
  }),
  error: z.strictObject({ message: z.string() }),
};

/** The explorer's state in a `get-state` reply, with the embed's message counts. */
export const EmbedStateSchema = z.strictObject({
  backend: z.string().nullable(),
  runs: z.array(z.string()),
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().nonnegative(),
  playing: z.boolean(),
  finished: z.boolean(),
  divergedAt: z.array(z.number().int()),
  losses: z.array(anyNumber),
  error: z.string().nullable(),
  notice: z.string().nullable(),
  landscape: LandscapeSummarySchema.nullable(),
  ready: z.boolean(),
  document: z.record(z.string(), z.unknown()),
  messages: z.strictObject({
    /** Commands acted on. */
    handled: z.number().int().nonnegative(),
    /** Messages from an origin (or a window) not on the allow-list: ignored. */
    rejected: z.number().int().nonnegative(),
    /** Messages from an allowed origin that did not match the schema: not acted on. */
    invalid: z.number().int().nonnegative(),
  }),
});
export type EmbedState = z.infer<typeof EmbedStateSchema>;

/** A message from the embed page. */
export const EmbedMessageSchema = z.discriminatedUnion('type', [
  /** The embed page listens for commands now. */
  z.strictObject({ ...tag, type: z.literal('hello') }),
  z.strictObject({
    ...tag,
    type: z.literal('event'),
    event: z.enum(['ready', 'step', 'landscape', 'diverged', 'error']),
    detail: z.unknown(),
  }),
  z.strictObject({ ...tag, type: z.literal('resize'), height: z.number().nonnegative() }),
  z.strictObject({
    ...tag,
    type: z.literal('reply'),
    id: z.number().int().nonnegative(),
    ok: z.boolean(),
    error: z.string().optional(),
    state: EmbedStateSchema.optional(),
  }),
]);
export type EmbedMessage = z.infer<typeof EmbedMessageSchema>;

/** An event message whose detail also matches its event's schema, or null. */
export function parseEmbedMessage(data: unknown): EmbedMessage | null {
  const message = EmbedMessageSchema.safeParse(data);
  if (!message.success) return null;
  if (message.data.type === 'event') {
    const detail = EventDetailSchemas[message.data.event].safeParse(message.data.detail);
    if (!detail.success) return null;
  }
  return message.data;
}

/** Builds a message with the protocol's tag. */
export function tagged<T extends object>(body: T): T & typeof PROTOCOL_TAG {
  return { ...PROTOCOL_TAG, ...body };
}
const PROTOCOL_TAG = { source: PROTOCOL_SOURCE, version: PROTOCOL_VERSION } as const;

/**
 * The allowed parent origins from the embed page's `origins` parameter (comma-separated
 * origins such as `https://course.example`), or `[ownOrigin]` without one. Entries that are not
 * origins are reported, not used.
 */
export function parseAllowedOrigins(
  text: string | null,
  ownOrigin: string,
): { origins: string[]; problems: string[] } {
  if (text === null || text.trim() === '') return { origins: [ownOrigin], problems: [] };
  const origins: string[] = [];
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    let origin: string | null = null;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = null;
    }
    if (origin && origin !== 'null' && origin === entry.replace(/\/$/, '')) origins.push(origin);
    else
      problems.push(
        `origins: ${JSON.stringify(entry)} is not an origin (scheme://host[:port], e.g. https://course.example)`,
      );
  }
  return { origins, problems };
}
