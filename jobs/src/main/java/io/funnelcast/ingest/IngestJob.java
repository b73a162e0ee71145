package io.funnelcast.ingest;

import static io.funnelcast.ingest.ParsedColumns.REASON;
import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.EVENT_ID;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.config.SourceConfig;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.Steps;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * ingest: one run date's raw files → events (clean, deduplicated, partitioned by UTC day) and
 * events_quarantine (rejected records with reasons). A run owns the rows its date's files produced
 * (run_date = D) and replaces exactly those, so rerunning a date is idempotent and late events for earlier
 * days never disturb the rows other run dates wrote.
 */
public final class IngestJob implements Job<IngestResult> {
  public static final String NAME = "ingest";

  private final SparkSession spark;
  private final SourceConfig source;
  private final DeltaTables tables;

  public IngestJob(SparkSession spark, SourceConfig source, DeltaTables tables) {
    this.spark = spark;
    this.source = source;
    this.tables = tables;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IngestResult execute(RunContext context) {
    String zone = spark.conf().get("spark.sql.session.timeZone");
    if (!"UTC".equals(zone)) {
      throw new IllegalStateException("ingest needs a UTC Spark session, got " + zone);
    }
    LocalDate runDate = context.runDate();
    Steps steps = new Steps(spark, context, 4);

    Dataset<Row> classified = EventParser.classify(RawReader.read(spark, source, runDate), source, runDate)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> storedKeys = steps.run("read-and-classify", () -> storedKeys(classified, runDate));
    // Both caches stay until the writes are done: unpersisting the parent would make Spark rebuild the
    // child's cache from the raw files.
    Dataset<Row> dispositioned = Deduplicator.withDuplicateFlag(classified, storedKeys)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = steps.run("deduplicate-and-count", () -> dispositioned.agg(
          count(lit(1)),
          sum(when(isEvent(), 1L).otherwise(0L)),
          sum(when(col(Deduplicator.IS_DUPLICATE), 1L).otherwise(0L)),
          sum(when(col(REASON).isNotNull(), 1L).otherwise(0L)),
          sum(when(isEvent().and(col(EVENT_DATE).lt(lit(runDate))), 1L).otherwise(0L))).first());
      // Checked before anything is written: a run that would lose records writes nothing.
      IngestResult result = new IngestResult(runDate, counts.getLong(0), longOrZero(counts, 1),
          longOrZero(counts, 2), longOrZero(counts, 3), longOrZero(counts, 4));

      String slice = RUN_DATE + " = DATE'" + runDate + "'";
      // Quarantine first: writing events makes Spark drop every cached plan that reads events, which
      // includes the deduplicated batch, so anything written after events would recompute it.
      steps.run("write-quarantine", () -> tables.replaceSlice(EventsQuarantineTable.SPEC,
          EventParser.rejected(dispositioned).withColumn(EventsQuarantineTable.RUN_ID, lit(context.runId())),
          slice, context.runId()));
      steps.run("write-events", () -> tables.replaceSlice(EventsTable.SPEC,
          dispositioned.filter(isEvent()), slice, context.runId()));
      return result;
    } finally {
      dispositioned.unpersist();
      classified.unpersist();
    }
  }

  /** Ids already stored by other run dates for the days this batch has events on. */
  private Dataset<Row> storedKeys(Dataset<Row> classified, LocalDate runDate) {
    List<Object> days = EventParser.valid(classified).select(EVENT_DATE).distinct()
        .collectAsList().stream().map(row -> row.get(0)).toList();
    return tables.read(EventsTable.SPEC)
        .filter(col(EVENT_DATE).isin(days.toArray()).and(col(RUN_DATE).notEqual(lit(runDate))))
        .select(EVENT_DATE, EVENT_ID);
  }

  private static Column isEvent() {
    return col(REASON).isNull().and(col(Deduplicator.IS_DUPLICATE).unary_$bang());
  }

  private static long longOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0L : row.getLong(i);
  }
}
