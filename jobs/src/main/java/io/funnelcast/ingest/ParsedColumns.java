package io.funnelcast.ingest;

/** Columns EventParser adds besides the events table's own. */
public final class ParsedColumns {
  /** Quarantine reason code; null for a valid event. */
  public static final String REASON = "reason";
  public static final String REASON_DETAIL = "reason_detail";

  private ParsedColumns() {}
}
