/**
 * The URL-hash codec: every field of the field table round-trips through a link (property-based
 * over random valid states built from the table's ranges and choices, with a lesson and a hide
 * list), and every kind of bad link opens the nearest valid state with a message naming what was
 * not used.
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_CONFIG, type AppConfig } from './app';
import { HIDE_TARGETS } from './controls';
import { FIELDS, fieldApplies, type FieldInfo, type FieldPath } from './fields';
import { LINK_VERSION, decodeLink, encodeLink } from './link';
import {
  encodeShareState,
  openShareState,
  parseShareState,
  ShareStateSchema,
  type ShareState,
} from './share';

const RUNS = { numRuns: 250, seed: 20_261_130 } as const;

/** Fields other fields depend on (`when`): written whenever they apply, so their dependents show. */
const DEPENDED_ON = new Set(
  Object.values(FIELDS as Record<string, FieldInfo>).flatMap((f) => Object.keys(f.when ?? {})),
);

type Json = Record<string, unknown>;
type Gen = fc.GeneratorValue;

/** A number in a field's range (never −0: JSON cannot carry it). */
function numberIn(g: Gen, info: FieldInfo): number {
  const r = info.range!;
  if (info.input === 'integer' || info.input === 'widths' || info.input === 'batch')
    return g(fc.integer, { min: r.min, max: r.max });
  // Bounds themselves and a few round numbers, besides arbitrary doubles.
  const x = g(() =>
    fc.oneof(
      fc.double({
        min: r.min,
        max: r.max,
        noNaN: true,
        minExcluded: r.minExclusive,
        maxExcluded: r.maxExclusive,
      }),
      fc.constantFrom(
        ...[r.min, r.max, (r.min + r.max) / 2].filter(
          (v) => !(v === r.min && r.minExclusive) && !(v === r.max && r.maxExclusive),
        ),
      ),
    ),
  );
  return x === 0 ? 0 : x;
}

function choiceIn(g: Gen, info: FieldInfo, doc: Json): string {
  const kind = ((doc.experiment as Json).problem as Json).kind as FieldInfo['problems'][number];
  const values = info
    .choices!.filter((c) => !c.problems || c.problems.includes(kind))
    .map((c) => c.value);
  return g(fc.constantFrom, ...values);
}

/** A value of the field at `path` (general), valid on its own. */
function valueOf(g: Gen, path: FieldPath, doc: Json): unknown {
  const info: FieldInfo = FIELDS[path];
  switch (info.input) {
    case 'number':
    case 'integer':
      return numberIn(g, info);
    case 'choice':
      return choiceIn(g, info, doc);
    case 'boolean':
      return g(fc.boolean);
    case 'text':
      return g(() =>
        fc
          .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: info.size!.max })
          .filter((s) => /^[ -~]+$/.test(s)),
      );
    case 'color':
      return g(fc.constantFrom, '#1f77b4', 'rgb(10, 20, 30)', 'teal', 'hsl(120, 50%, 40%)');
    case 'widths':
      return Array.from({ length: g(fc.integer, info.size!) }, () => numberIn(g, info));
    case 'pair':
      return [numberIn(g, info), numberIn(g, info)];
    case 'batch':
      return g(fc.boolean) ? 'full' : numberIn(g, info);
    case 'range': {
      if (g(fc.boolean)) return 'fit';
      const a = numberIn(g, info);
      const b = numberIn(g, info);
      return a === b ? 'fit' : [Math.min(a, b), Math.max(a, b)];
    }
    case 'through': {
      const runs = ((doc.experiment as Json).runs as unknown[]).length;
      const point = () => ({
        run: g(fc.integer, { min: 0, max: runs - 1 }),
        at: g(fc.constantFrom, 'initial', 'final'),
      });
      return [point(), point(), point()];
    }
  }
}

/** Sets `value` at a dotted path, creating objects on the way. */
function setAt(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (const key of keys.slice(0, -1)) o = (o[key] ??= {}) as Json;
  o[keys[keys.length - 1]!] = value;
}

/**
 * A random document built field by field in the table's order (a field's conditions come before
 * it): each field that applies is written or left out (its default applies).
 */
function randomDocument(g: Gen): Json {
  const doc: Json = {};
  const useDemo = g(fc.boolean) && g(fc.boolean);
  const kind = g(
    fc.constantFrom,
    ...FIELDS['experiment.problem.kind'].choices!.map((c) => c.value),
  );
  const experiment: Json = { problem: { kind } };
  doc.experiment = experiment;
  const runCount = g(fc.integer, { min: 1, max: 4 });
  experiment.runs = Array.from({ length: runCount }, () => ({}));
  const applies = (path: string, run?: number) =>
    fieldApplies(path, doc as unknown as AppConfig, run);
  for (const path of Object.keys(FIELDS) as FieldPath[]) {
    if (path === 'experiment.problem.kind') continue;
    if (useDemo && path.startsWith('experiment.')) continue;
    if (path === 'experiment.data.kind' && kind !== 'surface') {
      // Custom points need a data table; the generated sets cover every other field.
      const info = FIELDS[path];
      const values = info
        .choices!.filter((c) => c.value !== 'custom' && c.problems!.includes(kind as never))
        .map((c) => c.value);
      setAt(doc, path, g(fc.constantFrom, ...values));
      continue;
    }
    if (path.startsWith('experiment.runs[].')) {
      const field = path.slice('experiment.runs[].'.length);
      (experiment.runs as Json[]).forEach((run, k) => {
        if (applies(path, k) && (DEPENDED_ON.has(path) || g(fc.boolean)))
          setAt(run, field, valueOf(g, path, doc));
      });
      continue;
    }
    if (applies(path) && (DEPENDED_ON.has(path) || g(fc.boolean)))
      setAt(doc, path, valueOf(g, path, doc));
  }
  if (useDemo) delete doc.experiment;
  return doc;
}

/**
 * A random valid shareable state (parsed: every default filled in). The few inputs that break a
 * rule between fields (a test-set metric with no test points) open as their nearest valid state.
 */
const validState: fc.Arbitrary<ShareState> = fc.gen().map((g) => {
  const input = randomDocument(g);
  if (g(fc.boolean))
    input.lesson = {
      id: g(() => fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,3}$/)),
      step: g(fc.integer, { min: 0, max: 999 }),
    };
  if (g(fc.boolean)) input.hide = g(fc.subarray, [...HIDE_TARGETS]);
  const parsed = ShareStateSchema.safeParse(input);
  return parsed.success ? parsed.data : openShareState(input).state;
});

describe('links round-trip', () => {
  it('every field, the lesson and the hide list: decode(encode(x)) equals x', () => {
    let fieldsSeen = new Set<string>();
    fc.assert(
      fc.property(validState, (state) => {
        const hash = encodeLink(state);
        const opened = decodeLink(`#${hash}`);
        expect(opened.problems).toEqual([]);
        expect(opened.state).toEqual(state);
        // The strict parser reads the minimal encoding to the same state.
        expect(parseShareState(JSON.parse(JSON.stringify(encodeShareState(state))))).toEqual(state);
        fieldsSeen = new Set([...fieldsSeen, ...Object.keys(flatten(encodeShareState(state)))]);
      }),
      RUNS,
    );
    // The generator reached the fields of every section, the lesson and the hide list.
    for (const field of [
      'experiment.runs[].lr',
      'experiment.problem.kappa',
      'experiment.data.noise',
      'view.range',
      'view.through',
      'display.lecture',
      'display.colormap',
      'lesson.id',
      'lesson.step',
      'hide',
    ])
      expect(fieldsSeen, field).toContain(field);
  }, 180_000);

  it('the defaults are the empty hash, and a small change makes a short link', () => {
    const defaults = parseShareState({});
    expect(encodeLink(defaults)).toBe('');
    expect(decodeLink('').state).toEqual(defaults);
    expect(decodeLink('#').problems).toEqual([]);
    const state = parseShareState({
      view: { n: 61 },
      display: { lecture: true },
      hide: ['experiment', 'runs', 'step', 'reset', 'timeline'],
      lesson: { id: 'ravine', step: 2 },
    });
    const hash = encodeLink(state);
    expect(hash).toMatch(new RegExp(`^v${LINK_VERSION}\\.[A-Za-z0-9+\\-$]+$`));
    const plain = encodeURIComponent(JSON.stringify(encodeShareState(state)));
    expect(hash.length).toBeLessThan(200);
    expect(hash.length).toBeLessThan(plain.length * 0.75);
    expect(decodeLink(hash).state).toEqual(state);
    expect(decodeLink(hash).state.display.lecture).toBe(true);
    expect(decodeLink(hash).state.lesson).toEqual({ id: 'ravine', step: 2 });
  });
});

/** A link's hash for any JSON payload, as this version writes it. */
const linkOf = (json: unknown, version = LINK_VERSION) =>
  `#v${version}.${LZString.compressToEncodedURIComponent(JSON.stringify(json))}`;

describe('bad links open the nearest valid state and say why', () => {
  it('a link from a newer version opens the defaults and says so', () => {
    const opened = decodeLink(linkOf({ view: { n: 61 } }, LINK_VERSION + 1));
    expect(opened.state).toEqual(parseShareState({}));
    expect(opened.problems).toEqual([
      `(link): made by a newer version of the explorer (link version ${LINK_VERSION + 1}; this one reads versions 1 to ${LINK_VERSION}); the defaults open instead`,
    ]);
  });

  it('a version no longer read (v0) and a hash that is no link say why', () => {
    expect(decodeLink(linkOf({}, 0)).problems).toEqual([
      `(link): link version 0 is no longer read (this explorer reads versions 1 to ${LINK_VERSION}); the defaults open instead`,
    ]);
    expect(decodeLink('#section-2').problems).toEqual([
      `(link): not a link of this explorer (it must look like #v${LINK_VERSION}.… , got "#section-2"); the defaults open instead`,
    ]);
  });

  it('a corrupt payload (cut short, not JSON) opens the defaults and says so', () => {
    const good = linkOf({ view: { n: 61 }, experiment: { steps: 200 } });
    const message =
      '(link): the link is damaged: its data does not decompress to settings (was it cut short when copied?); the defaults open instead';
    for (const bad of [
      good.slice(0, good.length - 6),
      `#v${LINK_VERSION}.`,
      `#v${LINK_VERSION}.$$$$`,
      `#v${LINK_VERSION}.${LZString.compressToEncodedURIComponent('{"view": ')}`,
    ]) {
      const opened = decodeLink(bad);
      expect(opened.state).toEqual(parseShareState({}));
      expect(opened.problems, bad).toEqual([message]);
    }
  });

  it('a bad field value is named with its value and what is allowed; the other fields survive', () => {
    const opened = decodeLink(
      linkOf({
        experiment: { steps: 200, runs: [{ optimizer: 'adam', lr: -1 }, { lr: 0.3 }] },
        view: { n: 3, normalization: 'layer' },
        display: { lecture: 'yes', viewMode: 'contour' },
      }),
    );
    expect(opened.problems).toEqual([
      'experiment.runs[0].lr: must be > 0 and ≤ 1000000 (got -1); the default is used instead',
      'view.n: must be a whole number from 5 to 201 (got 3); the default is used instead',
      'display.lecture: must be true or false (got "yes"); the default is used instead',
    ]);
    const { state } = opened;
    expect(state.experiment.steps).toBe(200);
    expect(state.experiment.runs.map((r) => [r.optimizer, r.lr])).toEqual([
      ['adam', undefined],
      ['sgd', 0.3],
    ]);
    expect(state.view.n).toBe(DEFAULT_APP_CONFIG.view.n);
    expect(state.view.normalization).toBe('layer');
    expect(state.display.lecture).toBe(false);
    expect(state.display.viewMode).toBe('contour');
    // The experiment as written keeps its fields but the bad one.
    expect(opened.input.experiment).toEqual({
      steps: 200,
      runs: [{ optimizer: 'adam' }, { lr: 0.3 }],
    });
  });

  it('an unknown field is named and ignored; the rest opens', () => {
    const opened = decodeLink(
      linkOf({ view: { n: 61, zoom: 2 }, colour: 'red', display: { speed: 20 } }),
    );
    expect(opened.problems).toEqual([
      "view: unknown field 'zoom'; ignored",
      "unknown field 'colour'; ignored",
    ]);
    expect(opened.state.view.n).toBe(61);
    expect(opened.state.display.speed).toBe(20);
  });

  it('a bad hide entry is named and left out; the other entries stay', () => {
    const opened = decodeLink(
      linkOf({ hide: ['play', 'experiment.runs[0].lr', 'sidebar', 7, 'view.n'] }),
    );
    expect(opened.state.hide).toEqual(['play', 'view.n']);
    expect(opened.problems).toHaveLength(3);
    expect(opened.problems[0]).toMatch(
      /^hide\[1\]: must be a field path with \[\] for any run \(experiment\.runs\[\]\.lr, view\.n\), a panel \(experiment, runs, .*\) or a control \(play, step, .*\) \(got "experiment\.runs\[0\]\.lr"\); this entry is left out$/,
    );
    expect(opened.problems[1]).toMatch(
      /^hide\[2\]: must be .* \(got "sidebar"\); this entry is left out$/,
    );
    expect(opened.problems[2]).toMatch(/^hide\[3\]: must be .* \(got 7\); this entry is left out$/);
    expect(decodeLink(linkOf({ hide: 'play', view: { n: 61 } })).problems).toEqual([
      'hide: must be a list of controls to hide, like ["experiment", "view.n", "reset"] (got "play"); the default is used instead',
    ]);
  });

  it('a lesson step that is not a whole number is named; the lesson opens at step 0', () => {
    const opened = decodeLink(linkOf({ lesson: { id: 'ravine', step: 1.5 }, view: { n: 61 } }));
    expect(opened.problems).toEqual([
      'lesson.step: must be a whole number from 0 to 999 (got 1.5); the default is used instead',
    ]);
    expect(opened.state.lesson).toEqual({ id: 'ravine', step: 0 });
    expect(opened.state.view.n).toBe(61);
    const badId = decodeLink(linkOf({ lesson: { id: 'Ravine!' }, hide: ['play'] }));
    expect(badId.problems).toEqual([
      'lesson.id: must be a lesson id: lower-case letters, digits and single hyphens, 1 to 64 characters (got "Ravine!"); no lesson is opened',
    ]);
    expect(badId.state.lesson).toBeUndefined();
    expect(badId.state.hide).toEqual(['play']);
  });

  it('a bad list entry goes, a bad field that others need takes its default, a broken rule between fields is named', () => {
    const opened = decodeLink(
      linkOf({
        experiment: {
          problem: { kind: 'no-such-model' },
          runs: ['adam', { optimizer: 'adam', betas: [0.9, 2] }, { optimizer: 'momentum' }],
        },
        view: { directions: 'points', through: [{ run: 0 }, { run: 1 }, { run: 9 }] },
      }),
    );
    expect(opened.problems).toEqual([
      'experiment.problem.kind: must be one of mlp, logistic, linear-regression, tanh-regression, surface, cnn (got "no-such-model"); experiment.problem takes its default instead',
      'experiment.runs[0]: must be an object like {"optimizer": "adam", "lr": 0.01} (got "adam"); this entry is left out',
      'experiment.runs[1].betas[1]: must be ≥ 0 and < 1 (got 2); experiment.runs[1].betas takes its default instead',
      'view.through[2].run: refers to run 9, but there are 2 runs (0 … 1) (got 9); view.through takes its default instead',
    ]);
    expect(opened.state.experiment.runs.map((r) => r.optimizer)).toEqual(['adam', 'momentum']);
    expect(opened.state.view.directions).toBe('points');
    expect(opened.state.view.through).toBeUndefined();
  });

  it('a link that is not an object, or nested too deep, opens the defaults and says why', () => {
    expect(decodeLink(linkOf([1, 2])).problems).toEqual([
      '(config): must be a JSON object like {"experiment": {…}, "view": {…}, "hide": […]} (got a list); the defaults open instead',
    ]);
    // JSON nested deeper than the stack: read by JSON.parse, too deep to check.
    const n = 20_000;
    const deep = `{"view":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`;
    const opened = decodeLink(`#v1.${LZString.compressToEncodedURIComponent(deep)}`);
    expect(opened.state).toEqual(parseShareState({}));
    expect(opened.problems).toEqual([
      '(config): could not be read (Maximum call stack size exceeded); the defaults open instead',
    ]);
  });
});

/** The general field paths of a JSON document (`experiment.runs[].lr`, `hide`). */
function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (prefix.endsWith('runs') && Array.isArray(value)) {
      for (const run of value) Object.assign(out, flatten(run, `${prefix}[]`));
    } else out[prefix] = value;
    return out;
  }
  for (const [key, v] of Object.entries(value))
    Object.assign(out, flatten(v, prefix ? `${prefix}.${key}` : key));
  return out;
}
