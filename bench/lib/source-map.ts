/** Just enough of source map v3 to turn a minified position back into a source file and line. */
interface RawSourceMap {
  sources: string[];
  sourcesContent?: Array<string | null>;
  names: string[];
  mappings: string;
  sourceRoot?: string;
}

export interface OriginalPosition {
  source: string;
  line: number;
  name: string | null;
  /** The original source line, trimmed (when the map carries sourcesContent). */
  text: string | null;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Segments per generated line: [genCol, srcIdx, srcLine, srcCol, nameIdx?]. */
type Segment = [number, number, number, number, number | undefined];

export class SourceMap {
  private readonly lines: Segment[][] = [];
  private readonly contentLines = new Map<number, string[]>();

  constructor(private readonly map: RawSourceMap) {
    let src = 0;
    let srcLine = 0;
    let srcCol = 0;
    let name = 0;
    for (const lineText of map.mappings.split(';')) {
      const segments: Segment[] = [];
      let genCol = 0;
      for (const seg of lineText.split(',')) {
        if (!seg) continue;
        const v = decodeVlq(seg);
        genCol += v[0]!;
        if (v.length < 4) continue;
        src += v[1]!;
        srcLine += v[2]!;
        srcCol += v[3]!;
        let nameIdx: number | undefined;
        if (v.length >= 5) {
          name += v[4]!;
          nameIdx = name;
        }
        segments.push([genCol, src, srcLine, srcCol, nameIdx]);
      }
      this.lines.push(segments);
    }
  }

  /** 0-based line and column, as CDP reports them. */
  lookup(line: number, column: number): OriginalPosition | null {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return null;
    let best: Segment | null = null;
    for (const s of segments) {
      if (s[0] <= column) best = s;
      else break;
    }
    best ??= segments[0]!;
    const source = (this.map.sources[best[1]] ?? '?').replace(/^(\.\.\/)+/, '');
    let lines = this.contentLines.get(best[1]);
    if (!lines && this.map.sourcesContent?.[best[1]]) {
      lines = this.map.sourcesContent[best[1]]!.split('\n');
      this.contentLines.set(best[1], lines);
    }
    return {
      source,
      line: best[2] + 1,
      name: best[4] === undefined ? null : (this.map.names[best[4]] ?? null),
      text: lines?.[best[2]]?.trim().slice(0, 90) ?? null,
    };
  }
}

function decodeVlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of s) {
    const digit = B64_INDEX.get(c);
    if (digit === undefined) break;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
