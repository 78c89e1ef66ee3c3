/**
 * Debian's Chromium for the browser tests, through playwright-core (no browser download): headless,
 * with WebGL on SwiftShader and WebGPU on its fallback adapter (ENVIRONMENT.md).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Where the tests keep their screenshots (a CI artifact). */
export const SCREENSHOTS = 'test-results/screenshots';

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
