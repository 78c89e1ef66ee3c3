/**
 * zod, configured once for every config module: import `z` from here, never from 'zod' directly.
 * Zod decides when an object schema is BUILT whether to compile its parser with `new Function`;
 * the app's Content Security Policy forbids eval (even zod's feature probe is reported as a
 * violation), so the config must be set before any schema module's body runs. ES modules evaluate
 * their imports first, so importing `z` from this module guarantees that order.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
