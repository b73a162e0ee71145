package io.funnelcast.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated user: the events they produce and the five-level stage entries those events cause, decided
 * together so the entries are known exactly. Events that must not move the user (page views, sessions short of
 * the engagement objective, feature use) are placed where the stage rules cannot count them.
 */
final class SyntheticUser {
  static final String AWARENESS = "awareness";
  static final String ENGAGEMENT = "engagement";
  static final String CONVERSION = "conversion";
  static final String RETENTION = "retention";
  static final String ADVOCACY = "advocacy";
  static final Duration RETENTION_DELAY = Duration.ofDays(30);
  private static final Duration DAY = Duration.ofDays(1);

  /** One event as written to the log. */
  record Event(Instant time, String type, Map<String, String> properties) {}

  /** One planted stage visit. */
  record Entry(String stage, int attempt, Instant at, boolean skipped) {}

  final String userId;
  final PlantedBehaviour.Segment segment;
  final List<Event> events = new ArrayList<>();
  final List<Entry> entries = new ArrayList<>();
  /** Entries into conversion (every attempt), for the truth about future conversions. */
  final List<Instant> conversions = new ArrayList<>();

  private final SplittableRandom random;
  private final PlantedBehaviour behaviour;

  private SyntheticUser(String userId, PlantedBehaviour.Segment segment, SplittableRandom random,
      PlantedBehaviour behaviour) {
    this.userId = userId;
    this.segment = segment;
    this.random = random;
    this.behaviour = behaviour;
  }

  /** Simulates the user from their first visit on; events may run past any end date (the caller cuts). */
  static SyntheticUser simulate(String userId, PlantedBehaviour.Segment segment, Instant firstVisit,
      SplittableRandom random, PlantedBehaviour behaviour) {
    SyntheticUser user = new SyntheticUser(userId, segment, random, behaviour);
    user.live(firstVisit);
    return user;
  }

  private void live(Instant firstVisit) {
    event(firstVisit, "page_view", Map.of("channel", segment.channel(), "page", "/"));
    entries.add(new Entry(AWARENESS, 1, firstVisit, false));
    if (!chance(segment.engageProbability())) {
      neverEngages(firstVisit);
      return;
    }
    Duration toEngage = behaviour.toEngagement().sample(random);
    Instant engaged = firstVisit.plus(toEngage);
    // The third session within 7 days meets the objective; the first two fall inside that window.
    event(firstVisit.plus(max(part(toEngage, 1, 3), toEngage.minus(DAY.multipliedBy(2)))), "session_start", Map.of());
    event(firstVisit.plus(max(part(toEngage, 2, 3), toEngage.minus(DAY))), "session_start", Map.of());
    event(engaged, "session_start", Map.of());
    entries.add(new Entry(ENGAGEMENT, 1, engaged, false));
    if (!chance(segment.convertProbability())) {
      goesQuiet(engaged);
      return;
    }
    Instant converted = engaged.plus(behaviour.toConversion().sample(random));
    featureUse(engaged, converted);
    subscribe(converted, 1);
    if (chance(behaviour.cancelProbability())) {
      Instant cancelled = converted.plus(uniform(DAY.multipliedBy(2), DAY.multipliedBy(25)));
      featureUse(converted, cancelled);
      event(cancelled, "cancel", Map.of());
      entries.add(new Entry(ENGAGEMENT, 2, cancelled, false));
      if (chance(behaviour.returnProbability())) {
        Instant back = cancelled.plus(behaviour.toReturn().sample(random));
        subscribe(back, 2);
        afterConverting(back, false);
      }
      return;
    }
    afterConverting(converted, true);
  }

  /** Up to two sessions (never three within 7 days) and maybe a return visit: awareness only. */
  private void neverEngages(Instant firstVisit) {
    int sessions = random.nextInt(3);
    for (int i = 1; i <= sessions; i++) {
      event(firstVisit.plus(DAY.multipliedBy(8L * i - 4)), "session_start", Map.of());
    }
    goesQuiet(firstVisit.plus(DAY.multipliedBy(20)));
  }

  /** A user who does not convert: dormant, perhaps back for one visit 20–60 days later. */
  private void goesQuiet(Instant from) {
    if (chance(behaviour.dormantReturnProbability())) {
      event(from.plus(uniform(DAY.multipliedBy(20), DAY.multipliedBy(60))), "page_view", Map.of("page", "/pricing"));
    }
  }

  private void subscribe(Instant at, int attempt) {
    event(at, "subscribe", Map.of("plan", "pro", "revenue", "49.00", "currency", "USD"));
    entries.add(new Entry(CONVERSION, attempt, at, false));
    conversions.add(at);
  }

  /**
   * After entering conversion: an early referral (skipping retention), or retention at the first event 30 days
   * on, then perhaps a referral; otherwise silence, so nothing else can count for retention.
   */
  private void afterConverting(Instant converted, boolean mayReferEarly) {
    Instant quietFrom = converted.plus(DAY.multipliedBy(25));
    if (mayReferEarly && chance(behaviour.earlyReferralProbability())) {
      Instant referred = converted.plus(uniform(DAY, DAY.multipliedBy(20)));
      featureUse(converted, referred);
      event(referred, "referral_sent", Map.of());
      entries.add(new Entry(RETENTION, 1, referred, true));
      entries.add(new Entry(ADVOCACY, 1, referred, false));
      return;
    }
    featureUse(converted, quietFrom);
    if (!chance(behaviour.retainedProbability())) {
      return;
    }
    Instant retained = converted.plus(RETENTION_DELAY).plus(uniform(Duration.ZERO, DAY.multipliedBy(3)));
    event(retained, "page_view", Map.of("page", "/dashboard"));
    entries.add(new Entry(RETENTION, 1, retained, false));
    if (chance(behaviour.advocacyProbability())) {
      Instant referred = retained.plus(behaviour.toAdvocacy().sample(random));
      event(referred, "referral_sent", Map.of());
      entries.add(new Entry(ADVOCACY, 1, referred, false));
    }
  }

  /** A few feature uses strictly between two instants (they count for nothing once engaged). */
  private void featureUse(Instant after, Instant before) {
    long span = Duration.between(after, before).toMillis();
    int uses = random.nextInt(4);
    for (int i = 0; i < uses && span > 2; i++) {
      event(after.plusMillis(1 + random.nextLong(span - 1)), "feature_used", Map.of("feature", "dashboard"));
    }
  }

  private void event(Instant time, String type, Map<String, String> properties) {
    events.add(new Event(time, type, properties));
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private Duration uniform(Duration from, Duration to) {
    return from.plusMillis(random.nextLong(to.minus(from).toMillis() + 1));
  }

  private static Duration part(Duration duration, int numerator, int denominator) {
    return Duration.ofMillis(duration.toMillis() * numerator / denominator);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
