package io.funnelcast.config;

import java.time.Duration;

/**
 * A funnel pair A → B: conversion starts when a user enters {@code from} and ends when they enter {@code to}
 * within {@code window}.
 */
public record StagePair(String from, int fromIndex, String to, int toIndex, Duration window) {
  public StagePair {
    if (fromIndex >= toIndex) {
      throw new IllegalArgumentException("pair " + from + " -> " + to + ": '" + to + "' is not a later stage than '"
          + from + "'");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("pair " + from + " -> " + to + ": window must be positive");
    }
  }

  public String label() {
    return from + " -> " + to;
  }
}
