package io.funnelcast.config;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * The business days and weeks that cohorts and forecast periods follow ({@code funnelcast.business-time-zone} and
 * {@code funnelcast.week-start}).
 */
public record BusinessCalendar(ZoneId timeZone, DayOfWeek weekStart) {}
