/**
 * `<loss-landscape-explorer>`: the explorer as a custom element, its styles isolated in a shadow
 * root. Attributes (each validated; a bad one is named in a message inside the element and left
 * out, the rest still apply):
 *
 * - `config`: the document as JSON (`{"experiment": …, "view": …, "display": …}`);
 * - `lesson`: a lesson id of the registry; `hide`: controls/panels to hide (commas or spaces);
 * - `backend`: `webgpu`, `webgl`, `wasm` or `cpu`; `autoplay`: `true`/`false` (default true).
 *
 * A change of `config` opens the new document in the running explorer; a change of any other
 * attribute mounts a new explorer. Events are dispatched on the element as `lle:ready`,
 * `lle:step`, `lle:landscape`, `lle:diverged`, `lle:error` (CustomEvents, `detail` as in
 * ./events.ts); the commands are methods (`play()`, `pause()`, `step()`, `reset()`,
 * `setConfig(doc)`, `getState()`).
 */
import { EXPLORER_EVENT_NAMES, type ExplorerCommands, type ExplorerState } from './events';
import { mount, type ExplorerWidget } from './mount';
import {
  parseAutoplay,
  parseConfigText,
  parseHideList,
  resolveWidgetOptions,
  problemCollector,
  type ResolvedWidgetOptions,
  type WidgetOptions,
} from './options';

export const ELEMENT_NAME = 'loss-landscape-explorer';
export const ELEMENT_ATTRIBUTES = ['config', 'lesson', 'hide', 'backend', 'autoplay'] as const;

/** Makes the nodes that style one shadow root (e.g. a `<link rel="stylesheet">` to the widget's CSS). */
export type StyleProvider = () => Node[];

/** The options from the attributes, and one line per attribute that was not used. */
export function readAttributes(element: Element): {
  options: ResolvedWidgetOptions;
  problems: string[];
} {
  const problems: string[] = [];
  const options: WidgetOptions = {};
  /** Reads one option into `options`; a bad value is reported and left out. */
  const take = problemCollector(problems);
  const attribute = (name: string) => element.getAttribute(name);
  take(() => {
    const text = attribute('config');
    if (text === null) return;
    const { document, lesson, hide } = parseConfigText(text);
    resolveWidgetOptions({ document });
    options.document = document;
    // A link's lesson and hide list apply unless the attributes say otherwise.
    if (lesson) options.lesson = lesson;
    if (hide) options.hide = hide;
  });
  take(() => {
    const lesson = attribute('lesson');
    if (lesson === null) return;
    resolveWidgetOptions({ lesson });
    options.lesson = lesson;
  });
  take(() => {
    const text = attribute('hide');
    if (text === null) return;
    const hide = parseHideList(text);
    resolveWidgetOptions({ hide });
    options.hide = hide;
  });
  take(() => {
    const backend = attribute('backend');
    if (backend === null) return;
    resolveWidgetOptions({ backend });
    options.backend = backend;
  });
  take(() => (options.autoplay = parseAutoplay(attribute('autoplay'))));
  return { options: resolveWidgetOptions(options), problems };
}

const MESSAGE_STYLE =
  'margin:0 0 8px;padding:8px 12px;border:1px solid #c0392b;border-radius:6px;background:#fdecea;color:#7b1f16;font:14px/1.4 system-ui,sans-serif;white-space:pre-wrap';

/** Defines the element class with `styles` put into each shadow root. */
export function createExplorerElementClass(styles: StyleProvider = () => []) {
  return class LossLandscapeExplorerElement extends HTMLElement implements ExplorerCommands {
    static readonly observedAttributes = ELEMENT_ATTRIBUTES;
    private widget: ExplorerWidget | null = null;
    /** The attributes (other than `config`) the running explorer was mounted with. */
    private mountedWith = '';
    private readonly message: HTMLDivElement;
    /** The running explorer's own element (a new one per mount). */
    private container: HTMLDivElement | null = null;
    private scheduled = false;
    private readonly stops: (() => void)[] = [];

    constructor() {
      super();
      const shadow = this.attachShadow({ mode: 'open' });
      shadow.append(...styles());
      this.message = document.createElement('div');
      this.message.setAttribute('role', 'alert');
      this.message.setAttribute('part', 'message');
      this.message.dataset.testid = 'attribute-problems';
      this.message.style.cssText = MESSAGE_STYLE;
      this.message.hidden = true;
      shadow.append(this.message);
    }

    connectedCallback(): void {
      this.schedule();
    }

    disconnectedCallback(): void {
      // Moved within the page: connected again before the microtask runs, nothing to do.
      queueMicrotask(() => {
        if (!this.isConnected) this.unmount();
      });
    }

    attributeChangedCallback(): void {
      if (this.isConnected) this.schedule();
    }

    /** Applies the attributes once per task (several changes in a row make one update). */
    private schedule(): void {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        if (this.isConnected) this.update();
      });
    }

    private update(): void {
      const { options, problems } = readAttributes(this);
      this.message.hidden = problems.length === 0;
      this.message.textContent = problems.length
        ? `<${ELEMENT_NAME}>: ${problems.length === 1 ? 'this attribute was' : 'these attributes were'} not used:\n${problems.join('\n')}`
        : '';
      const { document: doc, ...rest } = options;
      const key = JSON.stringify(rest);
      if (this.widget && key === this.mountedWith) {
        void this.widget.setConfig(doc).catch((error: Error) => {
          this.message.hidden = false;
          this.message.textContent = `<${ELEMENT_NAME}>: config: ${error.message}`;
        });
        return;
      }
      // The new explorer starts before the old one ends, so the page's worker (and its backend)
      // stays up in between.
      const previous = this.detach();
      this.mountedWith = key;
      const container = document.createElement('div');
      this.container = container;
      this.shadowRoot!.append(container);
      this.widget = mount(container, options);
      previous();
      for (const name of EXPLORER_EVENT_NAMES) {
        this.stops.push(
          this.widget.on(name, (detail) =>
            this.dispatchEvent(
              new CustomEvent(`lle:${name}`, { detail, bubbles: true, composed: true }),
            ),
          ),
        );
      }
    }

    private unmount(): void {
      this.detach()();
    }

    /** Stops hearing the running explorer; returns the function that destroys it. */
    private detach(): () => void {
      this.stops.splice(0).forEach((stop) => stop());
      const widget = this.widget;
      const container = this.container;
      this.widget = null;
      this.container = null;
      this.mountedWith = '';
      return () => {
        widget?.destroy();
        container?.remove();
      };
    }

    /** The running explorer; throws where there is none (not connected). */
    get explorer(): ExplorerWidget {
      if (!this.widget) throw new Error(`<${ELEMENT_NAME}> is not connected to a page.`);
      return this.widget;
    }

    play = () => this.explorer.play();
    pause = () => this.explorer.pause();
    step = () => this.explorer.step();
    reset = () => this.explorer.reset();
    setConfig: ExplorerCommands['setConfig'] = (doc) => this.explorer.setConfig(doc);
    getState = (): ExplorerState => this.explorer.getState();
  };
}

/** Registers `<loss-landscape-explorer>` (once per page; a second call does nothing). */
export function defineExplorerElement(styles?: StyleProvider, name = ELEMENT_NAME): void {
  if (customElements.get(name)) return;
  customElements.define(name, createExplorerElementClass(styles));
}
