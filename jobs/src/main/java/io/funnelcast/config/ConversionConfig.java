package io.funnelcast.config;

import java.time.Duration;
import java.util.List;

/**
 * funnelcast.conversion: which stage pairs are measured and how cohorts are cut.
 *
 * @param pairs the measured pairs, adjacent ones first, each once
 * @param within horizons of the "converted within" rates, ascending
 * @param curveDays days at which the Kaplan–Meier conversion curve is reported, ascending
 */
public record ConversionConfig(List<StagePair> pairs, List<CohortGrain> cohortGrains, List<Duration> within,
    List<Integer> curveDays) {
  public ConversionConfig {
    pairs = List.copyOf(pairs);
    cohortGrains = List.copyOf(cohortGrains);
    within = List.copyOf(within);
    curveDays = List.copyOf(curveDays);
  }
}
