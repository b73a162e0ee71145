package io.funnelcast.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.FunnelSummaryTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.tables.TableSpec;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import io.funnelcast.testing.Frames;
import io.funnelcast.testing.SparkExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes failing the ways production ones do: killed mid-write, started twice, read while they
 * write, pointed at a warehouse they cannot write. Each ends with nothing lost and the tables of a clean run.
 */
@ExtendWith(SparkExtension.class)
class FaultSuiteIT {
  static final Path ROOT = FunnelcastCliIT.ROOT;
  static final LocalDate D2 = LocalDate.of(2026, 11, 3);
  static final List<TableSpec> TABLES = List.of(EventsTable.SPEC, EventsQuarantineTable.SPEC,
      UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC, LifecycleDailyTable.SPEC, StageConversionsTable.SPEC,
      CohortConversionTable.SPEC, FunnelSummaryTable.SPEC, ForecastConversionsTable.SPEC);

  @TempDir
  Path temp;

  Process start(Path warehouse, String name, String... args) throws IOException {
    // Without the HTML report at the end of backfill: the faults are in the jobs (FunnelcastCliIT tests the report).
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/funnelcast").toString(),
        "-Dfunnelcast.warehouse=" + warehouse, "-Dfunnelcast.forecast.simulations=200",
        "-Dfunnelcast.report.after-run=false"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectOutput(temp.resolve(name + ".out").toFile()).redirectError(temp.resolve(name + ".err").toFile())
        .start();
  }

  int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(FunnelcastCliIT.PROCESS_MINUTES, TimeUnit.MINUTES)).as("finished in time").isTrue();
    return process.exitValue();
  }

  String err(String name) throws IOException {
    return Files.readString(temp.resolve(name + ".err"), StandardCharsets.UTF_8);
  }

  Dataset<Row> table(Path warehouse, TableSpec spec) {
    return SparkExtension.spark().read().format("delta")
        .load(warehouse.resolve("funnelcast.db/" + spec.name()).toString()).drop("run_id");
  }

  static boolean hasDataFile(Path table) throws IOException {
    if (!Files.isDirectory(table)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(table)) {
      return files.anyMatch(file -> file.toString().endsWith(".parquet") && !file.toString().contains("_delta_log"));
    }
  }

  @Test
  void killedStartedTwiceReadWhileWritingAndUnwritableEachEndCleanly() throws Exception {
    // A clean backfill of two nights; while it runs, a second process on the same warehouse and a delta-rs reader.
    Path clean = temp.resolve("clean");
    Process run = start(clean, "run", "backfill", "--from", "2026-11-02", "--to", D2.toString());
    Path events = clean.resolve("funnelcast.db/" + EventsTable.SPEC.name());
    while (!hasDataFile(events) && run.isAlive()) {
      Thread.sleep(200);
    }
    Process reader = new ProcessBuilder(System.getProperty("interop.python"), "-c", """
        import sys, time, deltalake
        ok, failed, versions = 0, 0, set()
        while time.time() < float(sys.argv[2]):
            try:
                deltalake.DeltaTable(sys.argv[1]).to_pyarrow_table()
                if deltalake.DeltaTable.is_deltatable(sys.argv[3]):
                    runs = deltalake.DeltaTable(sys.argv[3])
                    runs.to_pyarrow_table()
                    versions.add(runs.version())
                ok += 1
            except Exception as e:
                failed += 1
                print("read failed:", e)
            time.sleep(0.5)
        print(f"reads ok={ok} failed={failed} versions={len(versions)}")
        """, events.toString(), String.valueOf(System.currentTimeMillis() / 1000.0 + 40),
        clean.resolve("funnelcast.db/" + PipelineRunsTable.SPEC.name()).toString())
        .redirectErrorStream(true).redirectOutput(temp.resolve("reader.out").toFile()).start();
    Process second = start(clean, "second", "ingest", "--date", "2026-11-02");
    assertThat(finish(second)).as("the second process on the warehouse").isEqualTo(1);
    assertThat(err("second")).contains("funnelcast: the embedded metastore of warehouse " + clean
        + " is in use by another Funnelcast process: it allows one process at a time;");
    assertThat(finish(run)).as(err("run")).isZero();
    assertThat(reader.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String reads = Files.readString(temp.resolve("reader.out"));
    assertThat(reads).as("reads while the job wrote").containsPattern("reads ok=\\d+ failed=0 versions=[2-9]");

    // kill -9 of a backfill while it writes events, then the same backfill again.
    Path killed = temp.resolve("killed");
    Process backfill = start(killed, "killed", "backfill", "--from", "2026-11-02", "--to", D2.toString());
    while (!hasDataFile(killed.resolve("funnelcast.db/" + EventsTable.SPEC.name())) && backfill.isAlive()) {
      Thread.sleep(20);
    }
    backfill.destroyForcibly();
    backfill.waitFor();
    assertThat(backfill.exitValue()).as("killed").isEqualTo(137);
    Process again = start(killed, "again", "backfill", "--from", "2026-11-02", "--to", D2.toString());
    assertThat(finish(again)).as(err("again")).isZero();
    for (TableSpec spec : TABLES) {
      Frames.assertSameRows(table(clean, spec), table(killed, spec));
    }
    List<String> attempts = table(killed, PipelineRunsTable.SPEC).filter(col("job").equalTo(lit("ingest")))
        .orderBy("started_at", "run_date").select("status", "run_date").collectAsList().stream()
        .map(Row::toString).toList();
    assertThat(attempts).containsExactly("[died,2026-11-02]", "[died,2026-11-03]", "[succeeded,2026-11-02]",
        "[succeeded,2026-11-03]");

    // A warehouse that cannot be made: one line, a non-zero exit, nothing written.
    Path notAFolder = Files.writeString(temp.resolve("a-file"), "x");
    Process unwritable = start(notAFolder.resolve("warehouse"), "unwritable", "ingest", "--date", "2026-11-02");
    assertThat(finish(unwritable)).isNotZero();
    assertThat(err("unwritable").lines().filter(line -> line.startsWith("funnelcast: ")).toList()).hasSize(1);
    assertThat(Files.readString(notAFolder)).isEqualTo("x");
    assertThat(new File(notAFolder.toString()).isFile()).isTrue();

    // A source no file system can read: one line naming why, exit 1, the failure recorded, no events.
    Path unreadableWarehouse = temp.resolve("unreadable");
    Process unreadable = start(unreadableWarehouse, "unreadable", "-Dfunnelcast.source.path=nope://raw/date={date}",
        "ingest", "--date", "2026-11-02");
    assertThat(finish(unreadable)).isEqualTo(1);
    assertThat(err("unreadable").lines().filter(line -> line.startsWith("funnelcast: ")).toList())
        .singleElement().asString().startsWith("funnelcast: ingest 2026-11-02 failed: ").contains("nope");
    assertThat(table(unreadableWarehouse, PipelineRunsTable.SPEC).select("status").first().getString(0))
        .isEqualTo("failed");
    assertThat(unreadableWarehouse.resolve("funnelcast.db/" + EventsTable.SPEC.name())).doesNotExist();
  }
}
