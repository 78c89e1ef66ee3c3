/**
 * The URL-hash codec of the shareable state (`config/share.ts`): `#v1.<payload>`, where the
 * payload is the state's minimal JSON (defaults left out) compressed with lz-string's
 * `compressToEncodedURIComponent` (URL-safe, no escaping needed). The defaults are the empty hash.
 *
 * Versioned: `LINK_VERSION` is what this explorer writes; a link of an older version is brought
 * up to date by the chain of `MIGRATIONS` (one function per old version, each to the next) before
 * it is validated. A link from a newer explorer, of a version no longer read, with a damaged
 * payload, or with bad fields never dead-ends the page: the nearest valid state opens and every
 * field, entry or whole link that was not used is named (`OpenedLink.problems`).
 */
// lz-string is CommonJS: its functions are properties of the default export under Node.
import LZString from 'lz-string';
import { shortText } from './text';
import { encodeShareState, openShareState, type OpenedShareState, type ShareState } from './share';

/** The version this explorer writes. */
export const LINK_VERSION = 1;

/**
 * How a link of version v (the key) becomes one of version v + 1: its JSON in, the next version's
 * JSON out. Version 1 is the first, so the table is empty; when the format changes, bump
 * `LINK_VERSION` and add the old version's function here (and a test with an old link).
 */
export const MIGRATIONS: Readonly<Record<number, (json: unknown) => unknown>> = {};

/** The oldest version read (the first with an unbroken chain of migrations to the current one). */
export function oldestReadableVersion(): number {
  let v = LINK_VERSION;
  while (MIGRATIONS[v - 1]) v--;
  return v;
}

/** `#v1.…`: the version and the payload. */
const LINK_PATTERN = /^v(\d{1,6})\.([A-Za-z0-9+\-$]*)$/;

/** The hash of a state (without the `#`): `v1.<payload>`, or '' for the defaults. */
export function encodeLink(state: ShareState): string {
  const json = encodeShareState(state);
  if (Object.keys(json).length === 0) return '';
  return `v${LINK_VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify(json))}`;
}

/** A link's state: the nearest valid one, and one line per thing of the link that was not used. */
export type OpenedLink = OpenedShareState;

/**
 * The state of a URL hash (with or without its `#`). An empty hash is the defaults; anything else
 * that is not a readable link opens the defaults with the reason; a link with bad fields opens
 * the nearest valid state (see `openShareState`). Never throws.
 */
export function decodeLink(hash: string): OpenedLink {
  const text = hash.replace(/^#/, '');
  if (text === '') return openShareState({});
  const match = LINK_PATTERN.exec(text);
  if (!match) {
    return defaultsBecause(
      `not a link of this explorer (it must look like #v${LINK_VERSION}.… , got "#${shortText(text, 40)}")`,
    );
  }
  const version = Number(match[1]);
  if (version > LINK_VERSION) {
    return defaultsBecause(
      `made by a newer version of the explorer (link version ${version}; this one reads versions ${oldestReadableVersion()} to ${LINK_VERSION})`,
    );
  }
  if (version < oldestReadableVersion()) {
    return defaultsBecause(
      `link version ${version} is no longer read (this explorer reads versions ${oldestReadableVersion()} to ${LINK_VERSION})`,
    );
  }
  let json: unknown;
  try {
    const raw = LZString.decompressFromEncodedURIComponent(match[2]!);
    if (!raw) throw new Error('it does not decompress');
    json = JSON.parse(raw);
  } catch {
    return defaultsBecause(
      'the link is damaged: its data does not decompress to settings (was it cut short when copied?)',
    );
  }
  for (let v = version; v < LINK_VERSION; v++) json = MIGRATIONS[v]!(json);
  const opened = openShareState(json);
  return opened;
}

function defaultsBecause(reason: string): OpenedLink {
  const opened = openShareState({});
  return { ...opened, problems: [`(link): ${reason}; the defaults open instead`] };
}
