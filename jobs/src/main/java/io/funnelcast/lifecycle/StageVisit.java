package io.funnelcast.lifecycle;

import java.time.Instant;

/**
 * One visit of one stage: a row of user_stage_history without the user.
 *
 * @param exitedAt null while the user is still in the stage
 * @param exitReason "advanced" (moved up), "exit:&lt;event type&gt;" (moved back by an exit event), or null
 * @param skipped entered only because a later stage was reached at the same instant
 */
public record StageVisit(String stage, int stageIndex, int attempt, Instant enteredAt, Instant exitedAt,
    String entryEventId, String exitReason, String exitEventId, boolean skipped) {

  public static final String ADVANCED = "advanced";
  public static final String EXIT_PREFIX = "exit:";

  StageVisit closed(Instant at, String reason, String eventId) {
    return new StageVisit(stage, stageIndex, attempt, enteredAt, at, entryEventId, reason, eventId, skipped);
  }
}
