package io.funnelcast.config;

import java.util.Optional;

/** Revenue per conversion of a forecast target: a fixed amount, or a value read from the converting event. */
public sealed interface Revenue permits Revenue.Fixed, Revenue.FromEvent {

  /** Every conversion earns {@code amount} in {@code currency}. */
  record Fixed(double amount, String currency) implements Revenue {}

  /**
   * Each conversion earns what its converting event says: {@code value} and {@code currencyValue} are Spark SQL
   * expressions over the event's columns (e.g. {@code properties['amount']}); without a currency expression every
   * value is in {@code currency}.
   */
  record FromEvent(String value, Optional<String> currencyValue, Optional<String> currency) implements Revenue {
    public FromEvent {
      if (currencyValue.isPresent() == currency.isPresent()) {
        throw new IllegalArgumentException("give either currency-property or currency");
      }
    }
  }
}
