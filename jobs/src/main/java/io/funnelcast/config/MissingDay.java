package io.funnelcast.config;

/** What a run does when a run date's raw folder does not exist (an empty folder is always a day with no events). */
public enum MissingDay {
  /** The run fails: an upstream delivery that has not landed should not look like a quiet day. */
  FAIL,
  /** The day is read as a day with no events. */
  EMPTY
}
