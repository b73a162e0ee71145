package io.funnelcast.config;

/**
 * funnelcast.report: where the HTML report is written and whether {@code run} and {@code backfill} write it.
 *
 * @param dir folder or URI holding one sub-folder per as-of date ({@code <dir>/<date>/index.html})
 * @param afterRun write the report for the last date at the end of {@code run} and {@code backfill}
 * @param maxSegmentValues values of one segment the report shows, the largest by users first
 */
public record ReportConfig(String dir, boolean afterRun, int maxSegmentValues) {}
