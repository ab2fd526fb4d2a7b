/**
 * Export a chart as PNG (its SVG drawn on a canvas, with the page's computed colours inlined) and
 * its data as CSV. Both are made in the page and saved through a download link: nothing is sent.
 */

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(fileName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A download name made only of letters, digits, `.`, `_` and `-` (anything else becomes `_`), not
 * starting with a dot, at most 100 characters: names may one day carry a trunk or file name.
 */
export function safeFileName(name: string): string {
  const clean = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return clean === '' ? 'export' : clean;
}

/**
 * A text cell a spreadsheet would run as a formula (OWASP CSV injection: it starts with = + - @,
 * a tab or a carriage return), prefixed with `'` so it is read as text. Numbers are written as numbers.
 */
export function neutralizeCell(v: string | number): string {
  const s = String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** CSV text (RFC 4180 quoting) of rows with the given columns, formula-looking text neutralized. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number) => {
    const s = neutralizeCell(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  downloadBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv' }), fileName);
}

/** Copy computed fill/stroke/colour into attributes so the SVG renders alone (CSS variables resolved). */
function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  for (const prop of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-size', 'font-family', 'font-weight']) {
    const value = computed.getPropertyValue(prop);
    if (value) target.setAttribute(prop, value);
  }
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length; i++) {
    const s = sourceChildren[i];
    const t = targetChildren[i];
    if (s && t) inlineStyles(s, t);
  }
}

export async function downloadSvgAsPng(svg: SVGSVGElement, fileName: string, background: string): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn'));
      image.src = url;
    });
    const scale = 2; // crisp on high-DPI screens and in tickets
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (png) downloadBlob(png, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}
