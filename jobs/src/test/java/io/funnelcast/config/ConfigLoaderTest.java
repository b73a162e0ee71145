package io.funnelcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path temp;

  Path file(String text) throws IOException {
    Path path = temp.resolve("my.conf");
    Files.writeString(path, text);
    return path;
  }

  static Properties props(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  static FunnelcastConfig load(Path file, Properties properties) {
    return ConfigLoader.load(Optional.ofNullable(file), properties);
  }

  @Test
  void defaultsAreTheLocalSetUp() {
    FunnelcastConfig config = load(null, new Properties());
    assertThat(config.warehouse()).isEqualTo("warehouse");
    assertThat(config.database()).isEqualTo("funnelcast");
    assertThat(config.businessTimeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.weekStart()).isEqualTo(DayOfWeek.MONDAY);
    SourceConfig source = config.source();
    assertThat(source.format()).isEqualTo(SourceFormat.JSON);
    assertThat(source.pathFor(java.time.LocalDate.of(2026, 11, 3))).isEqualTo("data-samples/raw/date=2026-11-03");
    assertThat(source.fields()).isEqualTo(new FieldMapping("event_id", "user_id", "event_type", "event_time"));
    assertThat(source.eventTimeFormat().kind()).isEqualTo(EventTimeFormat.Kind.ISO);
    assertThat(source.properties()).isEqualTo(PropertiesMapping.objectField("properties"));
    assertThat(source.maxFutureSkew()).isEqualTo(Duration.ofDays(1));
    assertThat(source.maxLateness()).isEqualTo(Duration.ofDays(365));
    assertThat(config.spark().master()).isEqualTo("local[*]");
    assertThat(config.spark().settings()).containsEntry("spark.sql.shuffle.partitions", "8");
    assertThat(config.spark().interpretBelowBytes()).isEqualTo(2_000_000L);
  }

  @Test
  void theReportGoesBesideTheTablesUnlessAFolderIsNamed() {
    assertThat(load(null, props("funnelcast.warehouse", "/data/wh/")).report())
        .isEqualTo(new ReportConfig("/data/wh/reports", true, 12));
    assertThat(load(null, props("funnelcast.report.dir", "s3a://bucket/reports", "funnelcast.report.after-run", "false"))
        .report()).isEqualTo(new ReportConfig("s3a://bucket/reports", false, 12));
    assertThatThrownBy(() -> load(null, props("funnelcast.report.max-segment-values", "0")))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("funnelcast.report.max-segment-values: ").hasMessageContaining("must be at least 1");
  }

  @Test
  void theInterpretThresholdIsASizeOfAtLeastZero() {
    assertThat(load(null, props("funnelcast.spark.interpret-below", "0")).spark().interpretBelowBytes()).isZero();
    assertThat(load(null, props("funnelcast.spark.interpret-below", "1g")).spark().interpretBelowBytes())
        .isEqualTo(1L << 30);
    assertThatThrownBy(() -> load(null, props("funnelcast.spark.interpret-below", "-1 MB")))
        .isInstanceOf(ConfigError.class)
        .hasMessage("-D system property: Invalid value at 'funnelcast.spark.interpret-below': Attempt to construct"
            + " memory size with negative number: -1000000");
    assertThatThrownBy(() -> load(null, props("funnelcast.spark.interpret-below", "lots")))
        .isInstanceOf(ConfigError.class).hasMessageContaining("funnelcast.spark.interpret-below");
  }

  @Test
  void theFileOverlaysDefaultsAndSystemPropertiesOverrideTheFile() throws IOException {
    Path conf = file("""
        funnelcast {
          warehouse = "/data/wh"
          business-time-zone = "Europe/Berlin"
          week-start = sunday
          source { format = csv, event-time-format = epoch-millis, properties = ["plan", "country"]
                   fields.user-id = userId }
          spark.conf { "spark.sql.shuffle.partitions" = 64, spark.executor.memory = 4g }
        }
        """);
    FunnelcastConfig config = load(conf, props("funnelcast.warehouse", "/override", "java.version", "ignored"));
    assertThat(config.warehouse()).isEqualTo("/override");
    assertThat(config.businessTimeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(config.weekStart()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(config.source().format()).isEqualTo(SourceFormat.CSV);
    assertThat(config.source().fields().userId()).isEqualTo("userId");
    assertThat(config.source().fields().eventId()).isEqualTo("event_id");
    assertThat(config.source().properties()).isEqualTo(PropertiesMapping.packed(List.of("plan", "country")));
    assertThat(config.spark().settings()).containsAllEntriesOf(Map.of(
        "spark.sql.shuffle.partitions", "64", "spark.executor.memory", "4g", "spark.ui.enabled", "false"));
  }

  @Test
  void theHashChangesWithTheConfigAndNotWithItsLayout() throws IOException {
    String a = load(file("funnelcast { database = x, warehouse = w }"), new Properties()).hashes().whole();
    String b = load(file("funnelcast.warehouse = w\nfunnelcast.database = \"x\""), new Properties()).hashes().whole();
    String c = load(file("funnelcast { database = y, warehouse = w }"), new Properties()).hashes().whole();
    assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void eachJobsHashCoversOnlyTheKeysThatChangeWhatItWrites() throws IOException {
    ConfigHashes base = load(file("funnelcast { warehouse = w }"), new Properties()).hashes();
    ConfigHashes spark = load(file("funnelcast { warehouse = w, spark.conf { \"spark.sql.shuffle.partitions\" = 3 } }"),
        new Properties()).hashes();
    ConfigHashes elsewhere = load(file("funnelcast { warehouse = elsewhere }"), new Properties()).hashes();
    ConfigHashes simulations = load(file("funnelcast { warehouse = w, forecast.simulations = 200 }"),
        new Properties()).hashes();
    ConfigHashes stages = load(file("funnelcast { warehouse = w, lifecycle.model = freemium }"), new Properties())
        .hashes();
    ConfigHashes mapping = load(file("funnelcast { warehouse = w, source.fields.user-id = uid }"), new Properties())
        .hashes();
    List<String> jobs = List.of("ingest", "lifecycle", "conversion", "forecast", "backtest");
    for (String job : jobs) {
      assertThat(spark.forJob(job)).as(job + ": a Spark setting").isEqualTo(base.forJob(job));
      assertThat(elsewhere.forJob(job)).as(job + ": the warehouse location").isEqualTo(base.forJob(job));
    }
    assertThat(spark.whole()).isNotEqualTo(base.whole());
    assertThat(simulations.forJob("lifecycle")).isEqualTo(base.forJob("lifecycle"));
    assertThat(simulations.forJob("forecast")).isNotEqualTo(base.forJob("forecast"));
    for (String job : jobs.subList(1, jobs.size())) {
      assertThat(stages.forJob(job)).as(job + ": the stages").isNotEqualTo(base.forJob(job));
    }
    assertThat(stages.forJob("ingest")).isEqualTo(base.forJob("ingest"));
    assertThat(mapping.forJob("lifecycle")).isNotEqualTo(base.forJob("lifecycle"));
    assertThat(mapping.forJob("conversion")).isEqualTo(base.forJob("conversion"));
    assertThat(base.forJob("some-other-job")).isEqualTo(base.whole());
  }

  @Test
  void anUnknownKeyIsNamedWithItsFileAndLine() throws IOException {
    Path conf = file("funnelcast {\n  source {\n    feilds { user-id = userId }\n  }\n}\n");
    assertThatThrownBy(() -> load(conf, new Properties()))
        .isInstanceOf(ConfigError.class)
        .hasMessage("funnelcast.source.feilds.user-id: unknown key (" + conf + ": 3);"
            + " see reference.conf for the keys there are");
  }

  @Test
  void anUnknownKeyFromASystemPropertyIsNamed() {
    assertThatThrownBy(() -> load(null, props("funnelcast.warehous", "x")))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("funnelcast.warehous: unknown key (-D system property");
  }

  @Test
  void aWrongTypeNamesTheKeyAndWhatWasExpected() throws IOException {
    Path conf = file("funnelcast.source.max-future-skew = soon\n");
    assertThatThrownBy(() -> load(conf, new Properties()))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("funnelcast.source.max-future-skew")
        .hasMessageContaining("my.conf")
        .hasMessageContaining("soon");
  }

  @Test
  void badValuesAreNamedWithWhatIsAllowed() throws IOException {
    assertThatThrownBy(() -> load(file("funnelcast.source.format = xml\n"), new Properties()))
        .hasMessage("funnelcast.source.format: 'xml' is invalid: expected one of json, csv, parquet"
            + " (" + temp.resolve("my.conf") + ": 1)");
    assertThatThrownBy(() -> load(null, props("funnelcast.source.path", "raw/today")))
        .hasMessage("funnelcast.source.path: 'raw/today' is invalid: must contain {date}, which becomes the run"
            + " date (-D system property)");
    assertThatThrownBy(() -> load(null, props("funnelcast.business-time-zone", "Mars/Olympus")))
        .hasMessageStartingWith("funnelcast.business-time-zone: 'Mars/Olympus' is invalid: not a time zone id");
    assertThatThrownBy(() -> load(null, props("funnelcast.source.event-time-format", "yyyy-MM-dd {")))
        .hasMessageStartingWith("funnelcast.source.event-time-format: 'yyyy-MM-dd {' is invalid: not iso,");
    assertThatThrownBy(() -> load(null, props("funnelcast.source.max-lateness", "-1 day")))
        .hasMessageStartingWith("funnelcast.source.max-lateness: '\"-1 day\"' is invalid: must not be negative");
    assertThatThrownBy(() -> load(null, props("funnelcast.database", "my-db")))
        .hasMessageStartingWith("funnelcast.database: 'my-db' is invalid: letters, digits and _ only");
  }

  @Test
  void theEmbeddedMetastoreNeedsALocalWarehouse() {
    assertThat(load(null, new Properties()).metastore()).isEqualTo(Metastore.EMBEDDED);
    assertThatThrownBy(() -> load(null, props("funnelcast.warehouse", "s3a://lake/fc")))
        .hasMessageStartingWith("funnelcast.metastore: 'embedded' is invalid: the embedded metastore needs a local"
            + " warehouse, and s3a://lake/fc is not; use hive or session");
    assertThat(load(null, props("funnelcast.warehouse", "s3a://lake/fc", "funnelcast.metastore", "session"))
        .metastore()).isEqualTo(Metastore.SESSION);
    assertThat(load(null, props("funnelcast.warehouse", "file:/tmp/fc")).metastore()).isEqualTo(Metastore.EMBEDDED);
  }

  @Test
  void aMissingConfFileOrRequiredKeyIsNamed() throws IOException {
    assertThatThrownBy(() -> load(temp.resolve("nope.conf"), new Properties()))
        .isInstanceOf(ConfigError.class)
        .hasMessage("--conf file not found: " + temp.resolve("nope.conf"));
    assertThatThrownBy(() -> load(file("funnelcast.source.fields.user-id = null\n"), new Properties()))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("funnelcast.source.fields.user-id");
  }

  @Test
  void aSyntaxErrorNamesTheFileAndLine() throws IOException {
    assertThatThrownBy(() -> load(file("funnelcast {\n  warehouse = \n"), new Properties()))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("my.conf: 3");
  }

  @Test
  void theShippedOverlaysLoad() {
    Path confDir = Files.isDirectory(Path.of("../conf")) ? Path.of("../conf") : Path.of("conf");
    assertThat(load(confDir.resolve("local.conf"), new Properties()).warehouse()).isEqualTo("warehouse");
    FunnelcastConfig cluster = load(confDir.resolve("cluster.conf"), new Properties());
    assertThat(cluster.source().fields().userId()).isEqualTo("userId");
    assertThat(cluster.source().eventTimeFormat().kind()).isEqualTo(EventTimeFormat.Kind.EPOCH_MILLIS);
  }
}
