/**
 * A link is made elsewhere: its names and notes are as its sender's page held them, or as anyone
 * wrote them. Decoding makes every text it shows visible once (model/visible-text.ts), as reading a
 * file does for the file's name: a trunk named with U+202E or ESC then shows "\u202e", "\x1b" in the
 * banner, the table, the walk, the CSV, and cannot pass for another trunk. The same name is escaped
 * alike wherever it appears, so the selection, the onsets and the walk still find their trunk.
 */
import type { BreakdownRow } from '../analysis/dashboard-types';
import { escapeControls, escapeControlsKeepingLines } from '../model/visible-text';
import type { SharedView } from './view';

/**
 * The view with its names, codes, labels, note and evidence escaped (a note and an evidence sentence
 * keep their line breaks). A walk's overrides are not shown, only looked up by question: left as they are.
 */
export function withVisibleText(view: SharedView): SharedView {
  const { data } = view;
  const row = (r: BreakdownRow): BreakdownRow => ({ ...r, key: escapeControls(r.key), label: escapeControls(r.label) });
  const shown: SharedView = {
    ...view,
    createdFrom: { files: view.createdFrom.files.map((f) => ({ ...f, name: escapeControls(f.name), formatId: escapeControls(f.formatId), formatLabel: escapeControls(f.formatLabel) })) },
    selection: { ...view.selection, trunks: view.selection.trunks.map(escapeControls) },
    data: {
      ...data,
      trunks: data.trunks.map((t) => ({ ...t, trunk: escapeControls(t.trunk), byCode: t.byCode.map((c) => ({ ...c, code: escapeControls(c.code) })) })),
      breakdowns: { prefixes: data.breakdowns.prefixes.map(row), callerIds: data.breakdowns.callerIds.map(row), hours: data.breakdowns.hours.map(row) },
      onsets: data.onsets.map((o) => ({ ...o, trunk: escapeControls(o.trunk) })),
    },
    note: escapeControlsKeepingLines(view.note),
  };
  if (view.diagnosis) {
    shown.diagnosis = {
      ...view.diagnosis,
      walks: view.diagnosis.walks.map((w) => ({ ...w, trunk: escapeControls(w.trunk), ...(w.evidence !== undefined ? { evidence: escapeControlsKeepingLines(w.evidence) } : {}) })),
    };
  }
  return shown;
}
