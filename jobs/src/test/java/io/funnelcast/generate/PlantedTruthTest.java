package io.funnelcast.generate;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.ingest.IngestResult;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.UserStageHistoryTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against the generator's planted truth: stage entries user by user, and cohort figures inside
 * statistical bands around the planted laws. Each data set is ingested in one run for its last day (every
 * earlier day's events arrive as late events), which exercises dedupe and quarantine on all of them at once.
 */
@ExtendWith(SparkExtension.class)
class PlantedTruthTest {
  /** Two-sided 95% band with a Bonferroni correction for about 150 comparisons: z = 3.5 (p ≈ 0.00047 each). */
  static final double Z = 3.5;

  @TempDir
  Path temp;

  /** Generates, then copies every day's file into the last day's folder for one ingest run. */
  PipelineHarness pipeline(GenerateOptions options, String... config) throws IOException {
    GenerateResult generated = SyntheticLogs.generate(options);
    Path oneDay = temp.resolve("all/date=" + options.lastDay());
    Files.createDirectories(oneDay);
    for (LocalDate day = options.firstDay(); !day.isAfter(options.lastDay()); day = day.plusDays(1)) {
      Files.copy(options.out().resolve("raw/date=" + day + "/" + SyntheticLogs.FILE), oneDay.resolve(day + ".jsonl"));
    }
    PipelineHarness harness = new PipelineHarness(temp.resolve("all"), temp.resolve("warehouse"), config);
    IngestResult ingest = harness.ingest(options.lastDay());
    assertThat(ingest.rawRecordsRead()).isEqualTo(generated.lines());
    assertThat(ingest.eventsWritten()).as("every planted event once").isEqualTo(generated.events());
    assertThat(ingest.duplicatesDropped()).isEqualTo(generated.duplicateLines());
    assertThat(ingest.quarantined()).isEqualTo(generated.badLines());
    harness.lifecycle(options.lastDay(), true);
    return harness;
  }

  @Test
  void everyUsersStageEntriesAreThePlantedOnes() throws IOException {
    GenerateOptions options = new GenerateOptions(temp.resolve("gen"), 600, LocalDate.of(2026, 3, 1), 75, 11, 0.01,
        0.02, 0.02, 0, PlantedBehaviour.defaults());
    PipelineHarness harness = pipeline(options);
    Dataset<Row> planted = SparkExtension.spark().read().option("header", true)
        .csv(options.out().resolve("truth/stage_entries.csv").toString())
        .select(col("user_id"), col("stage"), col("attempt").cast("int"), to_timestamp(col("entered_at")).as("entered_at"),
            col("is_skipped").cast("boolean"));
    Dataset<Row> found = harness.tables().read(UserStageHistoryTable.SPEC)
        .select("user_id", "stage", "attempt", "entered_at", "is_skipped");
    // The data set has every kind of planted move, so equality says something about each.
    assertThat(planted.filter("stage = 'engagement' AND attempt = 2").count()).as("cancellations").isPositive();
    assertThat(planted.filter("stage = 'conversion' AND attempt = 2").count()).as("returns").isPositive();
    assertThat(planted.filter("stage = 'retention' AND NOT is_skipped").count()).as("retention").isPositive();
    assertThat(planted.filter("stage = 'retention' AND is_skipped").count()).as("skipped retention").isPositive();
    assertThat(planted.filter("stage = 'advocacy'").count()).isPositive();
    assertSameRows(planted, found);
  }

  @Test
  void cohortFiguresFallInsideBandsAroundThePlantedLaws() throws IOException {
    PlantedBehaviour behaviour = PlantedBehaviour.defaults().withoutCancels();
    GenerateOptions options = new GenerateOptions(temp.resolve("gen"), 24_000, LocalDate.of(2026, 1, 1), 150, 5,
        0.001, 0.01, 0.005, 0, behaviour);
    PipelineHarness harness = pipeline(options, "lifecycle.segments.0", "properties['channel']",
        "conversion.cohort-grains.0", "month");
    harness.conversion(options.lastDay());
    List<Row> cohorts = harness.tables().read(CohortConversionTable.SPEC)
        .filter("segment_name = 'channel' AND entrants_count >= 300")
        .filter(col("from_stage").isin("awareness", "engagement")).collectAsList();

    int checks = 0;
    List<Double> widths = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    List<String> wrongLawMisses = new ArrayList<>();
    for (Row row : cohorts) {
      PlantedBehaviour.Segment segment = segment(behaviour, row.getAs("segment_value"));
      PlantedBehaviour.Segment other = segment(behaviour, segment.channel().equals("social") ? "referral" : "social");
      String pair = row.getAs("from_stage") + " -> " + row.getAs("to_stage");
      Object[] law = PlantedTruth.cleanPairs(behaviour, segment).get(pair);
      Object[] wrongLaw = PlantedTruth.cleanPairs(behaviour, other).get(pair);
      String where = row.getAs("cohort_start") + " " + segment.channel() + " " + pair;
      for (Row point : row.<Row>getList(row.fieldIndex("km_curve"))) {
        int day = point.getInt(0);
        // Past 30 days, or with few entrants left at risk, a cohort says little.
        if (day > 30 || point.getLong(4) < 50) {
          continue;
        }
        double[] band = kaplanMeierBand(point.getDouble(1), point.getDouble(2));
        widths.add(band[1] - band[0]);
        checks++;
        record(misses, where + " KM day " + day, band, PlantedTruth.curve((double) law[0], (LogNormal) law[1], day));
        record(wrongLawMisses, where, band, PlantedTruth.curve((double) wrongLaw[0], (LogNormal) wrongLaw[1], day));
      }
      for (Row horizon : row.<Row>getList(row.fieldIndex("within"))) {
        long observed = horizon.getLong(1);
        if (observed < 100) {
          continue;
        }
        double planted = PlantedTruth.curve((double) law[0], (LogNormal) law[1], horizon.getDouble(0));
        double rate = horizon.getDouble(3);
        double se = Math.sqrt(planted * (1 - planted) / observed);
        checks++;
        record(misses, where + " within " + horizon.getDouble(0), new double[] {rate - Z * se, rate + Z * se}, planted);
      }
    }
    assertThat(checks).as("comparisons made").isGreaterThan(100);
    assertThat(widths.stream().sorted().toList().get(widths.size() / 2)).as("median band width").isLessThan(0.1);
    assertThat(misses).as("planted values outside the bands").isEmpty();
    assertThat(wrongLawMisses).as("another channel's law is rejected").hasSizeGreaterThan(checks / 4);
  }

  static void record(List<String> misses, String where, double[] band, double planted) {
    if (planted < band[0] || planted > band[1]) {
      misses.add(String.format("%s: planted %.4f outside [%.4f, %.4f]", where, planted, band[0], band[1]));
    }
  }

  /**
   * The reported 95% interval widened to z = {@link #Z} on the same log(−log S) scale: from S and the lower
   * end S_low = S^exp(1.96 se), se = ln(ln S_low / ln S) / 1.96.
   */
  static double[] kaplanMeierBand(double rate, double ciLow) {
    double s = 1 - rate;
    double sHigh = 1 - ciLow;
    if (s <= 0 || s >= 1 || sHigh >= 1) {
      return new double[] {rate, rate};
    }
    double se = Math.log(Math.log(sHigh) / Math.log(s)) / -1.959963984540054;
    return new double[] {1 - Math.pow(s, Math.exp(-Z * se)), 1 - Math.pow(s, Math.exp(Z * se))};
  }

  static PlantedBehaviour.Segment segment(PlantedBehaviour behaviour, String channel) {
    return behaviour.segments().stream().filter(s -> s.channel().equals(channel)).findFirst().orElseThrow();
  }

}
