package io.funnelcast.report;

import java.util.Locale;

/** How the report writes numbers in its sentences: shares as percentages, days with two decimals. */
final class Readings {
  private Readings() {}

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String days(double days) {
    return String.format(Locale.ROOT, "%.2f %s", days, days == 1.0 ? "day" : "days");
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A count and its noun, singular for one: "1 attempt", "3 attempts". */
  static String count(long n, String noun) {
    return count(n) + " " + (n == 1 ? noun : noun + "s");
  }

  /** A forecast figure: whole numbers from 100 up, three significant digits below. */
  static String figure(double value) {
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  static String pair(String from, String to) {
    return from + " → " + to;
  }
}
