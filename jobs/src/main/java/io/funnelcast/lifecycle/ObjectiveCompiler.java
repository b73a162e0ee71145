package io.funnelcast.lifecycle;

import static io.funnelcast.tables.EventsTable.EVENT_TYPE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.config.ActivityConfig;
import io.funnelcast.config.Objective;
import io.funnelcast.config.StageDefinition;
import io.funnelcast.config.StageModel;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns the stage model's objectives and exit rules into boolean columns over events, one per stage, so
 * predicates run as Spark SQL and the per-user stage machine only reads flags.
 */
public final class ObjectiveCompiler {
  private ObjectiveCompiler() {}

  /** array&lt;boolean&gt;: element k says whether the event counts towards stage k's objective. */
  public static Column enterFlags(StageModel model) {
    return array(model.stages().stream()
        .map(stage -> matches(stage.enter().eventTypes(), stage.enter().where()))
        .toArray(Column[]::new));
  }

  /** array&lt;boolean&gt;: element k says whether the event matches stage k's exit rule. */
  public static Column exitFlags(StageModel model) {
    return array(model.stages().stream()
        .map(stage -> stage.exit().map(rule -> matches(rule.eventTypes(), rule.where())).orElse(lit(false)))
        .toArray(Column[]::new));
  }

  public static Column isChurn(ActivityConfig activity) {
    return activity.churnEvents().isEmpty() ? lit(false) : col(EVENT_TYPE).isin(activity.churnEvents().toArray());
  }

  /**
   * Resolves every predicate against the events' columns, so a predicate naming a column events does not
   * have fails before any work, with the stage named.
   */
  public static void validate(Dataset<Row> events, StageModel model) {
    for (StageDefinition stage : model.stages()) {
      check(events, stage.name() + ".enter.where", stage.enter().where());
      stage.exit().ifPresent(rule -> check(events, stage.name() + ".exit.where", rule.where()));
    }
  }

  private static void check(Dataset<Row> events, String where, Optional<String> predicate) {
    if (predicate.isEmpty()) {
      return;
    }
    try {
      events.select(expr(predicate.get()).cast("boolean")).schema();
    } catch (Exception e) { // AnalysisException is checked in Java's eyes but thrown undeclared
      String reason = e.getMessage() == null ? e.toString()
          : e.getMessage().lines().filter(line -> !line.isBlank()).findFirst().orElse("");
      throw new IllegalArgumentException("funnelcast.lifecycle stage " + where + ": '" + predicate.get()
          + "' does not work on events: " + reason, e);
    }
  }

  private static Column matches(List<String> eventTypes, Optional<String> where) {
    Column type = eventTypes.contains(Objective.ANY_EVENT) ? lit(true) : col(EVENT_TYPE).isin(eventTypes.toArray());
    // A predicate that is null for an event (a missing property) does not match it.
    return where.map(predicate -> type.and(coalesce(expr(predicate).cast("boolean"), lit(false)))).orElse(type);
  }
}
