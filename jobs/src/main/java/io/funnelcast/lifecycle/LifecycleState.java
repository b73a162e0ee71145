package io.funnelcast.lifecycle;

import static io.funnelcast.tables.EventsTable.EVENT_ID;
import static io.funnelcast.tables.EventsTable.EVENT_TIME;
import static io.funnelcast.tables.EventsTable.EVENT_TYPE;
import static io.funnelcast.tables.EventsTable.USER_ID;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.config.LifecycleConfig;
import io.funnelcast.config.Segment;
import io.funnelcast.tables.InternalUserStateTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * events → one internal_user_lifecycle_state row per user: objective flags and segment values are
 * computed as columns, then each user's events run through {@link UserTimeline}.
 */
public final class LifecycleState {
  private static final String ENTER_FLAGS = "enter_flags";
  private static final String EXIT_FLAGS = "exit_flags";
  private static final String IS_CHURN = "is_churn";
  private static final String SEGMENT_VALUES = "segment_values";

  private LifecycleState() {}

  /** @param events events up to the end of the run date, of the users to compute */
  public static Dataset<Row> compute(Dataset<Row> events, LifecycleConfig lifecycle, ZoneId businessZone,
      LocalDate runDate) {
    List<Segment> segments = lifecycle.segments();
    Column segmentValues = segments.isEmpty() ? array().cast("array<string>")
        : array(segments.stream().map(s -> expr(s.expression()).cast("string")).toArray(Column[]::new));
    Dataset<Row> prepared = events.select(col(USER_ID), col(EVENT_ID), col(EVENT_TYPE), col(EVENT_TIME),
        ObjectiveCompiler.enterFlags(lifecycle.model()).as(ENTER_FLAGS),
        ObjectiveCompiler.exitFlags(lifecycle.model()).as(EXIT_FLAGS),
        ObjectiveCompiler.isChurn(lifecycle.activity()).as(IS_CHURN),
        segmentValues.as(SEGMENT_VALUES));
    UserTimeline timeline = new UserTimeline(new StageMachine(lifecycle.model()),
        ActivityRules.of(lifecycle.activity()), businessZone);
    String[] segmentNames = segments.stream().map(Segment::name).toArray(String[]::new);
    return prepared
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (user, rows) ->
                List.of(stateRow(user, rows, timeline, segmentNames, runDate)).iterator(),
            Encoders.row(InternalUserStateTable.SPEC.schema()));
  }

  private static Row stateRow(String user, Iterator<Row> rows, UserTimeline timeline, String[] segmentNames,
      LocalDate runDate) {
    List<UserEvent> events = new ArrayList<>();
    UserEvent first = null;
    List<String> firstSegments = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      Instant time = instant(row.get(3));
      UserEvent event = new UserEvent(row.getString(1), row.getString(2), time, timeline.businessDay(time),
          flags(row.getList(4)), flags(row.getList(5)), row.getBoolean(6));
      events.add(event);
      if (first == null || StageMachine.ORDER.compare(event, first) < 0) {
        first = event;
        firstSegments = row.getList(7);
      }
    }
    UserTimeline.Result result = timeline.of(events);
    Map<String, String> segments = new LinkedHashMap<>();
    for (int i = 0; i < segmentNames.length; i++) {
      segments.put(segmentNames[i], firstSegments.get(i));
    }
    List<Row> visits = new ArrayList<>();
    for (StageVisit v : result.visits()) {
      visits.add(RowFactory.create(v.stage(), v.stageIndex(), v.attempt(), v.enteredAt(), v.exitedAt(),
          v.entryEventId(), v.exitReason(), v.exitEventId(), v.skipped(), month(timeline, v.enteredAt())));
    }
    List<Row> deltas = new ArrayList<>();
    for (DailyDelta d : result.deltas()) {
      deltas.add(RowFactory.create(d.day(), d.stageIndex(), d.status(), d.inStageDelta(), d.enteredCount(),
          d.exitedCount()));
    }
    ActivityFacts facts = result.facts();
    return RowFactory.create(user, result.firstSeenAt(), result.lastSeenAt(), month(timeline, result.lastSeenAt()),
        (long) events.size(),
        facts.firstSeen(),
        facts.lastActiveDay(), facts.lastReturnDay(), facts.endsWithChurn(),
        JavaConverters.mapAsScalaMapConverter(segments).asScala(),
        JavaConverters.asScalaBufferConverter(visits).asScala().toSeq(),
        JavaConverters.asScalaBufferConverter(deltas).asScala().toSeq(),
        runDate);
  }

  /** The first day of the instant's business month: the per-user tables' partition value. */
  private static LocalDate month(UserTimeline timeline, Instant instant) {
    return timeline.businessDay(instant).withDayOfMonth(1);
  }

  private static boolean[] flags(List<Object> values) {
    boolean[] flags = new boolean[values.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = Boolean.TRUE.equals(values.get(i));
    }
    return flags;
  }

  /** Rows carry Instant with the java8 datetime API on (as Funnelcast sessions set it), else Timestamp. */
  static Instant instant(Object value) {
    return value instanceof Timestamp ? ((Timestamp) value).toInstant() : (Instant) value;
  }
}
