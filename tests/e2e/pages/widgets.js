// Loads the widget library (one script) and hands it to the test: window.__lib.
import * as lib from '/lib/loss-landscape-explorer.js';

window.__lib = lib;
document.body.dataset.libLoaded = 'true';
