/** The Chrome trace events the bench's tracers read (bench/trace-drop.ts, bench/trace-interactions.ts). */

export interface CallFrame {
  functionName: string;
  url?: string;
  lineNumber: number;
  columnNumber: number;
}

/** A chunk of a thread's V8 CPU profile, as the trace's ProfileChunk events carry it. */
export interface CpuProfileChunk {
  nodes?: Array<{ id: number; callFrame: CallFrame; parent?: number }>;
  samples?: number[];
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: { cpuProfile?: CpuProfileChunk; timeDeltas?: number[]; startTime?: number };
  };
}
