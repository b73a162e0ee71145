package io.funnelcast.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * sha-256 hashes of the resolved configuration: the whole of it, and for each job only the keys that change
 * what the job writes, so a Spark setting or another job's option does not force a job's full refresh.
 *
 * @param whole the hash of every key
 * @param byJob the hash of each job's keys, by job name
 */
public record ConfigHashes(String whole, Map<String, String> byJob) {
  /** The keys (paths under funnelcast, each with everything below it) each job's output depends on. */
  static final Map<String, List<String>> JOB_KEYS = Map.of(
      "ingest", List.of("source"),
      "lifecycle", List.of("source.format", "source.fields", "source.event-time-format", "source.properties",
          "lifecycle", "business-time-zone"),
      "conversion", List.of("lifecycle", "conversion", "business-time-zone", "week-start"),
      "forecast", List.of("lifecycle", "conversion", "forecast", "business-time-zone", "week-start"),
      "backtest", List.of("lifecycle", "conversion", "forecast", "business-time-zone", "week-start"));

  public ConfigHashes {
    byJob = Map.copyOf(byJob);
  }

  /** The hash recorded with a job's runs; the whole configuration's for a job without a key list. */
  public String forJob(String job) {
    return byJob.getOrDefault(job, whole);
  }

  /** From the configuration's leaf values, keyed by path (e.g. lifecycle.activity.new-for), sorted. */
  static ConfigHashes of(SortedMap<String, String> leaves) {
    Map<String, String> byJob = JOB_KEYS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        job -> sha256(leaves.entrySet().stream()
            .filter(leaf -> job.getValue().stream().anyMatch(key -> leaf.getKey().equals(key)
                || leaf.getKey().startsWith(key + ".")))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new)))));
    return new ConfigHashes(sha256(leaves), byJob);
  }

  private static String sha256(Map<String, String> sortedLeaves) {
    String canonical = sortedLeaves.entrySet().stream().map(leaf -> leaf.getKey() + "=" + leaf.getValue())
        .collect(Collectors.joining("\n"));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
