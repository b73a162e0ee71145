package io.funnelcast.cli;

import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.tables.DeltaTables;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read a day's raw logs into the events table; bad records go to events_quarantine.")
final class IngestCommand extends JobCommand {
  @Override
  List<Pipeline.Step> plan(SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      List<LocalDate> runDates) {
    return eachDate(runDates, new IngestJob(spark, config.source(), tables));
  }
}
