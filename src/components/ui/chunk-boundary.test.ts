import { describe, expect, it } from 'vitest';
import { boundaryMessage } from './chunk-boundary';

describe('boundaryMessage', () => {
  it('a chunk that could not be fetched (the messages of Chromium, Firefox and Safari) asks for a reload', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://localhost:5173/assets/live-dashboard-x.js',
      'error loading dynamically imported module: http://localhost/assets/a.js',
      'Importing a module script failed.',
    ]) {
      expect(boundaryMessage('dashboard', new TypeError(message))).toBe('The dashboard could not be loaded. Reload the page to try again; your files stay on this computer.');
    }
  });

  it('an error while drawing is named as one, its message cut to 200 characters (36 of text + 164 x)', () => {
    const text = boundaryMessage('page', new Error(`Cannot read properties of undefined ${'x'.repeat(500)}`));
    expect(text.startsWith('The page stopped with an error while drawing (Cannot read properties of undefined xx')).toBe(true);
    expect(text).toContain(`${'x'.repeat(164)}). Reload the page to start again`);
    expect(text).not.toContain('x'.repeat(165));
  });
});
