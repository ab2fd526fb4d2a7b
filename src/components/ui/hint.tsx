import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A value with an explanation shown on hover AND on keyboard focus (a title attribute alone is
 * invisible to keyboard users). Used for every KPI: its formula, numerator and denominator.
 * The tip stays display:none where it is written (a table of hundreds of numbers would otherwise
 * lay out every tip on each render; screen readers read it through aria-describedby); HintLayer
 * shows a copy of it over the page. tabIndex -1 inside a table row that is itself the tab stop
 * (its arrow keys reach the hint).
 * `formula`: the hint is one text, a formula and its numbers after a line break ("\n"): one DOM
 * node where spans per line made three, in tables whose every number a brush rewrites. HintLayer
 * draws it as two lines, the formula in bold (formulaLines).
 */
export function Hint({ children, hint, className = '', tabIndex = 0, formula = false }: { children: ReactNode; hint: ReactNode; className?: string; tabIndex?: 0 | -1; formula?: boolean }) {
  const id = useId();
  return (
    <span tabIndex={tabIndex} aria-describedby={id} data-hint="" className={`cursor-help outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent ${className}`}>
      {children}
      <span id={id} role="tooltip" className="hidden" data-formula={formula ? '' : undefined}>
        {hint}
      </span>
    </span>
  );
}

/** Space kept between a shown tip and its number, and between the tip and the window's edges. */
const GAP_PX = 4;
const EDGE_PX = 8;

/**
 * The tip of the number hovered or focused (the one moved to last), drawn over the page at that number:
 * below it and ending at its right edge, above it where the window ends first. A tip drawn inside
 * its own table was cut off wherever the table scrolls (the breakdowns) or the block below the
 * first screen clips (offscreen-lazy's paint containment): 30 of the sample day's 153 formulas at
 * 1440 px, every one in the last rows. One layer for the page (app.tsx), listening to the document, so a
 * table of numbers renders nothing more for it. While a tip is shown it follows its number (a
 * scroll, a resize, the page changed: new numbers written into it, rows moved) and goes when the
 * number does; nothing runs while the page is still (no loop per frame for a number left focused).
 */
export function HintLayer() {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const layer = box.current;
    if (!layer) return;
    let hovered: Element | null = null;
    let focused: Element | null = null;
    /** The one moved to last wins: a mouse left resting on a number does not hide the formula of the one focused by keyboard. */
    let focusLast = false;
    let shown: { anchor: Element; tip: Element; text: string } | null = null;
    /** Where the mouse was last seen over the page (null: never, or it left the window). */
    let pointer: { x: number; y: number } | null = null;

    const copy = (tip: Element) => layer.replaceChildren(...(tip.hasAttribute('data-formula') ? formulaLines(tip.textContent ?? '') : Array.from(tip.childNodes, (node) => node.cloneNode(true))));
    const follow = () => {
      if (!shown) return;
      if (!shown.anchor.isConnected) {
        // A render put another number where it was: the one now under a resting mouse is hovered.
        if (hovered === shown.anchor) hovered = pointer ? anchorOf(document.elementFromPoint(pointer.x, pointer.y)) : null;
        if (focused === shown.anchor) focused = null;
        hide();
        update();
        return;
      }
      const text = shown.tip.textContent ?? '';
      if (text !== shown.text) {
        copy(shown.tip);
        shown.text = text;
      }
      place(layer, shown.anchor);
    };
    // Watched only while a tip is shown: the page's changes (a render that rewrote or removed the number, or moved it).
    const changes = new MutationObserver(follow);
    const hide = () => {
      shown = null;
      layer.hidden = true;
      layer.replaceChildren();
      changes.disconnect();
    };
    const update = () => {
      const anchor = focusLast ? (focused ?? hovered) : (hovered ?? focused);
      if (anchor === shown?.anchor) return;
      const tip = anchor?.querySelector(':scope > [role="tooltip"]');
      if (!anchor || !tip) {
        hide();
        return;
      }
      copy(tip);
      shown = { anchor, tip, text: tip.textContent ?? '' };
      layer.hidden = false;
      changes.observe(document.body, { childList: true, subtree: true, characterData: true });
      follow();
    };
    const anchorOf = (target: EventTarget | null) => (target instanceof Element ? target.closest('[data-hint]') : null);
    const onOver = (event: PointerEvent) => {
      pointer = { x: event.clientX, y: event.clientY };
      hovered = anchorOf(event.target);
      update();
    };
    // Moved by hand, not a page scrolled under a resting mouse (which also hovers what comes under it).
    const onMove = (event: PointerEvent) => {
      pointer = { x: event.clientX, y: event.clientY };
      if (focusLast && hovered && (event.movementX !== 0 || event.movementY !== 0)) {
        focusLast = false;
        update();
      }
    };
    const onOut = (event: PointerEvent) => {
      // Into a part of the same number: still hovered.
      if (hovered && event.relatedTarget instanceof Node && hovered.contains(event.relatedTarget)) return;
      if (event.relatedTarget === null) pointer = null; // out of the window
      hovered = anchorOf(event.relatedTarget);
      update();
    };
    const onFocusIn = (event: FocusEvent) => {
      focused = event.target instanceof Element && event.target.matches('[data-hint]') ? event.target : null;
      if (focused) focusLast = true;
      update();
    };
    const onFocusOut = () => {
      focused = null;
      update();
    };
    document.addEventListener('pointerover', onOver);
    document.addEventListener('pointerout', onOut);
    document.addEventListener('pointermove', onMove, { passive: true });
    window.addEventListener('scroll', follow, { capture: true, passive: true });
    window.addEventListener('resize', follow);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('pointerover', onOver);
      document.removeEventListener('pointerout', onOut);
      document.removeEventListener('pointermove', onMove);
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', follow);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      hide();
    };
  }, []);
  // Fixed to the window from the page's root: no block above it contains or clips it (the app's root has no transform or containment).
  return (
    <div
      ref={box}
      hidden
      aria-hidden="true"
      data-testid="hint-layer"
      className="pointer-events-none fixed left-0 top-0 z-50 w-max max-w-xs rounded-md border border-line bg-panel px-2 py-1 text-left text-xs font-normal whitespace-normal text-ink shadow-lg print:hidden"
    />
  );
}

/**
 * A formula tip's text as the layer draws it: the formula (up to the line break) in bold on a line
 * of its own, then its numbers. The break stays in the text, so the layer reads as the tip does.
 */
function formulaLines(text: string): HTMLSpanElement[] {
  const at = text.indexOf('\n');
  const formula = document.createElement('span');
  formula.className = 'block font-medium';
  formula.textContent = at < 0 ? text : text.slice(0, at + 1);
  const numbers = document.createElement('span');
  numbers.className = 'tabular';
  numbers.textContent = at < 0 ? '' : text.slice(at + 1);
  return [formula, numbers];
}

/** The layer below `anchor`, its right edge at the anchor's (above it where the window ends first), inside the window. */
function place(layer: HTMLElement, anchor: Element): void {
  const at = anchor.getBoundingClientRect();
  const width = layer.offsetWidth;
  const height = layer.offsetHeight;
  const left = Math.max(EDGE_PX, Math.min(at.right - width, window.innerWidth - width - EDGE_PX));
  const below = at.bottom + GAP_PX;
  const above = at.top - GAP_PX - height;
  const top = below + height > window.innerHeight - EDGE_PX && above >= EDGE_PX ? above : below;
  layer.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}
