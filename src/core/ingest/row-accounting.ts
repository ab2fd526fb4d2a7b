/**
 * Nothing is lost silently: per file, rows read = used + skipped, and every skip has a reason with
 * its count and the first few line numbers, so the user can open the file at that line.
 */

/** How many line numbers we keep per skip reason. */
export const SKIP_SAMPLE_LINES = 5;

export interface SkipGroup {
  reason: string;
  count: number;
  /** First line numbers (1-based) with this reason; 0 = not tied to a line. */
  firstLines: number[];
}

export interface RowCounts {
  read: number;
  used: number;
  skipped: number;
  /** Header / statement lines: not data rows, not counted in read. */
  headerLines: number;
}

export class RowAccounting {
  read = 0;
  used = 0;
  headerLines = 0;
  private readonly groups = new Map<string, SkipGroup>();
  private skippedTotal = 0;

  header(): void {
    this.headerLines++;
  }

  use(): void {
    this.read++;
    this.used++;
  }

  skip(reason: string, line: number): void {
    this.read++;
    this.recordSkip(reason, line);
  }

  /**
   * A row counted as used turned out to be a duplicate (found after it was counted); `rows`: the rows
   * of one call folded from several (HeldRecord), all skipped, reported at `line`, its first.
   */
  reclassifyUsedAsSkipped(reason: string, line: number, rows = 1): void {
    this.used -= rows;
    this.recordSkip(reason, line, rows);
  }

  /** Several used rows found skipped at the end of the file (RowParser.lateSkips), lines first-seen. */
  reclassifyManyUsedAsSkipped(reason: string, count: number, firstLines: readonly number[]): void {
    if (count <= 0) return;
    this.used -= count;
    this.skippedTotal += count;
    let group = this.groups.get(reason);
    if (!group) {
      group = { reason, count: 0, firstLines: [] };
      this.groups.set(reason, group);
    }
    group.count += count;
    for (const line of firstLines) {
      if (group.firstLines.length >= SKIP_SAMPLE_LINES) break;
      group.firstLines.push(line);
    }
  }

  private recordSkip(reason: string, line: number, rows = 1): void {
    this.skippedTotal += rows;
    let group = this.groups.get(reason);
    if (!group) {
      group = { reason, count: 0, firstLines: [] };
      this.groups.set(reason, group);
    }
    group.count += rows;
    if (group.firstLines.length < SKIP_SAMPLE_LINES) group.firstLines.push(line);
  }

  /**
   * Add the rows of a piece of the same file read on its own, whose line numbers count from the
   * piece's first line: `lineOffset` lines come before it (line 0, "not tied to a line", stays 0).
   * Pieces absorbed in file order keep each reason's first lines the first in the file.
   */
  absorb(counts: RowCounts, groups: readonly SkipGroup[], lineOffset: number): void {
    this.read += counts.read;
    this.used += counts.used;
    this.headerLines += counts.headerLines;
    for (const g of groups) {
      this.skippedTotal += g.count;
      let group = this.groups.get(g.reason);
      if (!group) {
        group = { reason: g.reason, count: 0, firstLines: [] };
        this.groups.set(g.reason, group);
      }
      group.count += g.count;
      for (const line of g.firstLines) {
        if (group.firstLines.length >= SKIP_SAMPLE_LINES) break;
        group.firstLines.push(line === 0 ? 0 : line + lineOffset);
      }
    }
  }

  counts(): RowCounts {
    return { read: this.read, used: this.used, skipped: this.skippedTotal, headerLines: this.headerLines };
  }

  /** Skip groups, most frequent first. */
  skipGroups(): SkipGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}
