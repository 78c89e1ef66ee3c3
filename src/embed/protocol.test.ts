import { describe, expect, it } from 'vitest';
import {
  CommandMessageSchema,
  COMMAND_TYPES,
  parseAllowedOrigins,
  parseEmbedMessage,
  tagged,
} from './protocol';

const tag = { source: 'loss-landscape-explorer', version: 1 } as const;

const STATE = {
  backend: 'wasm',
  runs: ['SGD', 'Adam'],
  step: 12,
  totalSteps: 100,
  playing: true,
  finished: false,
  divergedAt: [-1, -1],
  losses: [0.5, Number.NaN],
  error: null,
  notice: null,
  landscape: {
    n: 11,
    metric: 'trainLoss',
    axisLabels: ['PC1', 'PC2'],
    directions: 'pca',
    min: 0.1,
    max: 2,
  },
  ready: true,
  document: { experiment: {} },
  messages: { handled: 3, rejected: 1, invalid: 0 },
};

describe('embed protocol: commands', () => {
  it('accepts every command type, with and without an id', () => {
    for (const type of COMMAND_TYPES) {
      const extra = type === 'set-config' ? { document: { view: { n: 21 } } } : {};
      expect(CommandMessageSchema.safeParse({ ...tag, type, ...extra }).success).toBe(true);
      expect(CommandMessageSchema.safeParse({ ...tag, type, id: 7, ...extra }).success).toBe(true);
    }
  });

  it('rejects untagged, other-version, unknown, extra-field and malformed commands', () => {
    const bad: unknown[] = [
      null,
      'play',
      { type: 'play' },
      { ...tag, version: 2, type: 'play' },
      { ...tag, source: 'other', type: 'play' },
      { ...tag, type: 'explode' },
      { ...tag, type: 'play', extra: true },
      { ...tag, type: 'play', id: -1 },
      { ...tag, type: 'play', id: 1.5 },
      { ...tag, type: 'set-config' },
      { ...tag, type: 'set-config', document: [1, 2] },
      { ...tag, type: 'set-config', document: 'not an object' },
    ];
    for (const message of bad) expect(CommandMessageSchema.safeParse(message).success).toBe(false);
  });

  it('tags a message with the source and version', () => {
    expect(tagged({ type: 'play' })).toEqual({ ...tag, type: 'play' });
  });
});

describe('embed protocol: messages from the embed page', () => {
  it('accepts hello, resize, replies (with a state) and events with valid details', () => {
    const good: unknown[] = [
      { ...tag, type: 'hello' },
      { ...tag, type: 'resize', height: 812 },
      { ...tag, type: 'reply', id: 1, ok: true },
      { ...tag, type: 'reply', id: 2, ok: true, state: STATE },
      { ...tag, type: 'reply', id: 3, ok: false, error: 'view.n: must be ≥ 5 (got 3)' },
      { ...tag, type: 'event', event: 'step', detail: { step: 5, losses: [0.3, Infinity] } },
      {
        ...tag,
        type: 'event',
        event: 'ready',
        detail: { backend: null, runs: ['SGD'], totalSteps: 100, firstLandscapeMs: 812.5 },
      },
      { ...tag, type: 'event', event: 'landscape', detail: STATE.landscape },
      { ...tag, type: 'event', event: 'diverged', detail: { run: 1, name: 'SGD', step: 4 } },
      { ...tag, type: 'event', event: 'error', detail: { message: 'Training stopped' } },
    ];
    for (const message of good)
      expect(parseEmbedMessage(message), JSON.stringify(message)).not.toBeNull();
  });

  it('rejects events whose detail does not match the event, and malformed messages', () => {
    const bad: unknown[] = [
      { ...tag, type: 'event', event: 'step', detail: { step: 'five', losses: [] } },
      { ...tag, type: 'event', event: 'diverged', detail: { run: -1, name: 'SGD', step: 4 } },
      { ...tag, type: 'event', event: 'error', detail: {} },
      { ...tag, type: 'event', event: 'explode', detail: {} },
      { ...tag, type: 'resize', height: -1 },
      { ...tag, type: 'reply', ok: true },
      { ...tag, type: 'reply', id: 1, ok: true, state: { ...STATE, messages: undefined } },
      { type: 'hello' },
    ];
    for (const message of bad)
      expect(parseEmbedMessage(message), JSON.stringify(message)).toBeNull();
  });
});

describe('allowed origins', () => {
  const own = 'https://lle.example';

  it('defaults to the own origin', () => {
    expect(parseAllowedOrigins(null, own)).toEqual({ origins: [own], problems: [] });
    expect(parseAllowedOrigins(' ', own)).toEqual({ origins: [own], problems: [] });
  });

  it('reads a comma-separated list and names entries that are not origins', () => {
    const { origins, problems } = parseAllowedOrigins(
      'https://a.example, http://localhost:8080,https://b.example/path,nonsense,https://c.example/',
      own,
    );
    expect(origins).toEqual(['https://a.example', 'http://localhost:8080', 'https://c.example']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"https://b.example/path"');
    expect(problems[1]).toContain('"nonsense"');
    expect(problems[1]).toContain('scheme://host');
  });
});
