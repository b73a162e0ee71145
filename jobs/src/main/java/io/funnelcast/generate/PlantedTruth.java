package io.funnelcast.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.funnelcast.ingest.EventTimes;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The population figures the planted behaviour implies, and counts gathered while users are simulated:
 * users per segment, and conversions per week after the last day (from users already there, "in flight",
 * and from users who arrive later), for forecast checks. Written as truth/expected.json.
 */
public final class PlantedTruth {
  /** Days at which expected conversion curves are given (the default curve-days). */
  public static final List<Integer> CURVE_DAYS = List.of(1, 3, 7, 14, 30, 60, 90);
  public static final double WINDOW_DAYS = 90;

  private final GenerateOptions options;
  private final Instant end;
  private final Map<String, Long> usersBySegment = new TreeMap<>();
  private final Map<LocalDate, long[]> futureConversions = new TreeMap<>();
  /** Per adjacent pair of the five-level model, per week: conversions of attempts started by the end, and later. */
  private final Map<String, Map<LocalDate, long[]>> futurePairConversions = new LinkedHashMap<>();
  private long historyUsers;

  PlantedTruth(GenerateOptions options) {
    this.options = options;
    this.end = EventTimes.endOfDay(options.lastDay());
    LocalDate firstWeek = SyntheticLogs.weekStart(end);
    for (int w = 0; w < options.horizonWeeks(); w++) {
      futureConversions.put(firstWeek.plusWeeks(w), new long[2]);
    }
    for (int i = 0; i + 1 < LADDER.size(); i++) {
      Map<LocalDate, long[]> weeks = new TreeMap<>();
      for (int w = 0; w < options.horizonWeeks(); w++) {
        weeks.put(firstWeek.plusWeeks(w), new long[2]);
      }
      futurePairConversions.put(LADDER.get(i) + " -> " + LADDER.get(i + 1), weeks);
    }
  }

  static final List<String> LADDER = List.of(SyntheticUser.AWARENESS, SyntheticUser.ENGAGEMENT,
      SyntheticUser.CONVERSION, SyntheticUser.RETENTION, SyntheticUser.ADVOCACY);

  void add(SyntheticUser user, boolean arrivedInHistory) {
    if (arrivedInHistory) {
      historyUsers++;
      usersBySegment.merge(user.segment.channel(), 1L, Long::sum);
    }
    for (Instant conversion : user.conversions) {
      long[] week = conversion.isBefore(end) ? null : futureConversions.get(SyntheticLogs.weekStart(conversion));
      if (week != null) {
        week[arrivedInHistory ? 0 : 1]++;
      }
    }
    for (int i = 0; i + 1 < LADDER.size(); i++) {
      Map<LocalDate, long[]> weeks = futurePairConversions.get(LADDER.get(i) + " -> " + LADDER.get(i + 1));
      for (Instant[] attempt : pairConversions(user.entries, LADDER.get(i), LADDER.get(i + 1))) {
        long[] week = attempt[1].isBefore(end) ? null : weeks.get(SyntheticLogs.weekStart(attempt[1]));
        if (week != null) {
          week[attempt[0].isBefore(end) ? 0 : 1]++;
        }
      }
    }
  }

  /**
   * The converted attempts of a pair in one user's planted entries, by conversion's pair semantics: each entry into
   * {@code from} converts at the first entry into {@code to} at or after it and before the next entry into
   * {@code from}, if that is within the window. Returns (start, conversion) pairs.
   */
  static List<Instant[]> pairConversions(List<SyntheticUser.Entry> entries, String from, String to) {
    List<Instant[]> converted = new ArrayList<>();
    List<SyntheticUser.Entry> starts = entries.stream().filter(e -> e.stage().equals(from)).toList();
    for (int a = 0; a < starts.size(); a++) {
      Instant start = starts.get(a).at();
      Instant next = a + 1 < starts.size() ? starts.get(a + 1).at() : null;
      entries.stream()
          .filter(e -> e.stage().equals(to) && !e.at().isBefore(start) && (next == null || e.at().isBefore(next)))
          .map(SyntheticUser.Entry::at)
          .min(Instant::compareTo)
          .filter(at -> !at.isAfter(start.plusSeconds((long) (WINDOW_DAYS * 86_400))))
          .ifPresent(at -> converted.add(new Instant[] {start, at}));
    }
    return converted;
  }

  long historyUsers() {
    return historyUsers;
  }

  /**
   * The planted conversion curve of a clean pair (one attempt per user): P(converted within t days) =
   * probability × P(T ≤ t).
   */
  public static double curve(double probability, LogNormal time, double days) {
    return probability * time.cdf(days);
  }

  /** The pairs whose attempts all follow one planted law, per segment: awareness → engagement, and the first
   * engagement → conversion attempt. */
  public static Map<String, Object[]> cleanPairs(PlantedBehaviour behaviour, PlantedBehaviour.Segment segment) {
    Map<String, Object[]> pairs = new LinkedHashMap<>();
    pairs.put("awareness -> engagement", new Object[] {segment.engageProbability(), behaviour.toEngagement()});
    pairs.put("engagement -> conversion", new Object[] {segment.convertProbability(), behaviour.toConversion()});
    return pairs;
  }

  void write(Path file) {
    PlantedBehaviour behaviour = options.behaviour();
    StringBuilder json = new StringBuilder("{\n");
    json.append(String.format(Locale.ROOT, "  \"seed\": %d,\n  \"first_day\": \"%s\",\n  \"last_day\": \"%s\",\n"
        + "  \"users\": %d,\n  \"stage_model\": \"five-level\",\n  \"segment\": \"properties['channel']\",\n",
        options.seed(), options.firstDay(), options.lastDay(), historyUsers));
    json.append("  \"note\": \"Figures are for pairs whose attempts all follow one planted law: awareness -> engagement,"
        + " and engagement -> conversion for first attempts (users who cancel come back to engagement as attempt 2"
        + " and convert again by the return law, which cohort_conversion mixes in unless cancel probability is 0)."
        + " rate_within_window = probability x P(T <= 90 days); converted_median_days is the median time of those"
        + " converting within the window.\",\n");
    json.append("  \"pairs\": [\n");
    List<String> rows = new ArrayList<>();
    for (PlantedBehaviour.Segment segment : behaviour.segments()) {
      for (Map.Entry<String, Object[]> pair : cleanPairs(behaviour, segment).entrySet()) {
        double p = (double) pair.getValue()[0];
        LogNormal time = (LogNormal) pair.getValue()[1];
        double inWindow = time.cdf(WINDOW_DAYS);
        StringBuilder curve = new StringBuilder();
        for (int day : CURVE_DAYS) {
          curve.append(curve.length() == 0 ? "" : ", ")
              .append(String.format(Locale.ROOT, "\"%d\": %.6f", day, curve(p, time, day)));
        }
        String[] stages = pair.getKey().split(" -> ");
        rows.add(String.format(Locale.ROOT, "    {\"from\": \"%s\", \"to\": \"%s\", \"segment_value\": \"%s\","
                + " \"users\": %d, \"probability\": %.4f, \"median_days\": %.4f, \"sigma\": %.4f,"
                + " \"rate_within_window\": %.6f, \"converted_median_days\": %.6f, \"curve\": {%s}}",
            stages[0], stages[1], segment.channel(), usersBySegment.getOrDefault(segment.channel(), 0L), p,
            time.medianDays(), time.sigma(), p * inWindow, time.quantile(inWindow / 2), curve));
      }
    }
    json.append(String.join(",\n", rows)).append("\n  ],\n");
    json.append("  \"future_conversions_per_week\": [\n");
    List<String> weeks = new ArrayList<>();
    for (Map.Entry<LocalDate, long[]> week : futureConversions.entrySet()) {
      weeks.add(String.format(Locale.ROOT, "    {\"week_start\": \"%s\", \"in_flight\": %d, \"new_entrants\": %d}",
          week.getKey(), week.getValue()[0], week.getValue()[1]));
    }
    json.append(String.join(",\n", weeks)).append(weeks.isEmpty() ? "" : "\n").append("  ],\n");
    json.append("  \"future_pair_conversions_per_week\": [\n");
    List<String> pairWeeks = new ArrayList<>();
    futurePairConversions.forEach((pair, byWeek) -> byWeek.forEach((week, counts) -> {
      String[] stages = pair.split(" -> ");
      pairWeeks.add(String.format(Locale.ROOT, "    {\"from\": \"%s\", \"to\": \"%s\", \"week_start\": \"%s\","
          + " \"in_flight\": %d, \"new_entrants\": %d}", stages[0], stages[1], week, counts[0], counts[1]));
    }));
    json.append(String.join(",\n", pairWeeks)).append(pairWeeks.isEmpty() ? "" : "\n").append("  ]\n}\n");
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
