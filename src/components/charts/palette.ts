/**
 * One meaning, one colour, everywhere (table, charts, legend): the CSS variables of index.css, so
 * both themes keep contrast. Colour is never alone: every series also has a label and a pattern.
 */
export const COLOR = {
  answered: 'var(--color-answered)',
  capacity: 'var(--color-capacity)',
  policy: 'var(--color-policy)',
  other: 'var(--color-neutral)',
  accent: 'var(--color-accent)',
  grid: 'var(--color-line)',
  muted: 'var(--color-muted)',
} as const;
