import { memo } from 'react';
import { Hint } from './hint';

/**
 * The 603 rate of calls that cannot show a 603 (dispositions, plain causes): "n/a", as the CLI prints it, never 0 %.
 * Memoized: it never changes, and a brush redraws the tables it sits in. `tabIndex` -1 inside a
 * trunk row, which is itself the tab stop (as its other numbers).
 */
export const NotAvailable603 = memo(function NotAvailable603({ tabIndex = 0 }: { tabIndex?: 0 | -1 }) {
  return (
    <Hint tabIndex={tabIndex} className="text-muted" hint="n/a: these calls cannot show a 603. The file gives dispositions or Q.850 causes, where a 603 looks like BUSY, NO ANSWER or CALL_REJECTED. Log the SIP code to see it.">
      n/a
    </Hint>
  );
});
