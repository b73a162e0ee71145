package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.ingest.IngestJob;
import io.funnelcast.report.ReportData.Count;
import io.funnelcast.report.ReportData.Health;
import io.funnelcast.report.ReportData.IngestDay;
import io.funnelcast.report.ReportData.Run;
import io.funnelcast.tables.PipelineRunsTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Data health from pipeline_runs and events_quarantine up to the date: every attempt with its counts, ingest's
 * rows per run date (its latest attempt), the quarantine's reasons, and the attempts that failed or died.
 */
final class HealthSection {
  /** Attempts listed in the runs table, the latest first. */
  static final int MAX_RUNS = 40;

  private HealthSection() {}

  static Health read(ReportInputs in) {
    if (in.runs().isEmpty()) {
      return Health.missing("No runs recorded yet: pipeline_runs is not there.");
    }
    List<Run> runs = new ArrayList<>();
    for (Row row : in.runs().get().orderBy(col(PipelineRunsTable.STARTED_AT).desc(), col(PipelineRunsTable.JOB))
        .collectAsList()) {
      runs.add(new Run(row.getAs(PipelineRunsTable.JOB), row.getAs(PipelineRunsTable.RUN_DATE).toString(),
          row.getAs(PipelineRunsTable.STATUS), row.getAs(PipelineRunsTable.STARTED_AT).toString(),
          row.<Double>getAs(PipelineRunsTable.DURATION_SECONDS), row.getAs(PipelineRunsTable.ROWS_READ_COUNT),
          row.getAs(PipelineRunsTable.ROWS_WRITTEN_COUNT), row.getAs(PipelineRunsTable.DUPLICATES_DROPPED_COUNT),
          row.getAs(PipelineRunsTable.QUARANTINED_COUNT), row.getAs(PipelineRunsTable.ERROR_MESSAGE)));
    }
    List<Count> reasons = new ArrayList<>();
    in.quarantine().ifPresent(q -> q.groupBy("reason").agg(count(lit(1)).as("n")).orderBy(col("n").desc(), col("reason"))
        .collectAsList().forEach(row -> reasons.add(new Count(row.getString(0), row.getLong(1)))));
    return health(runs, reasons);
  }

  static Health health(List<Run> newestFirst, List<Count> reasons) {
    Map<String, IngestDay> ingest = new java.util.TreeMap<>();
    for (Run run : newestFirst) {
      if (run.job().equals(IngestJob.NAME) && run.status().equals(PipelineRunsTable.STATUS_SUCCEEDED)
          && !ingest.containsKey(run.runDate())) {
        ingest.put(run.runDate(), new IngestDay(run.runDate(), value(run.read()), value(run.written()),
            value(run.duplicates()), value(run.quarantined())));
      }
    }
    List<Run> failed = newestFirst.stream().filter(r -> !r.status().equals(PipelineRunsTable.STATUS_SUCCEEDED)).toList();
    long read = ingest.values().stream().mapToLong(IngestDay::read).sum();
    long quarantined = ingest.values().stream().mapToLong(IngestDay::quarantined).sum();
    long duplicates = ingest.values().stream().mapToLong(IngestDay::duplicates).sum();
    Map<String, Long> byJob = new LinkedHashMap<>();
    failed.forEach(r -> byJob.merge(r.job(), 1L, Long::sum));
    String reading = String.format(Locale.ROOT, "%s read %s raw records: %s were quarantined (%s%s)"
            + " and %s dropped as duplicates; %s.", Readings.count(ingest.size(), "ingest run date"), Readings.count(read),
        Readings.count(quarantined), read == 0 ? "none read" : Readings.percent((double) quarantined / read),
        reasons.isEmpty() ? "" : "; most often " + reasons.get(0).label(), Readings.count(duplicates),
        failed.isEmpty() ? "no attempt failed" : Readings.count(failed.size(), "attempt") + " failed or died ("
            + byJob.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
                .orElse("") + ")");
    return new Health(null, newestFirst.subList(0, Math.min(MAX_RUNS, newestFirst.size())),
        new ArrayList<>(ingest.values()), reasons, failed, reading);
  }

  private static long value(Long n) {
    return n == null ? 0 : n;
  }
}
