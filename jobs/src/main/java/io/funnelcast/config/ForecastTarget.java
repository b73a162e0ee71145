package io.funnelcast.config;

import java.util.Optional;

/** One forecast target: a measured stage pair and, optionally, how each of its conversions earns revenue. */
public record ForecastTarget(StagePair pair, Optional<Revenue> revenue) {}
