package io.funnelcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds funnelcast.forecast: the targets (measured pairs, each with its revenue) and the model's settings. */
final class ForecastBinder {

  private ForecastBinder() {}

  static ForecastConfig forecast(ConfigSection s, ConversionConfig conversion) {
    List<ForecastTarget> targets = new ArrayList<>();
    List<? extends Config> listed = s.config().getConfigList(s.path("targets"));
    for (int i = 0; i < listed.size(); i++) {
      ConfigSection target = s.element("targets", i).section(String.valueOf(i));
      target.onlyKeys(listed.get(i), List.of("from", "to", "revenue"), "a target has from, to and revenue");
      String from = target.nonBlank("from");
      String to = target.nonBlank("to");
      StagePair pair = conversion.pairs().stream()
          .filter(p -> p.from().equals(from) && p.to().equals(to))
          .findFirst()
          .orElseThrow(() -> target.invalid("to", to, from + " -> " + to + " is not a measured pair (measured: "
              + conversion.pairs().stream().map(StagePair::label).toList()
              + "); add it to funnelcast.conversion.extra-pairs"));
      if (targets.stream().anyMatch(t -> t.pair().equals(pair))) {
        throw target.invalid("to", to, pair.label() + " is listed twice");
      }
      Optional<Revenue> revenue = target.config().hasPath(target.path("revenue"))
          ? Optional.of(revenue(target, target.config().getConfig(target.path("revenue"))))
          : Optional.empty();
      targets.add(new ForecastTarget(pair, revenue));
    }
    if (targets.isEmpty()) {
      conversion.pairs().forEach(pair -> targets.add(new ForecastTarget(pair, Optional.empty())));
    }
    Duration curveHistory = s.positiveDuration("curve-history");
    Duration longestWindow = targets.stream().map(t -> t.pair().window()).max(Duration::compareTo)
        .orElse(Duration.ZERO);
    if (curveHistory.compareTo(longestWindow) < 0) {
      throw s.invalid("curve-history", s.value("curve-history").render(), "must be at least the longest window of"
          + " the targets (" + longestWindow.toDays() + " days), or the end of the curve is never seen");
    }
    return new ForecastConfig(targets, s.intAtLeast("weeks", 1), s.intAtLeast("months", 1),
        s.intAtLeast("simulations", 100), s.config().getLong(s.path("seed")), curveHistory,
        s.positiveDuration("inflow-history"), s.positiveDuration("inflow-half-life"), s.intAtLeast("min-conversions", 1),
        s.nonNegativeDouble("segment-prior-entrants"));
  }

  private static Revenue revenue(ConfigSection target, Config given) {
    ConfigSection s = target.section("revenue");
    s.onlyKeys(given, List.of("amount", "currency", "property", "currency-property"),
        "revenue has amount and currency, or property with currency-property or currency");
    boolean hasAmount = given.hasPath("amount");
    boolean hasProperty = given.hasPath("property");
    if (hasAmount == hasProperty) {
      throw target.invalid("revenue", given.root().render(ConfigRenderOptions.concise()),
          "give either amount (a fixed amount per conversion) or property (the converting event's value)");
    }
    Optional<String> currency = given.hasPath("currency") ? Optional.of(s.nonBlank("currency")) : Optional.empty();
    if (hasAmount) {
      double amount = s.config().getDouble(s.path("amount"));
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw s.invalid("amount", s.value("amount").render(), "must be a number of at least 0");
      }
      if (given.hasPath("currency-property")) {
        throw s.invalid("currency-property", s.value("currency-property").render(),
            "a fixed amount takes currency, not currency-property");
      }
      return new Revenue.Fixed(amount, currency.orElseThrow(() -> s.invalid("amount", s.value("amount").render(),
          "a fixed amount needs its currency (currency = EUR)")));
    }
    Optional<String> currencyValue = given.hasPath("currency-property")
        ? Optional.of(s.nonBlank("currency-property")) : Optional.empty();
    if (currencyValue.isPresent() == currency.isPresent()) {
      throw s.invalid("property", s.value("property").render(),
          "give the currency: currency-property (read from the event) or currency (one for all)");
    }
    return new Revenue.FromEvent(s.nonBlank("property"), currencyValue, currency);
  }
}
