package io.funnelcast.ingest;

import static io.funnelcast.ingest.ParsedColumns.REASON;
import static io.funnelcast.metrics.Aggregates.countWhere;
import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.EVENT_ID;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.funnelcast.config.SourceConfig;
import io.funnelcast.run.ExpressionMode;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.Steps;
import io.funnelcast.tables.DateSlice;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingest: run dates' raw files → events (clean, deduplicated, partitioned by UTC day) and events_quarantine
 * (rejected records with reasons). A run owns the rows its date's files produced (run_date = D) and replaces
 * exactly those, so rerunning a date is idempotent and late events for earlier days never disturb the rows
 * other run dates wrote. A backfill ingests a range of run dates in one pass: each file still belongs to its
 * own run date, and the result equals ingesting the dates one by one in order.
 */
public final class IngestJob implements Job<IngestBatchResult> {
  public static final String NAME = "ingest";
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  /** How often the read of a long range logs how far it has got. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

  private final SparkSession spark;
  private final SourceConfig source;
  private final DeltaTables tables;
  private final LocalDate firstRunDate;

  /** Ingests the run date alone. */
  public IngestJob(SparkSession spark, SourceConfig source, DeltaTables tables) {
    this(spark, source, tables, null);
  }

  /** Ingests every run date from {@code firstRunDate} to the run date, in one pass; null for the run date alone. */
  public IngestJob(SparkSession spark, SourceConfig source, DeltaTables tables, LocalDate firstRunDate) {
    this.spark = spark;
    this.source = source;
    this.tables = tables;
    this.firstRunDate = firstRunDate;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<LocalDate> runDates(LocalDate runDate) {
    LocalDate first = firstRunDate == null ? runDate : firstRunDate;
    if (first.isAfter(runDate)) {
      throw new IllegalArgumentException("ingest: first run date " + first + " is after " + runDate);
    }
    return first.datesUntil(runDate.plusDays(1)).toList();
  }

  @Override
  public IngestBatchResult execute(RunContext context) {
    String zone = spark.conf().get("spark.sql.session.timeZone");
    if (!"UTC".equals(zone)) {
      throw new IllegalStateException("ingest needs a UTC Spark session, got " + zone);
    }
    List<LocalDate> runDates = runDates(context.runDate());
    LocalDate first = runDates.get(0);
    LocalDate last = context.runDate();
    Steps steps = new Steps(spark, context, 5);
    List<RawFiles.RawDay> days = steps.run("list-files", () -> RawFiles.list(spark, source, runDates));
    long bytes = days.stream().mapToLong(RawFiles.RawDay::bytes).sum();
    ExpressionMode.forInput(spark, tables.log().sizeInBytes(EventsTable.SPEC) + bytes);
    long files = days.stream().mapToLong(day -> day.files().size()).sum();
    if (runDates.size() > 1) {
      LOG.info("ingest {}..{}: {} files in {} run dates ({} missing, {} without files)", first, last, files,
          runDates.size(), days.stream().filter(RawFiles.RawDay::missing).count(),
          days.stream().filter(day -> day.files().isEmpty()).count());
    }

    Dataset<Row> classified = EventParser.classify(RawReader.read(spark, source, days), source)
        .persist(StorageLevel.MEMORY_AND_DISK());
    DateSlice owned = DateSlice.between(RUN_DATE, first, last);
    Dataset<Row> storedKeys = steps.runReading("read-and-classify", bytes,
        files + " files of " + runDates.size() + " run dates", PROGRESS_EVERY, () -> {
      try {
        return storedKeys(classified, owned);
      } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown undeclared
        throw IngestJob.<RuntimeException>rethrow(namingBrokenFiles(e, days));
      }
    });
    // Both caches stay until the writes are done: unpersisting the parent would make Spark rebuild the
    // child's cache from the raw files.
    Dataset<Row> dispositioned = Deduplicator.withDuplicateFlag(classified, storedKeys)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> counts = steps.run("deduplicate-and-count", () -> dispositioned.groupBy(col(RUN_DATE)).agg(
          count(lit(1)),
          countWhere(isEvent()),
          countWhere(col(Deduplicator.IS_DUPLICATE)),
          countWhere(col(REASON).isNotNull()),
          countWhere(isEvent().and(col(EVENT_DATE).lt(col(RUN_DATE))))).collectAsList());
      // Checked before anything is written: a run that would lose records writes nothing.
      IngestBatchResult result = result(runDates, counts, files);

      // Quarantine first: writing events makes Spark drop every cached plan that reads events, which
      // includes the deduplicated batch, so anything written after events would recompute it.
      steps.run("write-quarantine", () -> tables.replaceSlice(EventsQuarantineTable.SPEC,
          EventParser.rejected(dispositioned).withColumn(EventsQuarantineTable.RUN_ID, lit(context.runId())),
          owned, context.runId()));
      steps.run("write-events", () -> tables.replaceSlice(EventsTable.SPEC,
          dispositioned.filter(isEvent()), owned, context.runId()));
      return result;
    } finally {
      dispositioned.unpersist();
      classified.unpersist();
    }
  }

  /**
   * A truncated or corrupt compressed file fails the run (its records cannot all be read, and skipping it
   * would lose them silently): the error names the file, to be delivered again.
   */
  private Exception namingBrokenFiles(Exception e, List<RawFiles.RawDay> days) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException) {
        List<String> broken = RawFiles.brokenCompressedFiles(spark, days);
        if (!broken.isEmpty()) {
          return new IllegalStateException("truncated or corrupt raw file" + (broken.size() > 1 ? "s" : "") + ": "
              + String.join(", ", broken) + "; deliver it again and rerun the date", e);
        }
      }
    }
    return e;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Exception> T rethrow(Exception e) throws T {
    throw (T) e;
  }

  /** A result per run date; a date with no rows has zeros. */
  private static IngestBatchResult result(List<LocalDate> runDates, List<Row> counts, long files) {
    Map<LocalDate, Row> byDate = new HashMap<>();
    for (Row row : counts) {
      if (row.isNullAt(0)) {
        throw new IllegalStateException("ingest: " + row.getLong(1) + " raw records came from files that belong"
            + " to no run date");
      }
      byDate.put(EventTimes.localDate(row.get(0)), row);
    }
    List<IngestResult> days = new ArrayList<>();
    List<LocalDate> empty = new ArrayList<>();
    for (LocalDate runDate : runDates) {
      Row row = byDate.get(runDate);
      if (row == null) {
        empty.add(runDate);
        days.add(new IngestResult(runDate, 0, 0, 0, 0, 0));
      } else {
        days.add(new IngestResult(runDate, row.getLong(1), longOrZero(row, 2), longOrZero(row, 3),
            longOrZero(row, 4), longOrZero(row, 5)));
      }
    }
    return new IngestBatchResult(days, empty, files);
  }

  /** Ids already stored by run dates outside this batch for the days the batch has events on. */
  private Dataset<Row> storedKeys(Dataset<Row> classified, DateSlice owned) {
    List<Object> days = EventParser.valid(classified).select(EVENT_DATE).distinct()
        .collectAsList().stream().map(row -> row.get(0)).toList();
    return tables.read(EventsTable.SPEC)
        .filter(col(EVENT_DATE).isin(days.toArray()).and(not(owned.predicate())))
        .select(EVENT_DATE, EVENT_ID);
  }

  private static Column isEvent() {
    return col(REASON).isNull().and(col(Deduplicator.IS_DUPLICATE).unary_$bang());
  }

  private static long longOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0L : row.getLong(i);
  }
}
