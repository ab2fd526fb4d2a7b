/**
 * Nothing is lost silently: per file, rows read = used + skipped, and every skip has a reason with
 * its count and the first few line numbers, so the user can open the file at that line.
 */

/** How many line numbers we keep per skip reason. */
export const SKIP_SAMPLE_LINES = 5;

export interface SkipGroup {
  reason: string;
  count: number;
  /** First line numbers (1-based) with this reason; 0 = not tied to a line (e.g. a held-back call). */
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

  /** A row counted as used turned out to be a duplicate (found after it was counted). */
  reclassifyUsedAsSkipped(reason: string, line: number): void {
    this.used--;
    this.recordSkip(reason, line);
  }

  private recordSkip(reason: string, line: number): void {
    this.skippedTotal++;
    let group = this.groups.get(reason);
    if (!group) {
      group = { reason, count: 0, firstLines: [] };
      this.groups.set(reason, group);
    }
    group.count++;
    if (group.firstLines.length < SKIP_SAMPLE_LINES) group.firstLines.push(line);
  }

  counts(): RowCounts {
    return { read: this.read, used: this.used, skipped: this.skippedTotal, headerLines: this.headerLines };
  }

  /** Skip groups, most frequent first. */
  skipGroups(): SkipGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}
