/** The name the generated sample day carries, as a VICIdial download would be named. */
export const SAMPLE_DAY_FILE_NAME = 'sample-day_AST_carrier_log_report_20261116.csv';
