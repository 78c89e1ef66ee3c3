// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isTyping, keyCommand } from './keyboard';

describe('keyCommand', () => {
  it('maps the explorer keys to commands', () => {
    expect(keyCommand({ key: ' ' })).toEqual({ kind: 'toggle-play' });
    expect(keyCommand({ key: 'ArrowRight' })).toEqual({ kind: 'step' });
    expect(keyCommand({ key: 'r' })).toEqual({ kind: 'reset' });
    expect(keyCommand({ key: 'R' })).toEqual({ kind: 'reset' });
    expect(keyCommand({ key: 'f' })).toEqual({ kind: 'fullscreen' });
    expect(keyCommand({ key: 'L' })).toEqual({ kind: 'lecture' });
    expect(keyCommand({ key: '?' })).toEqual({ kind: 'help' });
    expect(keyCommand({ key: 'Escape' })).toEqual({ kind: 'escape' });
    expect(keyCommand({ key: '1' })).toEqual({ kind: 'lesson-step', index: 0 });
    expect(keyCommand({ key: '9' })).toEqual({ kind: 'lesson-step', index: 8 });
  });

  it('leaves other keys and shortcuts with a modifier to the browser', () => {
    expect(keyCommand({ key: '0' })).toBeNull();
    expect(keyCommand({ key: 'x' })).toBeNull();
    expect(keyCommand({ key: 'ArrowLeft' })).toBeNull();
    expect(keyCommand({ key: 'r', ctrlKey: true })).toBeNull();
    expect(keyCommand({ key: 'f', metaKey: true })).toBeNull();
    expect(keyCommand({ key: 'l', altKey: true })).toBeNull();
  });
});

describe('isTyping', () => {
  const element = (tag: string, attributes: Record<string, string> = {}) => {
    const e = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
    return e;
  };

  it('is true in text fields, selects, text areas and editable content', () => {
    expect(isTyping(element('input'))).toBe(true);
    expect(isTyping(element('input', { type: 'text' }))).toBe(true);
    expect(isTyping(element('input', { type: 'number' }))).toBe(true);
    expect(isTyping(element('input', { type: 'search' }))).toBe(true);
    expect(isTyping(element('select'))).toBe(true);
    expect(isTyping(element('textarea'))).toBe(true);
    const editable = element('div', { contenteditable: 'true' });
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    expect(isTyping(editable)).toBe(true);
  });

  it('is false on buttons, sliders, check boxes and the page', () => {
    expect(isTyping(element('button'))).toBe(false);
    expect(isTyping(element('input', { type: 'range' }))).toBe(false);
    expect(isTyping(element('input', { type: 'checkbox' }))).toBe(false);
    expect(isTyping(element('div'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
