import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { BreakableName } from './breakable-name';

const markup = (text: string) => renderToStaticMarkup(createElement(BreakableName, { text }));

test('a name may wrap after its separators only: an address and port, a channel, a plain name', () => {
  expect(markup('172.19.45.122:5020')).toBe('172.<wbr/>19.<wbr/>45.<wbr/>122:<wbr/>5020');
  expect(markup('PJSIP/flowroute-0000a1b2')).toBe('PJSIP/<wbr/>flowroute-<wbr/>0000a1b2');
  expect(markup('carrier_east@sbc')).toBe('carrier_<wbr/>east@<wbr/>sbc');
  expect(markup('Bandwidth')).toBe('Bandwidth');
  // Nothing after a trailing separator; the text is escaped as any text (a name comes from the file).
  expect(markup('trunk-')).toBe('trunk-');
  expect(markup('<b>x</b>.y')).toBe('&lt;b&gt;x&lt;/<wbr/>b&gt;.<wbr/>y');
});
