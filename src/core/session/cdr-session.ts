/**
 * The calls of a session of files and the questions asked of them, one composition for the
 * worker, the CLI and the tests: read files (into a sealed store, CallStore.seal), add files (as
 * if dropped with the first ones), answer dashboard queries over all calls or one file's, and
 * diagnose trunks. The analysis caches belong to the session and are dropped when its calls change.
 */
import { runToEnd, SharedSteps } from '../analysis/run-to-end';
import { AnalysisCache } from '../analysis/analysis-cache';
import { analyzeDashboard, analyzeDashboardPanelSteps, analyzeDashboardTop, analyzeTrunkTable, keepSpanCounts, prepareSpanSeries, prepareWindowCountSteps, spanTrunkTable } from '../analysis/analyze-dashboard';
import { AttemptClassifier, spanCountsBeforeSeal, trunkSpanSeriesBeforeSeal, type SpanCounts } from '../analysis/span-counts';
import { CallStore } from '../analysis/call-store';
import { queryKey } from '../analysis/query-key';
import type { DashboardData, DashboardPanels, DashboardQuery, DashboardTop, TimeSeries, TimeWindow, TrunkTable } from '../analysis/dashboard-types';
import { DIAGNOSIS_TOP_N, diagnosisSteps } from '../diagnosis/evidence';
import type { TrunkDiagnosis } from '../diagnosis/types';
import { CallDeduper } from '../ingest/call-deduper';
import { ingestFiles, type IngestedFiles, type IngestFilesOptions, type IngestInput, type IngestSummary } from '../ingest/ingest-files';

export type ReadOptions = Omit<IngestFilesOptions, 'continueFrom' | 'onCallsMerged'>;

/** Periods (brushed windows, or the whole file) whose trunk table and diagnoses are kept. */
const DIAGNOSIS_PERIODS_KEPT = 8;
/** Trunk diagnoses kept over those periods. */
const DIAGNOSES_KEPT = 200;
/** The worst trunks whose whole-span series prepareSelections() makes: the rows a user clicks first. */
const PREPARED_SPAN_SERIES = 16;
/**
 * First screens and panels kept, each per question: the last ones asked, and those made ahead for
 * the rows a user clicks next (prepareNextSelections).
 */
const ANSWERS_KEPT = 8;

const periodKey = (window: TimeWindow | null) => (window ? `${window.fromMs}:${window.toMs}` : 'file');

export class CdrSession {
  private built: IngestedFiles | null = null;
  /** Per store analysed (the session's, each file's alone): its cache. */
  private caches = new Map<CallStore, AnalysisCache>();
  /** Per file index: its calls alone, made when first asked for. */
  private fileStores = new Map<number, CallStore>();
  /** Per period: the trunk table of that window (all trunks), which its diagnoses start from. */
  private diagnosisBases = new Map<string, TrunkTable>();
  private diagnoses = new Map<string, TrunkDiagnosis>();
  /**
   * Per question (queryKey), the last answers: a question asked again, or one the worker made
   * before the page asked it (ingest.worker.ts: the first answers after a read, the next selections).
   */
  private keptTops = new Map<string, Kept<DashboardTop>>();
  private keptPanels = new Map<string, Kept<DashboardPanels>>();
  /** Panels being made in steps (preparePanels) and not finished yet: a question for them finishes them instead of starting over. */
  private panelsUnderWay: { store: CallStore; key: string; steps: SharedSteps<DashboardPanels> } | null = null;
  /**
   * The whole file's counts made before the seal (firstTable), which the sealed store's cache keeps
   * when it is made; `sealedAlong`: the seal moved their code columns with the rows (sealed()).
   */
  private countedBeforeSeal: { store: CallStore; counts: SpanCounts; sealedAlong: boolean } | null = null;
  /** The store whose counts before the seal were tried (countedBeforeSeal holds them, if they could be). */
  private triedBeforeSeal: CallStore | null = null;
  /** The attempts of the last read classified as they were merged, for its first trunk table (spanCountsBeforeSeal). */
  private classifiedInRead = new AttemptClassifier();

  /** The calls held (sealed); an empty store before the first read. */
  get store(): CallStore {
    return this.sealed()?.store ?? EMPTY;
  }

  /** What was read: per file its rows and findings, the calls, per trunk its counts; null before the first read. */
  get summary(): IngestSummary | null {
    return this.built?.summary ?? null;
  }

  /**
   * Read `inputs` instead of the files held. The calls held stay until the new ones are complete:
   * a read that fails or is cancelled leaves the session as it was.
   */
  async read(inputs: readonly IngestInput[], options: ReadOptions = {}): Promise<IngestSummary> {
    const built = await ingestFiles(inputs, this.readOptions(options));
    this.changed(built);
    return built.summary;
  }

  /**
   * Add `inputs` to the files held: the calls are those of one read of all the files (a call
   * already read counts once, in the file read first). The held calls are written to: a read
   * that fails or is cancelled leaves the session empty.
   */
  async add(inputs: readonly IngestInput[], options: ReadOptions = {}): Promise<IngestSummary> {
    const before = this.built;
    if (!before) return this.read(inputs, options);
    this.changed(null);
    const built = await ingestFiles(inputs, { ...this.readOptions(options), continueFrom: before });
    this.changed(built);
    return built.summary;
  }

  clear(): void {
    this.changed(null);
  }

  /** A read's options: the store left unsealed, its attempts classified as they are merged (firstTable counts them). */
  private readOptions(options: ReadOptions): IngestFilesOptions {
    const classifier = new AttemptClassifier();
    this.classifiedInRead = classifier;
    return { ...options, sealLater: true, onCallsMerged: classifier.merged };
  }

  /**
   * A session of this one's calls `copies` times over, copy k later by k × `shiftMs`, in that
   * order (in file order, not start order, where the copies overlap): more calls than were read,
   * for warming up the analysis of a read (warm-up.ts). It has no files; its calls answer every
   * question as a read's do.
   */
  copies(copies: number, shiftMs: number): CdrSession {
    const calls = this.store.snapshot(true);
    const store = new CallStore(Math.max(1, calls.length * copies));
    for (let k = 0; k < copies; k++) {
      const from = store.length;
      store.appendRows(calls, null);
      for (let i = from; i < store.length; i++) {
        store.startMs[i] = store.startMs[i]! + k * shiftMs;
        store.endMs[i] = store.endMs[i]! + k * shiftMs;
      }
    }
    const copy = new CdrSession();
    copy.changed({ summary: { files: [], calls: store.length, trunks: [], span: null }, store, deduper: new CallDeduper(), fileOfCall: new Uint16Array(0), tally: new Map() });
    return copy;
  }

  /** The dashboard's answer over every call held, or over file `file`'s alone (an index in summary.files). */
  query(query: DashboardQuery, file?: number): DashboardData {
    const store = this.storeFor(file);
    return analyzeDashboard(store, query, this.cacheOf(store));
  }

  /** The first screen's part of `query`'s answer (the trunk table, failover, series): posted before the panels; the last ones are kept. */
  top(query: DashboardQuery, file?: number): DashboardTop {
    const store = this.storeFor(file);
    const key = queryKey(query);
    const kept = this.keptTops.get(key);
    if (kept?.store === store) {
      remember(this.keptTops, key, kept, ANSWERS_KEPT);
      return kept.data;
    }
    const data = analyzeDashboardTop(store, query, this.cacheOf(store));
    remember(this.keptTops, key, { store, data }, ANSWERS_KEPT);
    return data;
  }

  /** The panels' part of `query`'s answer (CPS, concurrency, breakdowns, codes, KPI); the last ones are kept. */
  panels(query: DashboardQuery, file?: number): DashboardPanels {
    const store = this.storeFor(file);
    const key = queryKey(query);
    const kept = this.keptPanels.get(key);
    if (kept?.store === store) {
      remember(this.keptPanels, key, kept, ANSWERS_KEPT);
      return kept.data;
    }
    const under = this.panelsUnderWay;
    const steps = under && under.store === store && under.key === key ? under.steps : new SharedSteps(analyzeDashboardPanelSteps(store, query, this.cacheOf(store)));
    return this.keepPanels(store, key, steps);
  }

  /**
   * Make `query`'s panels (over all calls) in steps, kept as panels() keeps them, for a caller that
   * answers other questions in between (the worker after a read: the page's question for the first
   * screen comes while they are made, and must not wait behind all of them). A panels() question
   * for the same query meanwhile finishes these steps instead of starting over.
   */
  *preparePanels(query: DashboardQuery): Generator<null, void> {
    const store = this.store;
    const key = queryKey(query);
    if (this.keptPanels.get(key)?.store === store) return;
    const steps = new SharedSteps(analyzeDashboardPanelSteps(store, query, this.cacheOf(store)));
    this.panelsUnderWay = { store, key, steps };
    try {
      while (!steps.step()) yield null;
    } catch (error) {
      // A failed step (an allocation at millions of calls) is not kept: the page's own question
      // makes its panels again, or fails and says so.
      if (this.panelsUnderWay?.steps === steps) this.panelsUnderWay = null;
      throw error;
    }
    // Calls changed meanwhile: these panels are the old calls', not kept.
    if (this.panelsUnderWay?.steps === steps) this.keepPanels(store, key, steps);
  }

  private keepPanels(store: CallStore, key: string, steps: SharedSteps<DashboardPanels>): DashboardPanels {
    try {
      const data = steps.finish();
      remember(this.keptPanels, key, { store, data }, ANSWERS_KEPT);
      return data;
    } finally {
      // Made or failed, these steps are done with: a failure is not handed to the next question.
      if (this.panelsUnderWay?.steps === steps) this.panelsUnderWay = null;
    }
  }

  /**
   * Make ahead, in steps, the answers (first screen and panels) to selecting each of the `count`
   * trunks that head the trunk table of `query`'s window, other than `query`'s own: the rows a user
   * clicks next, then answered from those kept. For a caller idle between questions (the worker,
   * once it has answered `query`'s panels). Over all calls.
   */
  *prepareNextSelections(query: DashboardQuery, count: number): Generator<null, void> {
    const rows = this.table({ ...query, trunks: [] }).trunks.map((t) => t.trunk);
    for (const trunk of rows.filter((t) => !query.trunks.includes(t)).slice(0, count)) {
      yield null;
      const selected = { ...query, trunks: [trunk] };
      this.top(selected);
      yield* this.preparePanels(selected);
    }
  }

  /** Only the trunk table of `query` (the page's first answer: it picks the trunk whose panels come next). */
  table(query: DashboardQuery, file?: number): TrunkTable {
    const store = this.storeFor(file);
    return analyzeTrunkTable(store, query, this.cacheOf(store));
  }

  /**
   * The whole-file trunk table `query` asks for (its window null): right after a read, before the
   * calls are sealed, counted from the rows as read (span-counts.ts), the seal and the index left
   * to the next question (or prepare()), which keep these counts. The worker's first answer.
   */
  firstTable(query: DashboardQuery): TrunkTable {
    return this.tableBeforeSeal(query) ?? this.table(query);
  }

  /**
   * firstTable where it is counted before the seal; null where it waits for the index. `summedOnly`:
   * null too where the rows would be counted (spanCountsBeforeSeal), not only summed from the read's
   * counts (~1 ms at a million calls): a later call counts them.
   */
  tableBeforeSeal(query: DashboardQuery, summedOnly = false): TrunkTable | null {
    const built = this.built;
    if (!built || built.store.sealed || query.window !== null || this.caches.has(built.store)) return null;
    // Counted once a read: the read's classifier gives its rows up when they are counted.
    if (this.triedBeforeSeal !== built.store) {
      const counts = spanCountsBeforeSeal(built.store, this.classifiedInRead, summedOnly);
      if (!counts && summedOnly) return null;
      this.triedBeforeSeal = built.store;
      this.countedBeforeSeal = counts && { store: built.store, counts, sealedAlong: false };
    }
    const early = this.countedBeforeSeal;
    return early?.store === built.store ? spanTrunkTable(early.counts, query) : null;
  }

  /**
   * Trunk `trunk`'s timeline over the whole span, its buckets chosen (the spanSeries of a query for
   * it alone), counted from the rows the first table counted before the seal: the worker's first
   * chart, posted with that table, before the seal and the index (prepare) that its top waits for.
   * Null when the first table was not counted before the seal, or its index is made already.
   */
  firstTimeline(trunk: string): TimeSeries | null {
    const early = this.countedBeforeSeal;
    if (!early || early.store !== this.built?.store) return null;
    const id = early.counts.names.trunkNames.indexOf(trunk);
    return id < 0 ? null : trunkSpanSeriesBeforeSeal(early.store, early.counts, id);
  }

  /**
   * Make now what the first answers over all calls share: the index, trend lines, onsets and every
   * trunk's counts over the whole span (the whole-file trunk table the diagnoses start from). A
   * caller idle after a read (the worker, while the page paints the files read) then finds the
   * first trunk table mostly made when it is asked for. The rest waits for prepareWindows and
   * prepareSelections.
   */
  prepare(): void {
    if (!this.built) return;
    this.diagnosisBase(null);
  }

  /**
   * Make now the worst trunks' whole-span series (the timeline of a trunk selected), which no
   * answer before the first screen needs: for a caller idle after the first answers.
   */
  prepareSelections(): void {
    runToEnd(this.prepareSelectionSteps());
  }

  /** prepareSelections in steps, for a caller that answers questions between them (the worker). */
  *prepareSelectionSteps(): Generator<null, void> {
    if (!this.built) return;
    const table = this.diagnosisBase(null);
    yield* prepareSpanSeries(this.store, table.trunks.slice(0, PREPARED_SPAN_SERIES).map((t) => t.trunk), this.cacheOf(this.store));
  }

  /** Make now what a brushed window's trunk table counts from over all calls (the first brush made it otherwise). */
  prepareWindows(): void {
    runToEnd(this.prepareWindowSteps());
  }

  /** prepareWindows in steps, for a caller that answers questions between them (the worker). */
  *prepareWindowSteps(): Generator<null, void> {
    if (this.built) yield* prepareWindowCountSteps(this.store, this.cacheOf(this.store));
  }

  /** Rows of the held store read from file `file` (an index in summary.files), ascending. */
  rowsOfFile(file: number): Uint32Array {
    const built = this.sealed();
    const fileOfCall = built?.fileOfCall ?? new Uint16Array(0);
    // No file column: the session holds one file, and every call is file 0's.
    if (built && fileOfCall.length === 0) return file === 0 ? Uint32Array.from({ length: built.store.length }, (_, i) => i) : new Uint32Array(0);
    let count = 0;
    for (let i = 0; i < fileOfCall.length; i++) if (fileOfCall[i] === file) count++;
    const rows = new Uint32Array(count);
    let j = 0;
    for (let i = 0; i < fileOfCall.length; i++) if (fileOfCall[i] === file) rows[j++] = i;
    return rows;
  }

  /**
   * The calls of file `file` alone, as a store of their own (a copy, made once per session
   * state): what a query restricted to one file analyzes. A call the file shares with a file read
   * before it is that earlier file's (as in the file cards' duplicate rows). Null when there is no such file.
   */
  storeOfFile(file: number): CallStore | null {
    const files = this.built?.summary.files.length ?? 0;
    if (!Number.isInteger(file) || file < 0 || file >= files) return null;
    // The only file's calls are the session's: no copy of the store (a whole 4M-call store twice).
    if (files === 1) return this.store;
    const cached = this.fileStores.get(file);
    if (cached) return cached;
    const rows = this.rowsOfFile(file);
    const part = new CallStore(Math.max(1, rows.length));
    // Views of the held columns, read at once: a copy of every column would hold the session's calls twice.
    part.appendRows(this.store.snapshot(true), rows);
    part.seal();
    this.fileStores.set(file, part);
    return part;
  }

  /** Whether trunk `trunk`'s diagnosis over `window` (null: the whole file) is already made. */
  hasDiagnosis(trunk: string, window: TimeWindow | null): boolean {
    return this.diagnoses.has(`${periodKey(window)}\u0000${trunk}`);
  }

  /**
   * The diagnoses of `trunks` (all trunks when absent, in the trunk table's worst-first order) over
   * `window`, each made once per period: a trunk's diagnosis is a dashboard analysis of its own
   * (~0.1–0.4 s at a million calls). Trunks with no attempt in the period have none.
   */
  diagnose(window: TimeWindow | null, trunks?: readonly string[]): TrunkDiagnosis[] {
    return runToEnd(this.diagnoseSteps(window, trunks));
  }

  /**
   * diagnose() in steps (null between them, each at most a pass over one trunk's calls), for a
   * caller that answers other questions in between (the worker). A diagnosis finished after the
   * calls held changed is returned but not kept: it is the old calls'.
   */
  *diagnoseSteps(window: TimeWindow | null, trunks?: readonly string[]): Generator<null, TrunkDiagnosis[]> {
    const built = this.built;
    const store = this.store;
    const period = periodKey(window);
    const keyOf = (trunk: string) => `${period}\u0000${trunk}`;
    const data = this.diagnosisBase(window);
    yield null;
    const wanted = trunks ?? data.trunks.map((t) => t.trunk);
    // Answered from this call's own results (those kept taken now, before the calls may change):
    // more trunks than the memo keeps (the CLI asks for every trunk) would otherwise lose the
    // first ones made, the worst.
    const made = new Map<string, TrunkDiagnosis>();
    for (const t of wanted) {
      const kept = this.diagnoses.get(keyOf(t));
      if (kept) made.set(t, kept);
    }
    const missing = wanted.filter((t) => !made.has(t));
    if (missing.length > 0) {
      const files = built?.summary.files ?? [];
      for (const d of diagnosisSteps(store, { cache: this.cacheOf(store), files, data, window, trunks: missing })) {
        if (!d) {
          yield null;
          continue;
        }
        made.set(d.trunk, d);
        if (this.built === built) remember(this.diagnoses, keyOf(d.trunk), d, DIAGNOSES_KEPT);
      }
    }
    return wanted.flatMap((t) => made.get(t) ?? []);
  }

  /** The trunk table over `window` (all trunks) that diagnoses start from. */
  private diagnosisBase(window: TimeWindow | null): TrunkTable {
    const period = periodKey(window);
    const base = this.diagnosisBases.get(period) ?? this.table({ window, trunks: [], bucketMs: null, topN: DIAGNOSIS_TOP_N });
    remember(this.diagnosisBases, period, base, DIAGNOSIS_PERIODS_KEPT);
    return base;
  }

  /**
   * What was read, its store sealed: a read leaves that to the first question (or prepare()), so
   * the worker can post what was read before the rows are put in the analysis order.
   */
  private sealed(): IngestedFiles | null {
    const built = this.built;
    if (built && !built.store.sealed) {
      const early = this.countedBeforeSeal?.store === built.store ? this.countedBeforeSeal : null;
      const classified = early?.counts.classified;
      built.store.seal(classified ? [built.fileOfCall, classified.code, classified.kind] : [built.fileOfCall]);
      if (early) {
        early.sealedAlong = true;
        // The first timeline is made (firstTimeline): the minute bins go (a timeline now counts the rows, their kinds moved with them).
        early.counts.minutes = null;
      }
    }
    return built;
  }

  private storeFor(file: number | undefined): CallStore {
    const store = file === undefined ? this.store : this.storeOfFile(file);
    if (!store) throw new Error(`no file ${file} in this session`);
    return store;
  }

  private cacheOf(store: CallStore): AnalysisCache {
    let cache = this.caches.get(store);
    if (!cache) {
      const early = this.countedBeforeSeal?.store === store && this.countedBeforeSeal.sealedAlong ? this.countedBeforeSeal.counts : null;
      cache = new AnalysisCache(store, early?.classified ?? null);
      this.caches.set(store, cache);
      if (early) {
        keepSpanCounts(store, early, cache);
        this.countedBeforeSeal = null;
      }
    }
    return cache;
  }

  private changed(built: IngestedFiles | null): void {
    this.built = built;
    this.caches = new Map();
    this.fileStores = new Map();
    this.diagnosisBases = new Map();
    this.diagnoses = new Map();
    this.keptTops = new Map();
    this.keptPanels = new Map();
    this.panelsUnderWay = null;
    this.countedBeforeSeal = null;
    this.triedBeforeSeal = null;
  }
}

const EMPTY = new CallStore(0);

/** An answer kept, and the calls it is over (the session's, or one file's). */
interface Kept<T> {
  store: CallStore;
  data: T;
}

/** Map insertion order as recency: re-set on use, drop the oldest beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}
