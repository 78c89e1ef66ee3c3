/**
 * The library build's entry (`vite.lib.config.ts` → `loss-landscape-explorer.js`): one script a
 * course page includes to get `<loss-landscape-explorer>`, `mount()` and the iframe client. Its
 * CSS (every selector scoped to `.lle-explorer`) is the file `loss-landscape-explorer.css` beside
 * the script; it is linked into each shadow root of the element, and into the page's head by
 * `mount()` (the host's own styles are never touched).
 */
import { defineExplorerElement } from './element';
import { mount as mountExplorer, type ExplorerWidget, type MountOptions } from './mount';

export { connectEmbed, type EmbedConnection } from '../embed/client';
export { ELEMENT_NAME } from './element';
export type { ExplorerEventMap, ExplorerEventName, ExplorerState } from './events';
export type { ExplorerWidget, MountOptions } from './mount';
export { WidgetOptionsError } from './options';

/** The style sheet's file name, beside this script (a variable, so the bundler leaves it alone). */
const STYLESHEET_FILE = 'loss-landscape-explorer.css';
const stylesheetUrl = new URL(STYLESHEET_FILE, import.meta.url).href;

function stylesheetLink(): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheetUrl;
  link.dataset.lleStyles = '';
  return link;
}

/** Links the widget's style sheet into the document or shadow root that holds `element` (once). */
function ensureStylesheet(element: Element | DocumentFragment): void {
  const root = element.getRootNode();
  const holder = root instanceof ShadowRoot ? root : document.head;
  if (!holder.querySelector('link[data-lle-styles]')) holder.append(stylesheetLink());
}

/** `mount()` of ./mount.tsx, with the library's style sheet linked where the element lives. */
export function mount(element: Element | DocumentFragment, options?: MountOptions): ExplorerWidget {
  ensureStylesheet(element);
  return mountExplorer(element, options);
}

defineExplorerElement(() => [stylesheetLink()]);
