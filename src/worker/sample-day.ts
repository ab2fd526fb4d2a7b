/** The name the generated sample day carries, as VICIdial names the Export Calls Report download. */
export const SAMPLE_DAY_FILE_NAME = 'sample-day_NEW_EXPORT_CALL_REPORT_20261116-201500.txt';
