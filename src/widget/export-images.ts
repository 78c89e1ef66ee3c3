/**
 * Pictures of the explorer's drawings for slides: the 3-D view rendered once at a higher pixel
 * ratio (PNG), and an SVG chart (the contour map, the loss chart) as a standalone SVG file (its
 * CSS styles written onto its elements) or drawn onto a canvas at a higher scale (PNG). Everything
 * stays in the page (blob: URLs, allowed by the CSP's img-src).
 */
import type { RootState } from '@react-three/fiber';

/** A canvas's content as a PNG; rejects when the browser gives none. */
function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG of the canvas'))),
      'image/png',
    ),
  );
}

/**
 * The 3-D view as a PNG of `scale`× its CSS size: renders the scene once at pixel ratio `scale`,
 * reads the pixels back (before the browser clears the drawing buffer), restores the ratio and
 * asks for a normal frame.
 */
export async function scenePng(state: RootState, scale = 2): Promise<Blob> {
  const { gl, scene, camera, size } = state;
  if (size.width <= 0 || size.height <= 0) throw new Error('the 3-D view is not on screen');
  const before = gl.getPixelRatio();
  const canvas = gl.domElement.ownerDocument.createElement('canvas');
  try {
    gl.setPixelRatio(scale);
    gl.render(scene, camera);
    const ctx = gl.getContext();
    const width = ctx.drawingBufferWidth;
    const height = ctx.drawingBufferHeight;
    const pixels = new Uint8ClampedArray(width * height * 4);
    ctx.readPixels(0, 0, width, height, ctx.RGBA, ctx.UNSIGNED_BYTE, pixels);
    // WebGL's rows run bottom to top; an image's top to bottom.
    const image = new ImageData(width, height);
    const row = width * 4;
    for (let y = 0; y < height; y++) {
      image.data.set(pixels.subarray((height - 1 - y) * row, (height - y) * row), y * row);
    }
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.putImageData(image, 0, 0);
  } finally {
    gl.setPixelRatio(before);
    state.invalidate();
  }
  return canvasPng(canvas);
}

/** Presentation properties copied from the page's CSS onto an exported SVG's elements. */
const SVG_STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** Size of an SVG in CSS pixels: as drawn, or its viewBox where it is not on screen. */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  if (box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const view = svg.viewBox.baseVal;
  return { width: view?.width || 600, height: view?.height || 400 };
}

/**
 * A standalone SVG file of `svg` as drawn: a copy with the computed presentation styles written
 * on every element (the page's CSS does not travel with it), a white background, and its size in
 * CSS pixels. Returns the text and the size.
 */
export function svgFile(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const { width, height } = svgSize(svg);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const view = svg.ownerDocument.defaultView!;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((element, i) => {
    const style = view.getComputedStyle(element);
    const target = copies[i] as SVGElement;
    for (const name of SVG_STYLE_PROPERTIES) {
      const value = style.getPropertyValue(name);
      if (value) target.style.setProperty(name, value);
    }
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.setProperty('background', '#ffffff');
  copy.removeAttribute('class');
  const background = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
  const area: [string, string][] = [
    ['x', '0'],
    ['y', '0'],
    ['width', '100%'],
    ['height', '100%'],
    ['fill', '#ffffff'],
  ];
  for (const [k, v] of area) background.setAttribute(k, v);
  copy.insertBefore(background, copy.firstChild);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** An SVG drawn onto a canvas at `scale`× its CSS size, as a PNG. */
export async function svgPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = svgFile(svg);
  const doc = svg.ownerDocument;
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = doc.createElement('img');
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = doc.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers `blob` as a download named `name` (an anchor in `host`'s document, clicked once). */
export function download(host: HTMLElement, blob: Blob, name: string): void {
  const anchor = host.ownerDocument.createElement('a');
  const url = URL.createObjectURL(blob);
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  host.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file by then; the URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
