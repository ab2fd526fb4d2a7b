import { Fragment, type ReactNode } from 'react';

/** After each of these a name may wrap: an address's dots and port colon, a channel's slash and dashes. */
const AFTER_SEPARATOR = /(?<=[.:/@_-])/;

/**
 * A name that, where it has to wrap (a trunk's name in two lines on a phone), wraps after one of
 * its separators: at 390 px "172.19.45." then "122:5020" and "localhost:" then "5020", where a
 * break at any character made "172.19.45.1" then "22:5020" and "localhost:50" then "20" (a name
 * with no separator still breaks anywhere). A <wbr> after each separator; the text is the name
 * itself (a <wbr> adds no character), so copying it, finding it in the page and a screen reader get
 * the name unchanged.
 */
export function BreakableName({ text }: { text: string }): ReactNode {
  const parts = text.split(AFTER_SEPARATOR);
  if (parts.length === 1) return text;
  return parts.map((part, i) =>
    i === 0 ? (
      part
    ) : (
      <Fragment key={i}>
        <wbr />
        {part}
      </Fragment>
    ),
  );
}
