package io.funnelcast.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;

/**
 * Samples the bytes in Spark's local directories (shuffle files, sort spills, cached blocks put on disk)
 * every second; {@link #reset} starts a phase. What a job needs there, besides its tables, is what decides
 * whether it fits a machine's disk.
 */
final class ScratchWatch extends PeriodicWatch {
  private volatile long peak;

  ScratchWatch() {
    super("bench-scratch", 1000);
    start();
  }

  synchronized void reset() {
    peak = 0;
    sample();
  }

  long peakMb() {
    sample();
    return peak >> 20;
  }

  @Override
  synchronized void sample() {
    peak = Math.max(peak, localDirs().stream().mapToLong(ScratchWatch::bytes).sum());
  }

  private static List<File> localDirs() {
    SparkEnv env = SparkEnv.get();
    return env == null ? List.of() : List.of(env.blockManager().diskBlockManager().localDirs());
  }

  /** Bytes of the files under the directory; files Spark deletes while it is walked count as 0. */
  private static long bytes(File dir) {
    try (Stream<Path> files = Files.walk(dir.toPath())) {
      return files.mapToLong(ScratchWatch::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
