/**
 * Asterisk and FreePBX CDR formats (formats.md §1, §2). One folder for both families: they share
 * the Asterisk CDR field semantics (cdr-row.ts, trunk.ts, outcome.ts, record.ts).
 */
export { asteriskCdrCsv } from './cdr-csv';
export { asteriskCdrCustom } from './cdr-custom';
export { asteriskCdrDbExport } from './cdr-db-export';
export { freepbxCdrReport } from './freepbx-cdr-report';
export { freepbxCdrTable } from './freepbx-cdr-table';
