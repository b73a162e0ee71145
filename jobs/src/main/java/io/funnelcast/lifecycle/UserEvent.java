package io.funnelcast.lifecycle;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event of one user as the lifecycle sees it: which stage objectives and exit rules it matches
 * (index = stage index), the business day it falls on, and whether it is a churn event (churn events are
 * not activity).
 */
public record UserEvent(String eventId, String eventType, Instant time, LocalDate businessDay,
    boolean[] matchesEnter, boolean[] matchesExit, boolean churn) {}
