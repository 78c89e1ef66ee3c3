/** The default demo: SGD, momentum and Adam from the same start on two spirals (the document's). */
export { DEFAULT_EXPERIMENT as DEFAULT_CONFIG } from '../config/app';
