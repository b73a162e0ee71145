package io.funnelcast.tables;

import java.util.List;

/** Every table Funnelcast writes, in the order the docs list them. */
public final class TableCatalog {
  public static final List<TableSpec> ALL = List.of(
      EventsTable.SPEC, EventsQuarantineTable.SPEC, UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC,
      LifecycleDailyTable.SPEC, StageConversionsTable.SPEC, CohortConversionTable.SPEC, FunnelSummaryTable.SPEC,
      ForecastConversionsTable.SPEC, ForecastAccuracyTable.SPEC, ForecastAccuracySummaryTable.SPEC,
      PipelineRunsTable.SPEC, InternalUserStateTable.SPEC, InternalLifecycleDailyChangesTable.SPEC);

  private TableCatalog() {}
}
