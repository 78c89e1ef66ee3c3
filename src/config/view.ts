/**
 * What landscape the user looks at (the view): the document's `view` section (see ./app.ts, its
 * schema and defaults). The worker turns it into the landscape computed for what has been
 * recorded so far (`experiment/view.ts`).
 */
import type { ViewConfig } from './app';

export { DEFAULT_VIEW } from './app';

/** What the user chose to look at (the validated `view` of the document). */
export type ViewSpec = ViewConfig;
