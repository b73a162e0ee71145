package io.funnelcast.conversion;

import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What one conversion run did.
 *
 * @param stageVisitsRead rows of user_stage_history read
 * @param conversions stage_conversions rows written (user x pair x attempt)
 * @param converted of those, converted within the window
 * @param inFlight of those, not converted with the window still open
 */
public record ConversionResult(LocalDate runDate, long stageVisitsRead, long conversions, long converted,
    long inFlight, long cohortRows, long funnelRows) implements JobResult {

  public ConversionResult {
    if (converted + inFlight > conversions) {
      throw new IllegalStateException("converted " + converted + " + in flight " + inFlight + " exceed "
          + conversions + " conversion rows");
    }
  }

  @Override
  public long rowsRead() {
    return stageVisitsRead;
  }

  @Override
  public long rowsWritten() {
    return conversions + cohortRows + funnelRows;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT,
        "%d stage visits -> %d pair attempts (%d converted, %d in flight); %d cohort rows, %d funnel rows",
        stageVisitsRead, conversions, converted, inFlight, cohortRows, funnelRows);
  }
}
