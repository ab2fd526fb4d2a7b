import { useId, type ReactNode } from 'react';

/**
 * A value with an explanation shown on hover AND on keyboard focus (a title attribute alone is
 * invisible to keyboard users). Used for every KPI: its formula, numerator and denominator.
 * The tip is display:none until shown: a table of hundreds of numbers would otherwise lay out
 * every tip on each render. tabIndex -1 inside a table row that is itself the tab stop (its arrow keys reach the hint).
 */
export function Hint({ children, hint, className = '', tabIndex = 0 }: { children: ReactNode; hint: ReactNode; className?: string; tabIndex?: 0 | -1 }) {
  const id = useId();
  return (
    <span tabIndex={tabIndex} aria-describedby={id} className={`group relative cursor-help outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent ${className}`}>
      {children}
      <span
        id={id}
        role="tooltip"
        className="pointer-events-none absolute right-0 top-full z-30 mt-1 hidden w-max max-w-xs rounded-md border border-line bg-panel px-2 py-1 text-left text-xs font-normal whitespace-normal text-ink shadow-lg group-hover:block group-focus:block"
      >
        {hint}
      </span>
    </span>
  );
}
