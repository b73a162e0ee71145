package io.funnelcast.generate;

import io.funnelcast.ingest.EventTimes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes synthetic interaction logs in the canonical format, one folder per day, and the truth beside them:
 * {@code truth/stage_entries.csv} (every planted stage visit up to the last day) and {@code truth/expected.json}
 * (planted parameters, the population figures they imply, arrivals, and future conversions per week).
 *
 * <p>Users are simulated one at a time and their lines appended to the day files, so memory stays bounded
 * whatever the size; each user has a random stream derived from the seed and their number, so the same
 * options give the same bytes.
 */
public final class SyntheticLogs {
  static final String FILE = "part-00000.jsonl";

  private final GenerateOptions options;
  private final Map<LocalDate, Writer> files = new TreeMap<>();
  private final Instant end;
  private long events;
  private long late;
  private long duplicates;
  private long bad;
  private long entries;

  private SyntheticLogs(GenerateOptions options) {
    this.options = options;
    this.end = EventTimes.endOfDay(options.lastDay());
  }

  public static GenerateResult generate(GenerateOptions options) {
    return new SyntheticLogs(options).run();
  }

  private GenerateResult run() {
    PlantedTruth truth = new PlantedTruth(options);
    try (BufferedWriter stageEntries = Files.newBufferedWriter(createParent(options.out().resolve("truth/stage_entries.csv")),
        StandardCharsets.UTF_8)) {
      stageEntries.write("user_id,stage,attempt,entered_at,is_skipped,channel\n");
      for (LocalDate day = options.firstDay(); !day.isAfter(options.lastDay()); day = day.plusDays(1)) {
        file(day);
      }
      Arrivals arrivals = new Arrivals(options);
      String idFormat = "u%0" + Math.max(4, String.valueOf(arrivals.total()).length()) + "d";
      for (long index = 0; index < arrivals.total(); index++) {
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + index);
        LocalDate day = arrivals.dayOf(index);
        Instant firstVisit = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(random.nextLong(86_400_000L));
        PlantedBehaviour.Segment segment = pickSegment(random);
        SyntheticUser user = SyntheticUser.simulate(String.format(Locale.ROOT, idFormat, index + 1), segment,
            firstVisit, random, options.behaviour());
        truth.add(user, !day.isAfter(options.lastDay()));
        if (day.isAfter(options.lastDay())) {
          continue;
        }
        writeEvents(user, random);
        for (SyntheticUser.Entry entry : user.entries) {
          if (entry.at().isBefore(end)) {
            stageEntries.write(user.userId + "," + entry.stage() + "," + entry.attempt() + ","
                + DateTimeFormatter.ISO_INSTANT.format(entry.at()) + "," + entry.skipped() + "," + user.segment.channel()
                + "\n");
            entries++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      closeFiles();
    }
    truth.write(options.out().resolve("truth/expected.json"));
    return new GenerateResult(options.out(), truth.historyUsers(), events, late, duplicates, bad,
        events + duplicates + bad, entries);
  }

  private PlantedBehaviour.Segment pickSegment(SplittableRandom random) {
    double u = random.nextDouble();
    double total = options.behaviour().segments().stream().mapToDouble(PlantedBehaviour.Segment::share).sum();
    double cumulative = 0;
    for (PlantedBehaviour.Segment segment : options.behaviour().segments()) {
      cumulative += segment.share() / total;
      if (u < cumulative) {
        return segment;
      }
    }
    return options.behaviour().segments().get(options.behaviour().segments().size() - 1);
  }

  private void writeEvents(SyntheticUser user, SplittableRandom random) throws IOException {
    int sequence = 0;
    for (SyntheticUser.Event event : user.events) {
      sequence++;
      if (!event.time().isBefore(end)) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
      String line = json(user.userId + "-" + sequence, user.userId, event.type(),
          DateTimeFormatter.ISO_INSTANT.format(event.time()), event.properties());
      LocalDate fileDay = day;
      if (random.nextDouble() < options.lateFraction()) {
        LocalDate later = day.plusDays(1 + random.nextInt(3));
        if (!later.isAfter(options.lastDay())) {
          fileDay = later;
          late++;
        }
      }
      file(fileDay).write(line);
      events++;
      if (random.nextDouble() < options.duplicateFraction()) {
        LocalDate again = random.nextBoolean() && fileDay.isBefore(options.lastDay()) ? fileDay.plusDays(1) : fileDay;
        file(again).write(line);
        duplicates++;
      }
      if (random.nextDouble() < options.badFraction()) {
        file(fileDay).write(badLine(random, line, event.time()));
        bad++;
      }
    }
  }

  /** One malformed record of a kind ingest quarantines. */
  private String badLine(SplittableRandom random, String line, Instant time) {
    String id = "\"event_id\":\"bad-" + bad + "\"";
    String iso = DateTimeFormatter.ISO_INSTANT.format(time);
    return switch (random.nextInt(6)) {
      case 0 -> line.substring(0, line.length() / 2) + "\n";
      case 1 -> "{" + id + ",\"event_type\":\"page_view\",\"event_time\":\"" + iso + "\"}\n";
      case 2 -> "{" + id + ",\"user_id\":\"u-bad\",\"event_type\":\"page_view\",\"event_time\":\"yesterday\"}\n";
      case 3 -> "{" + id + ",\"user_id\":\"u-bad\",\"event_type\":\"page_view\",\"event_time\":\""
          + DateTimeFormatter.ISO_INSTANT.format(time.plusSeconds(400L * 86_400)) + "\"}\n";
      case 4 -> "[\"not\",\"an\",\"object\"]\n";
      default -> "{" + id + ",\"user_id\":\"u-bad\",\"event_type\":\"\",\"event_time\":\"" + iso + "\"}\n";
    };
  }

  static String json(String eventId, String userId, String type, String time, Map<String, String> properties) {
    StringBuilder line = new StringBuilder(160).append("{\"event_id\":\"").append(eventId)
        .append("\",\"user_id\":\"").append(userId).append("\",\"event_type\":\"").append(type)
        .append("\",\"event_time\":\"").append(time).append("\",\"properties\":{");
    boolean first = true;
    for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
      line.append(first ? "" : ",").append('"').append(property.getKey()).append("\":\"").append(property.getValue())
          .append('"');
      first = false;
    }
    return line.append("}}\n").toString();
  }

  private Writer file(LocalDate day) throws IOException {
    Writer writer = files.get(day);
    if (writer == null) {
      Path path = createParent(options.out().resolve("raw/date=" + day + "/" + FILE));
      writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      files.put(day, writer);
    }
    return writer;
  }

  private void closeFiles() {
    for (Writer writer : files.values()) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Path createParent(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    return path;
  }

  static LocalDate weekStart(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
