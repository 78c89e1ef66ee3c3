/**
 * The CSS-pixel size of an element, kept up to date with a ResizeObserver. Charts lay themselves
 * out in real pixels with it (viewBox = their size on screen), so a 15 px label is 15 px on
 * screen at any size instead of shrinking with the drawing.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface ElementSize {
  width: number;
  height: number;
}

/** Returns a ref for the element and its size (`fallback` until it has been measured). */
export function useElementSize<T extends Element>(
  fallback: ElementSize,
): [RefObject<T | null>, ElementSize] {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const box = element.getBoundingClientRect();
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (width <= 0 || height <= 0) return; // hidden: keep the last size
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

/** Returns a ref for the element and its width (`fallback` until it has been measured). */
export function useElementWidth<T extends Element>(
  fallback: number,
): [RefObject<T | null>, number] {
  const [ref, size] = useElementSize<T>({ width: fallback, height: 1 });
  return [ref, size.width];
}
