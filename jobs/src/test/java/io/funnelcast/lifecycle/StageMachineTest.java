package io.funnelcast.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.ExitRule;
import io.funnelcast.config.Objective;
import io.funnelcast.config.StageDefinition;
import io.funnelcast.config.StageModel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StageMachineTest {
  static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  static Objective objective(int minCount, Duration within, String... types) {
    return new Objective(List.of(types), Optional.empty(), minCount, Optional.ofNullable(within),
        Objective.CountMode.EVENTS, Optional.empty(), Duration.ZERO);
  }

  static StageDefinition stage(String name, Objective enter) {
    return new StageDefinition(name, enter, Optional.empty(), true);
  }

  static final StageModel FREEMIUM = new StageModel("test", List.of(
      stage("visitor", objective(1, null, "*")),
      stage("signed_up", objective(1, null, "signup")),
      stage("engaged", objective(3, Duration.ofDays(7), "session_start")),
      new StageDefinition("paid", objective(1, null, "subscribe"),
          Optional.of(new ExitRule(List.of("downgrade", "cancel"), Optional.empty(), "engaged")), true),
      stage("advocate", objective(1, null, "invite_sent"))));

  /** Flags as the Spark side computes them, here from event types alone (no where predicates). */
  static UserEvent event(StageModel model, String id, String type, Instant time) {
    boolean[] enter = new boolean[model.size()];
    boolean[] exit = new boolean[model.size()];
    for (int i = 0; i < model.size(); i++) {
      Objective objective = model.stage(i).enter();
      enter[i] = objective.matchesAnyEventType() || objective.eventTypes().contains(type);
      exit[i] = model.stage(i).exit().map(rule -> rule.eventTypes().contains(type)).orElse(false);
    }
    return new UserEvent(id, type, time, time.atZone(ZoneOffset.UTC).toLocalDate(), enter, exit, false);
  }

  static UserEvent event(String id, String type, Instant time) {
    return event(FREEMIUM, id, type, time);
  }

  static Instant at(long hours) {
    return T.plus(Duration.ofHours(hours));
  }

  static StageVisit visit(String stage, int index, int attempt, Instant entered, Instant exited, String entryEvent,
      String reason, String exitEvent, boolean skipped) {
    return new StageVisit(stage, index, attempt, entered, exited, entryEvent, reason, exitEvent, skipped);
  }

  static List<StageVisit> run(UserEvent... events) {
    return new StageMachine(FREEMIUM).visits(List.of(events));
  }

  @Test
  void aStraightClimbVisitsEveryStageInOrder() {
    assertThat(run(
        event("e1", "page_view", at(0)),
        event("e2", "signup", at(1)),
        event("e3", "session_start", at(2)),
        event("e4", "session_start", at(30)),
        event("e5", "session_start", at(50)),
        event("e6", "subscribe", at(60)),
        event("e7", "invite_sent", at(70))))
        .containsExactly(
            visit("visitor", 0, 1, at(0), at(1), "e1", "advanced", null, false),
            visit("signed_up", 1, 1, at(1), at(50), "e2", "advanced", null, false),
            visit("engaged", 2, 1, at(50), at(60), "e5", "advanced", null, false),
            visit("paid", 3, 1, at(60), at(70), "e6", "advanced", null, false),
            visit("advocate", 4, 1, at(70), null, "e7", null, null, false));
  }

  @Test
  void reachingALaterStageEntersTheSkippedOnesAtTheSameInstant() {
    assertThat(run(event("e1", "subscribe", at(0))))
        .containsExactly(
            visit("visitor", 0, 1, at(0), at(0), "e1", "advanced", null, false),
            visit("signed_up", 1, 1, at(0), at(0), "e1", "advanced", null, true),
            visit("engaged", 2, 1, at(0), at(0), "e1", "advanced", null, true),
            visit("paid", 3, 1, at(0), null, "e1", null, null, false));
  }

  @Test
  void aDowngradeMovesBackAndTheNextUpgradeIsASecondAttempt() {
    assertThat(run(
        event("e1", "signup", at(0)),
        event("e2", "subscribe", at(1)),
        event("e3", "downgrade", at(2)),
        event("e4", "page_view", at(3)),
        event("e5", "subscribe", at(4)),
        event("e6", "cancel", at(5))))
        .containsExactly(
            visit("visitor", 0, 1, at(0), at(0), "e1", "advanced", null, false),
            visit("signed_up", 1, 1, at(0), at(1), "e1", "advanced", null, false),
            visit("engaged", 2, 1, at(1), at(1), "e2", "advanced", null, true),
            visit("paid", 3, 1, at(1), at(2), "e2", "exit:downgrade", "e3", false),
            visit("engaged", 2, 2, at(2), at(4), "e3", "advanced", null, false),
            visit("paid", 3, 2, at(4), at(5), "e5", "exit:cancel", "e6", false),
            visit("engaged", 2, 3, at(5), null, "e6", null, null, false));
  }

  @Test
  void anExitRuleAppliesWhileTheUserIsAboveItsStage() {
    List<StageVisit> visits = run(
        event("e1", "subscribe", at(0)),
        event("e2", "invite_sent", at(1)),
        event("e3", "cancel", at(2)));
    assertThat(visits.get(visits.size() - 2))
        .isEqualTo(visit("advocate", 4, 1, at(1), at(2), "e2", "exit:cancel", "e3", false));
    assertThat(visits.get(visits.size() - 1)).isEqualTo(visit("engaged", 2, 2, at(2), null, "e3", null, null, false));
  }

  @Test
  void progressTowardsStagesAboveTheExitTargetIsForgotten() {
    // Two invites before the cancel would have met advocate's objective again after a new upgrade;
    // after the cancel only new events count.
    StageModel twoInvites = new StageModel("test", List.of(FREEMIUM.stage(0), FREEMIUM.stage(1),
        FREEMIUM.stage(2), FREEMIUM.stage(3), stage("advocate", objective(2, null, "invite_sent"))));
    List<StageVisit> visits = new StageMachine(twoInvites).visits(List.of(
        event(twoInvites, "e1", "subscribe", at(0)),
        event(twoInvites, "e2", "invite_sent", at(1)),
        event(twoInvites, "e3", "cancel", at(2)),
        event(twoInvites, "e4", "subscribe", at(3)),
        event(twoInvites, "e5", "invite_sent", at(4))));
    assertThat(visits.get(visits.size() - 1)).isEqualTo(visit("paid", 3, 2, at(3), null, "e4", null, null, false));
  }

  @Test
  void aCountWithinAWindowMustFitInsideTheWindow() {
    Instant third = T.plus(Duration.ofDays(7));
    List<StageVisit> tooSlow = run(
        event("e1", "signup", T),
        event("e2", "session_start", T),
        event("e3", "session_start", T.plus(Duration.ofDays(3))),
        event("e4", "session_start", third));
    assertThat(tooSlow).extracting(StageVisit::stage).containsExactly("visitor", "signed_up");

    List<StageVisit> justInTime = run(
        event("e1", "signup", T),
        event("e2", "session_start", T),
        event("e3", "session_start", T.plus(Duration.ofDays(3))),
        event("e4", "session_start", third.minusSeconds(1)));
    assertThat(justInTime.get(2)).isEqualTo(visit("engaged", 2, 1, third.minusSeconds(1), null, "e4", null, null, false));

    // The window slides: sessions on days 0, 3, 7 and 8 meet it at day 8 (days 3, 7, 8).
    List<StageVisit> sliding = run(
        event("e1", "signup", T),
        event("e2", "session_start", T),
        event("e3", "session_start", T.plus(Duration.ofDays(3))),
        event("e4", "session_start", third),
        event("e5", "session_start", T.plus(Duration.ofDays(8))));
    assertThat(sliding.get(2).enteredAt()).isEqualTo(T.plus(Duration.ofDays(8)));
  }

  @Test
  void theOrderEventsArriveInDoesNotMatter() {
    List<UserEvent> events = new ArrayList<>(List.of(
        event("e1", "signup", at(0)),
        event("e2", "subscribe", at(1)),
        event("e3", "downgrade", at(2)),
        event("e4", "subscribe", at(4)),
        event("e5b", "invite_sent", at(5)),
        event("e5a", "page_view", at(5))));
    List<StageVisit> expected = new StageMachine(FREEMIUM).visits(events);
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(events, random);
      assertThat(new StageMachine(FREEMIUM).visits(events)).isEqualTo(expected);
    }
  }

  @Test
  void aNonSkippableStageHoldsTheUserBackUntilItsObjectiveIsMet() {
    StageModel strict = new StageModel("test", List.of(FREEMIUM.stage(0),
        new StageDefinition("signed_up", objective(1, null, "signup"), Optional.empty(), false),
        FREEMIUM.stage(2), FREEMIUM.stage(3), FREEMIUM.stage(4)));
    List<StageVisit> visits = new StageMachine(strict).visits(List.of(
        event(strict, "e1", "subscribe", at(0)),
        event(strict, "e2", "signup", at(1))));
    assertThat(visits).containsExactly(
        visit("visitor", 0, 1, at(0), at(1), "e1", "advanced", null, false),
        visit("signed_up", 1, 1, at(1), at(1), "e2", "advanced", null, false),
        visit("engaged", 2, 1, at(1), at(1), "e2", "advanced", null, true),
        // paid's objective was met at e1; the user enters paid (not skipped) once signed_up is reached.
        visit("paid", 3, 1, at(1), null, "e2", null, null, false));
  }

  @Test
  void aRetentionStageCountsOnlyActivityLongEnoughAfterTheAnchorStage() {
    Objective stillActive = new Objective(List.of("*"), Optional.empty(), 1, Optional.empty(),
        Objective.CountMode.EVENTS, Optional.of("paid"), Duration.ofDays(30));
    StageModel retention = new StageModel("test", List.of(FREEMIUM.stage(0), FREEMIUM.stage(1),
        FREEMIUM.stage(2), FREEMIUM.stage(3), stage("retained", stillActive)));
    Instant paidAt = at(1);
    List<StageVisit> visits = new StageMachine(retention).visits(List.of(
        event(retention, "e0", "page_view", at(0)),
        event(retention, "e1", "subscribe", paidAt),
        event(retention, "e2", "page_view", paidAt.plus(Duration.ofDays(29))),
        event(retention, "e3", "page_view", paidAt.plus(Duration.ofDays(30)))));
    assertThat(visits.get(visits.size() - 1))
        .isEqualTo(visit("retained", 4, 1, paidAt.plus(Duration.ofDays(30)), null, "e3", null, null, false));

    // A cancel resets the anchor: the 30 days run from the second subscription.
    List<StageVisit> restarted = new StageMachine(retention).visits(List.of(
        event(retention, "e1", "subscribe", paidAt),
        event(retention, "e2", "cancel", paidAt.plus(Duration.ofDays(10))),
        event(retention, "e3", "subscribe", paidAt.plus(Duration.ofDays(20))),
        event(retention, "e4", "page_view", paidAt.plus(Duration.ofDays(40))),
        event(retention, "e5", "page_view", paidAt.plus(Duration.ofDays(50)))));
    assertThat(restarted.get(restarted.size() - 1).entryEventId()).isEqualTo("e5");
  }

  @Test
  void anActiveDaysObjectiveCountsDistinctDaysInTheWindow() {
    Objective threeDays = new Objective(List.of("session_start"), Optional.empty(), 3,
        Optional.of(Duration.ofDays(7)), Objective.CountMode.ACTIVE_DAYS, Optional.empty(), Duration.ZERO);
    StageModel model = new StageModel("test", List.of(FREEMIUM.stage(0), stage("habit", threeDays)));
    Instant day0 = Instant.parse("2026-11-02T23:00:00Z");
    List<StageVisit> visits = new StageMachine(model).visits(List.of(
        event(model, "e1", "session_start", day0),
        event(model, "e2", "session_start", day0.plus(Duration.ofMinutes(90))),  // next UTC day
        event(model, "e3", "session_start", day0.plus(Duration.ofMinutes(100))), // same day again
        event(model, "e4", "session_start", day0.plus(Duration.ofDays(6)))));     // 3rd distinct day in 7
    assertThat(visits).extracting(StageVisit::stage).containsExactly("visitor", "habit");
    assertThat(visits.get(1).entryEventId()).isEqualTo("e4");
    List<StageVisit> tooSpread = new StageMachine(model).visits(List.of(
        event(model, "e1", "session_start", day0),
        event(model, "e2", "session_start", day0.plus(Duration.ofMinutes(90))),
        event(model, "e4", "session_start", day0.plus(Duration.ofDays(7)))));     // day0 left the window
    assertThat(tooSpread).extracting(StageVisit::stage).containsExactly("visitor");
  }
}
