package io.funnelcast.lifecycle;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event of one user as the stage machine sees it: which stage objectives and exit rules it matches
 * (index = stage index) and the business day it falls on.
 */
public record UserEvent(String eventId, String eventType, Instant time, LocalDate businessDay,
    boolean[] matchesEnter, boolean[] matchesExit) {}
