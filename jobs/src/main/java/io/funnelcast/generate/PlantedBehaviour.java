package io.funnelcast.generate;

import java.util.List;

/**
 * The behaviour the generator plants, for the five-level stage model (the default): who reaches each stage,
 * how long it takes, who cancels and comes back, who goes quiet and returns. Everything the truth files say
 * follows from these numbers.
 *
 * @param segments acquisition channels (the segment dimension {@code properties['channel']}) with their shares
 *     and stage probabilities
 * @param toEngagement time from the first visit to the third session (engagement)
 * @param toConversion time from engagement to subscribing (conversion)
 * @param retainedProbability of converted users, those still active 30 days after converting (retention)
 * @param advocacyProbability of retained users, those who later send a referral (advocacy)
 * @param toAdvocacy time from retention to the referral
 * @param earlyReferralProbability of converted users who do not cancel, those who refer within 20 days,
 *     which skips retention
 * @param cancelProbability of first-time converters, those who cancel 2–25 days later (back to engagement)
 * @param returnProbability of those who cancel, those who subscribe again
 * @param toReturn time from cancelling to subscribing again
 * @param dormantReturnProbability of users who never convert, those who come back for a visit 20–60 days later
 * @param weeklySeasonality new users by weekday, Monday first (relative weights)
 * @param trendPerYear relative growth of new users per day over a year (0.2 = 20% more a year later)
 */
public record PlantedBehaviour(List<Segment> segments, LogNormal toEngagement, LogNormal toConversion,
    double retainedProbability, double advocacyProbability, LogNormal toAdvocacy, double earlyReferralProbability,
    double cancelProbability, double returnProbability, LogNormal toReturn, double dormantReturnProbability,
    List<Double> weeklySeasonality, double trendPerYear) {

  /** A channel: its share of new users and its probabilities of engaging and of converting once engaged. */
  public record Segment(String channel, double share, double engageProbability, double convertProbability) {}

  public PlantedBehaviour {
    segments = List.copyOf(segments);
    weeklySeasonality = List.copyOf(weeklySeasonality);
    if (weeklySeasonality.size() != 7) {
      throw new IllegalArgumentException("weekly seasonality needs 7 weights, Monday first");
    }
  }

  public static PlantedBehaviour defaults() {
    return new PlantedBehaviour(
        List.of(new Segment("organic", 0.40, 0.55, 0.35), new Segment("paid_search", 0.30, 0.40, 0.25),
            new Segment("social", 0.20, 0.30, 0.15), new Segment("referral", 0.10, 0.65, 0.45)),
        new LogNormal(2, 1.0), new LogNormal(5, 1.2), 0.7, 0.3, new LogNormal(10, 0.8), 0.05, 0.15, 0.4,
        new LogNormal(7, 0.7), 0.3, List.of(1.10, 1.10, 1.05, 1.00, 0.95, 0.70, 0.60), 0.2);
  }

  /** The same, without cancellations: every pair then has one attempt per user, the clean case for statistics. */
  public PlantedBehaviour withoutCancels() {
    return new PlantedBehaviour(segments, toEngagement, toConversion, retainedProbability, advocacyProbability,
        toAdvocacy, earlyReferralProbability, 0, returnProbability, toReturn, dormantReturnProbability,
        weeklySeasonality, trendPerYear);
  }
}
