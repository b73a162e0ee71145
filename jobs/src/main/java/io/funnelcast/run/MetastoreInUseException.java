package io.funnelcast.run;

/** The warehouse's embedded metastore is held by another process; nothing ran. */
public final class MetastoreInUseException extends IllegalStateException {
  public MetastoreInUseException(String message) {
    super(message);
  }
}
