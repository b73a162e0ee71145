package io.funnelcast.report;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.report.ReportData.Step;
import io.funnelcast.run.Version;
import io.funnelcast.tables.DeltaTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/funnelcast report}: the tables as of a date read into {@link ReportData}, rendered by
 * {@link ReportPage} into one folder that opens from disk: index.html (the data inside as JSON), report.js,
 * and the charting library, Apache ECharts, copied from the jar. Written through Hadoop's file systems, so the
 * folder may be local or on the warehouse's object store.
 */
public final class HtmlReport {
  /** ECharts as bundled in the jar (the WebJar's minified build), and the files the folder gets. */
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  static final String ECHARTS_LICENSE = "META-INF/resources/webjars/echarts/5.3.1/LICENSE";
  static final String SCRIPT = "io/funnelcast/report/report.js";

  private HtmlReport() {}

  /** Reads the tables as of {@code asOf}; a section without data says what is missing. */
  public static ReportData data(DeltaTables tables, FunnelcastConfig config, LocalDate asOf) {
    ReportInputs in = ReportInputs.read(tables, config, asOf);
    List<LifecycleSections.Day> days = in.lifecycleDaily().map(LifecycleSections::days).orElse(List.of());
    List<Step> funnel = FunnelSection.allUsers(in);
    return new ReportData(asOf.toString(), Version.current(), config.businessTimeZone().getId(),
        config.lifecycle().model().stageNames(), LifecycleSections.headline(in, days, funnel),
        FunnelSection.read(in, funnel), LifecycleSections.population(in, days), CohortSection.read(in),
        ForecastSection.read(in), HealthSection.read(in));
  }

  /**
   * Writes the report for {@code asOf} into {@code <dir>/<asOf>/} and returns the location of its index.html
   * (a local path when the folder is local).
   */
  public static String write(SparkSession spark, DeltaTables tables, FunnelcastConfig config, LocalDate asOf,
      String dir) {
    ReportData data = data(tables, config, asOf);
    Path folder = new Path(dir, asOf.toString());
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      // No .crc files beside the report's (the local file system writes them by default).
      fs.setWriteChecksum(false);
      fs.mkdirs(folder);
      Path index = new Path(folder, "index.html");
      try (OutputStream out = fs.create(index, true)) {
        out.write(ReportPage.render(data).getBytes(StandardCharsets.UTF_8));
      }
      copy(fs, SCRIPT, new Path(folder, "report.js"));
      copy(fs, ECHARTS, new Path(folder, "echarts.min.js"));
      copy(fs, ECHARTS_LICENSE, new Path(folder, "echarts-LICENSE.txt"));
      Path qualified = fs.makeQualified(index);
      return "file".equals(qualified.toUri().getScheme()) ? qualified.toUri().getPath() : qualified.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report to " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void copy(FileSystem fs, String resource, Path target) throws IOException {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(resource);
        OutputStream out = fs.create(target, true)) {
      if (in == null) {
        throw new IOException("the jar lacks " + resource);
      }
      in.transferTo(out);
    }
  }
}
