package io.funnelcast.config;

import java.util.Optional;

/**
 * One level of the ladder.
 *
 * @param skippable whether reaching a later stage may enter this one at the same instant (flagged
 *     skipped) without its own objective being met
 */
public record StageDefinition(String name, Objective enter, Optional<ExitRule> exit, boolean skippable) {}
