package io.funnelcast.ingest;

/** Columns of a decoded raw batch, before parsing into events. */
public final class RawColumns {
  /** The file the record came from. */
  public static final String SOURCE_FILE = "source_file";
  /** The record as it was (a line of text; a parquet row rendered as JSON). */
  public static final String RAW_RECORD = "raw_record";
  /** The record's top-level fields as text, keyed by raw field name; null when it could not be decoded. */
  public static final String FIELDS = "fields";
  /** Why the record could not be decoded; null when it could. */
  public static final String DECODE_ERROR = "decode_error";

  private RawColumns() {}
}
