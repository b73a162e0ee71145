package io.funnelcast.config;

import java.time.Duration;
import java.util.List;

/**
 * funnelcast.forecast: which pairs are forecast, how far ahead, and how the model is fed.
 *
 * @param targets the pairs forecast, each a measured pair of funnelcast.conversion
 * @param weeks whole business weeks forecast after the run date's week
 * @param months whole business months forecast after the run date's month
 * @param simulations Monte Carlo draws per target × segment (the quantiles come from them)
 * @param seed seed of the draws: the same seed, data and date give the same forecast
 * @param curveHistory attempts that entered the from stage within this long before the forecast origin estimate
 *     the conversion curve
 * @param inflowHistory days of entries into the from stage the inflow model is fitted on
 * @param inflowHalfLife age at which a day of that history weighs half as much as the latest
 * @param minConversions a segment with fewer conversions than this in the curve history is marked as backed off
 *     to the 'all' curve
 * @param segmentPriorEntrants weight of the 'all' curve in a segment's curve, in entrants: a segment with many
 *     more entrants than this follows its own data
 */
public record ForecastConfig(List<ForecastTarget> targets, int weeks, int months, int simulations, long seed,
    Duration curveHistory, Duration inflowHistory, Duration inflowHalfLife, int minConversions, double segmentPriorEntrants) {
  public ForecastConfig {
    targets = List.copyOf(targets);
  }
}
