/**
 * The embed page (`embed.html`): the explorer alone, no page title or footer, for an `<iframe>`.
 *
 *   embed.html?origins=https://course.example&hide=reset&lesson=…&backend=wasm&autoplay=0#v1.…
 *
 * The hash is the document (a share link's hash, or URI-encoded JSON); `origins` lists the parent
 * origins whose messages are acted on (default: this page's own origin). Anything that cannot be
 * used is named in a notice at the top of the explorer. The page posts its content height to the
 * parent and speaks the protocol of ./protocol.ts; `window.__lleEmbed` shows its message counts.
 */
import { mount, type MountOptions } from '../widget/mount';
import {
  parseAutoplay,
  parseConfigText,
  parseHideList,
  resolveWidgetOptions,
  problemCollector,
} from '../widget/options';
import { serveEmbed, type EmbedHost } from './host';
import { parseAllowedOrigins } from './protocol';

declare global {
  interface Window {
    /** The embed page's message counts and state (for tests and debugging). */
    __lleEmbed?: EmbedHost & { origins: readonly string[] };
  }
}

/** The options of the page's URL; each unusable one is left out and named. */
function readEmbedUrl(location: Location): { options: MountOptions; problems: string[] } {
  const params = new URLSearchParams(location.search);
  const problems: string[] = [];
  const options: MountOptions = {};
  /** Reads one option into `options`; a bad value is reported and left out. */
  const take = problemCollector(problems);
  take(() => {
    let hash = location.hash.replace(/^#/, '');
    if (!hash) return;
    if (hash.startsWith('%7B') || hash.startsWith('{')) hash = decodeURIComponent(hash);
    const { document, lesson, hide } = parseConfigText(hash, 'the link (#…)');
    resolveWidgetOptions({ document }, 'the link (#…): ');
    options.document = document;
    if (lesson) options.lesson = lesson;
    if (hide) options.hide = hide;
  });
  for (const key of ['lesson', 'backend'] as const) {
    const value = params.get(key);
    if (value !== null)
      take(() => (resolveWidgetOptions({ [key]: value }), (options[key] = value)));
  }
  const hideText = params.get('hide');
  if (hideText !== null)
    take(() => {
      const hide = parseHideList(hideText);
      resolveWidgetOptions({ hide });
      options.hide = hide;
    });
  take(() => (options.autoplay = parseAutoplay(params.get('autoplay'))));
  return { options, problems };
}

const root = document.getElementById('root');
if (!root) throw new Error('embed.html has no #root element');
const { origins, problems: originProblems } = parseAllowedOrigins(
  new URLSearchParams(location.search).get('origins'),
  location.origin,
);
const { options, problems } = readEmbedUrl(location);
const notices = [...originProblems, ...problems];
const widget = mount(root, {
  ...options,
  notice: notices.length ? `Not used from this embed's address:\n${notices.join('\n')}` : null,
});
const host = serveEmbed(widget, origins, window.parent, window);
window.__lleEmbed = Object.assign(host, { origins });
