// Writes data-samples/raw: four days of JSON Lines interaction logs for a small freemium product, with
// deliberately bad lines. Deterministic: the same seed gives the same bytes.
//   java data-samples/MakeSamples.java data-samples/raw [users [days]]
// More users make a bigger data set of the same shape (about 5 lines per user); more days spread their
// arrival over a longer history. Both are for timing runs; the committed samples use the defaults.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

public class MakeSamples {
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);
  static final int DEFAULT_DAYS = 4;
  static final int DEFAULT_USERS = 320;
  static final String[] COUNTRIES = {"US", "US", "US", "DE", "GB", "FR", "IN", "BR"};
  static final String[] CHANNELS = {"organic", "organic", "paid_search", "social", "referral"};
  static final String[] FEATURES = {"dashboard", "export", "share", "alerts", "api"};
  static final String[] PAGES = {"/", "/pricing", "/features", "/blog/funnels", "/docs"};

  record Line(LocalDate fileDay, Instant sortKey, String json) {}

  final Random random = new Random(20261102L);
  final int users;
  final int days;
  final List<Line> lines = new ArrayList<>();
  int nextEventId = 1;

  public static void main(String[] args) throws IOException {
    int users = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_USERS;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_DAYS;
    new MakeSamples(users, days).write(Path.of(args.length > 0 ? args[0] : "data-samples/raw"));
  }

  MakeSamples(int users, int days) {
    this.users = users;
    this.days = days;
  }

  void write(Path out) throws IOException {
    for (int u = 1; u <= users; u++) {
      user(String.format(Locale.ROOT, "u%04d", u));
    }
    badLines();
    TreeMap<LocalDate, List<Line>> byDay = new TreeMap<>();
    for (Line line : lines) {
      byDay.computeIfAbsent(line.fileDay(), d -> new ArrayList<>()).add(line);
    }
    for (var day : byDay.entrySet()) {
      List<Line> dayLines = day.getValue();
      dayLines.sort(Comparator.comparing(Line::sortKey).thenComparing(Line::json));
      Path folder = out.resolve("date=" + day.getKey());
      Files.createDirectories(folder);
      // Two files per day, as a collector that rotates files would write them.
      StringBuilder[] parts = {new StringBuilder(), new StringBuilder()};
      for (int i = 0; i < dayLines.size(); i++) {
        parts[i < dayLines.size() / 2 ? 0 : 1].append(dayLines.get(i).json()).append('\n');
      }
      for (int p = 0; p < parts.length; p++) {
        Files.writeString(folder.resolve(String.format("events-%02d.jsonl", p)), parts[p], StandardCharsets.UTF_8);
      }
    }
  }

  void user(String userId) {
    int arrivalDay = random.nextInt(days);
    Instant t = FIRST_DAY.plusDays(arrivalDay).atStartOfDay(ZoneOffset.UTC).toInstant()
        .plusSeconds(6 * 3600 + random.nextInt(16 * 3600));
    String country = pick(COUNTRIES);
    String channel = pick(CHANNELS);
    Instant end = FIRST_DAY.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    String common = "\"country\":\"" + country + "\",\"channel\":\"" + channel + "\"";

    for (int v = 0; v < 1 + random.nextInt(3); v++) {
      event(userId, "page_view", t, common + ",\"page\":\"" + pick(PAGES) + "\"");
      t = t.plusSeconds(20 + random.nextInt(120));
    }
    if (random.nextDouble() > 0.62) {
      return; // a visitor who never signs up
    }
    t = t.plusSeconds(30 + random.nextInt(600));
    event(userId, "signup", t, common + ",\"plan\":\"free\"");
    String plan = "free";
    int sessions = random.nextInt(7);
    for (int s = 0; s < sessions; s++) {
      t = t.plusSeconds(1800 + random.nextInt(30 * 3600));
      if (!t.isBefore(end)) {
        return;
      }
      String session = userId + "-s" + s;
      event(userId, "session_start", t, common + ",\"session_id\":\"" + session + "\"");
      for (int f = 0; f < random.nextInt(4); f++) {
        t = t.plusSeconds(30 + random.nextInt(900));
        event(userId, "feature_used", t, common + ",\"session_id\":\"" + session + "\",\"feature\":\""
            + pick(FEATURES) + "\"");
      }
      if (plan.equals("free") && s >= 1 && random.nextDouble() < 0.22) {
        t = t.plusSeconds(60 + random.nextInt(600));
        boolean team = random.nextDouble() < 0.3;
        plan = team ? "team" : "pro";
        event(userId, "subscribe", t, common + ",\"plan\":\"" + plan + "\",\"revenue\":"
            + (team ? "49.00" : "12.00") + ",\"currency\":\"USD\"");
      } else if (!plan.equals("free") && random.nextDouble() < 0.12) {
        t = t.plusSeconds(60 + random.nextInt(600));
        boolean cancel = random.nextBoolean();
        event(userId, cancel ? "cancel" : "downgrade", t, common + ",\"plan\":\"free\",\"from_plan\":\""
            + plan + "\"");
        plan = "free";
      }
      if (random.nextDouble() < 0.08) {
        t = t.plusSeconds(60 + random.nextInt(300));
        event(userId, "invite_sent", t, common + ",\"invitee\":\"" + userId + "-friend" + s + "\"");
      }
    }
  }

  /** One event, usually in its own day's file; a few arrive a day or two late (offline mobile clients). */
  void event(String userId, String type, Instant time, String properties) {
    if (!time.isBefore(FIRST_DAY.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      return; // has not happened yet when the last sample day's logs were collected
    }
    LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate fileDay = day;
    if (day.isBefore(FIRST_DAY.plusDays(days - 1)) && random.nextDouble() < 0.01) {
      fileDay = day.plusDays(1 + random.nextInt(2));
      if (fileDay.isAfter(FIRST_DAY.plusDays(days - 1))) {
        fileDay = FIRST_DAY.plusDays(days - 1);
      }
    }
    double style = random.nextDouble();
    String timeField;
    if (style < 0.05) {
      timeField = Long.toString(time.toEpochMilli()); // epoch milliseconds, as the canonical format allows
    } else if (style < 0.12) {
      timeField = "\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.ofHours(1))) + "\"";
    } else {
      timeField = "\"" + DateTimeFormatter.ISO_INSTANT.format(time) + "\"";
    }
    String id = random.nextDouble() < 0.1 ? "" : "\"event_id\":\"evt-" + (nextEventId++) + "\",";
    String json = "{" + id + "\"user_id\":\"" + userId + "\",\"event_type\":\"" + type + "\",\"event_time\":"
        + timeField + ",\"properties\":{" + properties + "}}";
    lines.add(new Line(fileDay, time, json));
    if (random.nextDouble() < 0.01) {
      lines.add(new Line(fileDay, time, json)); // the collector delivered it twice
    }
  }

  /** Lines every real log has now and then; each day gets a few. */
  void badLines() {
    for (int d = 0; d < days; d++) {
      LocalDate day = FIRST_DAY.plusDays(d);
      Instant noon = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(12 * 3600);
      String iso = DateTimeFormatter.ISO_INSTANT.format(noon);
      bad(day, noon, "{\"event_id\":\"bad-" + d + "-1\",\"user_id\":\"u0001\",\"event_type\":\"page_view\",\"event_ti");
      bad(day, noon, "{\"event_id\":\"bad-" + d + "-2\",\"event_type\":\"page_view\",\"event_time\":\"" + iso
          + "\",\"properties\":{\"page\":\"/\"}}");
      bad(day, noon, "{\"event_id\":\"bad-" + d + "-3\",\"user_id\":\"u0002\",\"event_type\":\"session_start\","
          + "\"event_time\":\"yesterday at noon\",\"properties\":{}}");
      bad(day, noon, "{\"event_id\":\"bad-" + d + "-4\",\"user_id\":\"u0003\",\"event_type\":\"page_view\","
          + "\"event_time\":\"" + day + "T12:00:00\",\"properties\":{}}");
      bad(day, noon, "{\"event_id\":\"bad-" + d + "-5\",\"user_id\":\"u0004\",\"event_type\":\"page_view\","
          + "\"event_time\":\"" + DateTimeFormatter.ISO_INSTANT.format(noon.plusSeconds(40L * 86400)) + "\"}");
      if (d % 2 == 1) {
        bad(day, noon, "{\"event_id\":\"bad-" + d + "-6\",\"user_id\":\"u0005\",\"event_time\":\"" + iso + "\"}");
        bad(day, noon, "{\"event_id\":\"bad-" + d + "-7\",\"user_id\":\"u0006\",\"event_type\":\"signup\","
            + "\"event_time\":\"" + iso + "\",\"properties\":\"plan=free\"}");
        bad(day, noon, "[\"not\",\"an\",\"object\"]");
      }
    }
  }

  void bad(LocalDate day, Instant time, String line) {
    lines.add(new Line(day, time, line));
  }

  String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
