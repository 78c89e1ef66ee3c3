/**
 * How the browser tests and the endurance script launch Debian's Chromium: headless, with WebGL on
 * SwiftShader and WebGPU on its fallback adapter (ENVIRONMENT.md), no browser download.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
];
