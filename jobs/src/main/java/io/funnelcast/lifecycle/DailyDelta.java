package io.funnelcast.lifecycle;

import java.time.LocalDate;

/**
 * A change one user makes to lifecycle_daily on a day: leaving or joining the users in a stage with an
 * activity status (inStageDelta -1/+1, status set), or entering or exiting a stage (counts, status null).
 */
public record DailyDelta(LocalDate day, int stageIndex, String status, int inStageDelta, int enteredCount,
    int exitedCount) {}
