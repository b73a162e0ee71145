package io.funnelcast.forecast;

import java.util.List;

/**
 * What one conversion earns, per currency: the mean over the conversions of the curve history (a conversion
 * without a value, or in another currency, earns 0 in this one), the spread of single values, and the standard
 * error of the mean. A fixed amount has no spread and no error.
 */
record RevenuePerConversion(List<Currency> currencies) {
  record Currency(String currency, double mean, double variance, double meanStandardError) {}

  RevenuePerConversion {
    currencies = List.copyOf(currencies);
  }

  static RevenuePerConversion none() {
    return new RevenuePerConversion(List.of());
  }

  static RevenuePerConversion fixed(String currency, double amount) {
    return new RevenuePerConversion(List.of(new Currency(currency, amount, 0, 0)));
  }

  /**
   * From observed values: {@code conversions} conversions in all, and per currency the sum and sum of squares of
   * the values in it.
   */
  static RevenuePerConversion observed(double conversions, List<String> currencies, double[] sums, double[] squares) {
    if (conversions <= 0) {
      return new RevenuePerConversion(currencies.stream().map(c -> new Currency(c, 0, 0, 0)).toList());
    }
    List<Currency> list = new java.util.ArrayList<>();
    for (int i = 0; i < currencies.size(); i++) {
      double mean = sums[i] / conversions;
      double variance = Math.max(0, squares[i] / conversions - mean * mean);
      list.add(new Currency(currencies.get(i), mean, variance, Math.sqrt(variance / conversions)));
    }
    return new RevenuePerConversion(list);
  }
}
