package io.funnelcast.generate;

import java.nio.file.Path;

/**
 * What was written. Conservation: {@code lines = events + duplicateLines + badLines}.
 *
 * @param events distinct events written (each once, perhaps in a later day's file)
 * @param lateEvents of those, written to a later day's file than their own
 * @param stageEntries planted stage visits up to the last day (truth/stage_entries.csv rows)
 */
public record GenerateResult(Path out, long users, long events, long lateEvents, long duplicateLines, long badLines,
    long lines, long stageEntries) {
  public GenerateResult {
    if (lines != events + duplicateLines + badLines) {
      throw new IllegalStateException("lines " + lines + " != events " + events + " + duplicates " + duplicateLines
          + " + bad " + badLines);
    }
  }
}
