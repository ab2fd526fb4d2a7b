import { useId, type ReactNode } from 'react';

/**
 * A value with an explanation shown on hover AND on keyboard focus (a title attribute alone is
 * invisible to keyboard users). Used for every KPI: its formula, numerator and denominator.
 */
export function Hint({ children, hint, className = '' }: { children: ReactNode; hint: ReactNode; className?: string }) {
  const id = useId();
  return (
    <span tabIndex={0} aria-describedby={id} className={`group relative cursor-help outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent ${className}`}>
      {children}
      <span
        id={id}
        role="tooltip"
        className="pointer-events-none invisible absolute right-0 top-full z-30 mt-1 w-max max-w-xs rounded-md border border-line bg-panel px-2 py-1 text-left text-xs font-normal whitespace-normal text-ink shadow-lg group-hover:visible group-focus:visible"
      >
        {hint}
      </span>
    </span>
  );
}
