package io.funnelcast.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ReadProgressTest {

  @Test
  void countsTheFirstScanOfTheStepsJobsAndNotCacheReadsOrOtherJobs(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("lines.txt");
    Files.writeString(file, IntStream.range(0, 1000).mapToObj(i -> "{\"line\": " + i + "}")
        .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
    long size = Files.size(file);
    String label = "ingest 2026-11-02 [2/5] read-and-classify";
    Dataset<Row> cached = spark.read().text(file.toString()).persist();
    try (ReadProgress progress = ReadProgress.watch(spark, label, 2 * size, "2 files of 1 run date",
        Duration.ofHours(1))) {
      spark.sparkContext().setJobDescription("another step");
      assertThat(spark.read().text(file.toString()).collectAsList()).hasSize(1000);
      spark.sparkContext().setJobDescription(label);
      assertThat(cached.collectAsList()).hasSize(1000);
      assertThat(cached.filter("value like '%7%'").count()).as("read from the cache").isEqualTo(271);
      spark.sparkContext().setJobDescription(null);
      spark.sparkContext().listenerBus().waitUntilEmpty();

      assertThat(progress.bytesRead()).isEqualTo(size);
      assertThat(progress.linesRead()).isEqualTo(1000);
      assertThat(progress.line()).isEqualTo(label + ": " + ReadProgress.size(size) + " of "
          + ReadProgress.size(2 * size) + " read (50%), 1000 lines; 2 files of 1 run date");
    } finally {
      cached.unpersist();
    }
  }

  @Test
  void sizesReadAsPeopleWriteThem() {
    assertThat(ReadProgress.size(0)).isEqualTo("0.0 KB");
    assertThat(ReadProgress.size(1536)).isEqualTo("1.5 KB");
    assertThat(ReadProgress.size(70L * 1024 * 1024 + 104858)).isEqualTo("70.1 MB");
    assertThat(ReadProgress.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.00 GB");
  }
}
