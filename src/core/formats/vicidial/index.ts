/** VICIdial family (formats.md §3): the carrier log is the one stock VICIdial file with SIP codes. */
export { vicidialCarrierLog } from './carrier-log';
export { vicidialExportCallsCarrier } from './export-carrier';
