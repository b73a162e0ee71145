package io.funnelcast.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds funnelcast.conversion: the measured pairs (adjacent stages and extra pairs), cohort grains, horizons and curve days. */
final class ConversionBinder {

  private ConversionBinder() {}

  static ConversionConfig conversion(ConfigSection s, StageModel model) {
    Duration window = s.positiveDuration("window");
    Map<String, StagePair> pairs = new LinkedHashMap<>();
    String pairsMode = s.string("pairs");
    if (pairsMode.equals("adjacent")) {
      for (int i = 0; i + 1 < model.size(); i++) {
        StagePair pair = new StagePair(model.stage(i).name(), i, model.stage(i + 1).name(), i + 1, window);
        pairs.put(pair.label(), pair);
      }
    } else if (!pairsMode.equals("none")) {
      throw s.invalid("pairs", pairsMode, "expected adjacent (adjacent stages plus extra-pairs) or none (extra-pairs only)");
    }
    List<? extends Config> extras = s.config().getConfigList(s.path("extra-pairs"));
    for (int i = 0; i < extras.size(); i++) {
      ConfigSection extra = s.element("extra-pairs", i).section(String.valueOf(i));
      String from = extra.nonBlank("from");
      String to = extra.nonBlank("to");
      int fromIndex = stageIndex(extra, "from", from, model);
      int toIndex = stageIndex(extra, "to", to, model);
      Duration pairWindow = extra.config().hasPath(extra.path("window")) ? extra.positiveDuration("window") : window;
      try {
        StagePair pair = new StagePair(from, fromIndex, to, toIndex, pairWindow);
        // A listed pair that is also adjacent replaces it, so its window applies.
        pairs.put(pair.label(), pair);
      } catch (IllegalArgumentException e) {
        throw extra.invalid("to", to, e.getMessage());
      }
      extra.onlyKeys(extras.get(i), List.of("from", "to", "window"), "a pair has from, to and window");
    }
    // A one-stage ladder has no adjacent pair, which is fine; asking for none and listing none is a mistake.
    if (pairs.isEmpty() && pairsMode.equals("none")) {
      throw s.invalid("pairs", pairsMode, "no pair to measure: list extra-pairs, or use adjacent");
    }
    List<CohortGrain> grains = new ArrayList<>();
    for (int i = 0; i < s.config().getStringList(s.path("cohort-grains")).size(); i++) {
      CohortGrain grain = s.element("cohort-grains", i).enumValue(String.valueOf(i), CohortGrain.class);
      if (!grains.contains(grain)) {
        grains.add(grain);
      }
    }
    if (grains.isEmpty()) {
      throw s.invalid("cohort-grains", "[]", "list at least one of day, week, month");
    }
    List<Duration> within = new ArrayList<>();
    for (int i = 0; i < s.config().getList(s.path("within")).size(); i++) {
      within.add(s.element("within", i).positiveDuration(String.valueOf(i)));
    }
    within = within.stream().distinct().sorted().toList();
    List<Integer> given = s.config().getIntList(s.path("curve-days"));
    List<Integer> curveDays = given.stream().distinct().sorted().toList();
    if (curveDays.isEmpty() || curveDays.get(0) < 1) {
      throw s.invalid("curve-days", given.toString(), "list whole days of at least 1");
    }
    return new ConversionConfig(List.copyOf(pairs.values()), grains, within, curveDays);
  }

  private static int stageIndex(ConfigSection s, String key, String stage, StageModel model) {
    int index = model.stageNames().indexOf(stage);
    if (index < 0) {
      throw s.invalid(key, stage, "not a stage of the model; stages are " + model.stageNames());
    }
    return index;
  }
}
