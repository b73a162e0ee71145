package io.funnelcast.report;

import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows, as the page receives it (JSON): one record per section. A section that has
 * nothing to show says why in {@code missing} instead (e.g. no forecast yet), and the page prints that.
 * Every figure is read from the tables as of {@code asOf}; readings are one-line sentences about them.
 */
public record ReportData(String asOf, String version, String businessTimeZone, List<String> stages,
    Headline headline, Funnel funnel, Population population, Cohorts cohorts, Forecast forecast, Health health) {

  /** A choice in a selector: the key of a view and its label. */
  public record Choice(String key, String label) {}

  /** A label and a count (a status, a quarantine reason). */
  public record Count(String label, long count) {}

  /** One funnel step: from one stage to the next (index 0: the whole funnel). */
  public record Step(int index, String from, String to, long reached, long converted, double rate,
      Double medianDays) {}

  public record Headline(String missing, String weekAgo, String monthAgo, List<StageCount> stages,
      List<Count> statuses, Step wholeFunnel, String reading) {
    static Headline missing(String why) {
      return new Headline(why, null, null, List.of(), List.of(), null, null);
    }
  }

  /** Users in a stage at the end of the day, a week and a month before (null: no row that day). */
  public record StageCount(String stage, long now, Long weekAgo, Long monthAgo) {}

  public record Funnel(String missing, List<Choice> segments, Map<String, FunnelView> views, String note) {
    static Funnel missing(String why) {
      return new Funnel(why, List.of(), Map.of(), null);
    }
  }

  public record FunnelView(String label, List<Step> steps, String reading) {}

  public record Population(String missing, List<String> days, List<StageSeries> stages, String reading) {
    static Population missing(String why) {
      return new Population(why, List.of(), List.of(), null);
    }
  }

  /** One stage's users at the end of each day, and the visits that started and ended that day. */
  public record StageSeries(String stage, List<Long> users, List<Long> entered, List<Long> exited) {}

  public record Cohorts(String missing, List<Choice> pairs, List<Integer> curveDays, Map<String, Heatmap> heatmaps,
      Map<String, CurveSet> curves, Map<String, Distribution> distributions, String note) {
    static Cohorts missing(String why) {
      return new Cohorts(why, List.of(), List.of(), Map.of(), Map.of(), Map.of(), null);
    }
  }

  /**
   * Kaplan–Meier conversion rate by cohort (rows) and day since entry (columns); null where no entrant of the
   * cohort was observed that long yet.
   */
  public record Heatmap(String grain, List<String> cohorts, List<Long> entrants, List<Double> inFlightShare,
      List<List<Double>> rates, String reading) {}

  public record CurveSet(String by, List<Curve> curves, String reading) {}

  /** A Kaplan–Meier curve with its 95% interval, at the report's curve days. */
  public record Curve(String label, long entrants, List<Double> rate, List<Double> low, List<Double> high) {}

  /** Converters' days to convert: equal-width bins, the cumulative share, and exact percentiles. */
  public record Distribution(long converters, double binDays, List<Double> binStarts, List<Long> counts,
      Map<String, Double> percentiles, String reading) {}

  public record Forecast(String missing, List<Choice> series, Map<String, Fan> fans, List<Totals> totals,
      Accuracy accuracy) {
    static Forecast missing(String why, Accuracy accuracy) {
      return new Forecast(why, List.of(), Map.of(), List.of(), accuracy);
    }
  }

  /**
   * Periods before the origin with their actual conversions, then the forecast periods with p10/p50/p90 of the
   * total and the medians of its two parts; null where a series has no value.
   */
  public record Fan(String label, String unit, String grain, List<String> periods, List<Long> actual,
      List<Double> p10, List<Double> p50, List<Double> p90, List<Double> inFlightP50, List<Double> newEntrantsP50,
      String reading) {}

  /** A pair and measure's sums over the next week, month, weeks and months: p50 [p10, p90]. */
  public record Totals(String label, Map<String, String> figures, String basis) {}

  public record Accuracy(String missing, List<AccuracyRow> rows, String reading) {
    static Accuracy missing(String why) {
      return new Accuracy(why, List.of(), null);
    }
  }

  public record AccuracyRow(String pair, String grain, String band, String method, long origins, long periods,
      Double wape, Double mase, Double bias, Double coverage) {}

  public record Health(String missing, List<Run> runs, List<IngestDay> ingest, List<Count> quarantineReasons,
      List<Run> failed, String reading) {
    static Health missing(String why) {
      return new Health(why, List.of(), List.of(), List.of(), List.of(), null);
    }
  }

  public record Run(String job, String runDate, String status, String startedAt, double seconds, Long read,
      Long written, Long duplicates, Long quarantined, String error) {}

  public record IngestDay(String runDate, long read, long written, long duplicates, long quarantined) {}
}
