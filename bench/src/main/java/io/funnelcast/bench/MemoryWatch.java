package io.funnelcast.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the driver's heap use and the process's resident memory every 50 ms; {@link #reset} starts a phase. */
final class MemoryWatch extends PeriodicWatch {
  private static final Path STATUS = Path.of("/proc/self/status");
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private volatile long heapPeak;
  private volatile long rssPeak;

  MemoryWatch() {
    super("bench-memory", 50);
    start();
  }

  synchronized void reset() {
    heapPeak = 0;
    rssPeak = 0;
    sample();
  }

  @Override
  synchronized void sample() {
    heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
    rssPeak = Math.max(rssPeak, residentBytes());
  }

  long heapPeakMb() {
    sample();
    return heapPeak >> 20;
  }

  long rssPeakMb() {
    sample();
    return rssPeak >> 20;
  }

  /** VmRSS from /proc (Linux); 0 elsewhere. */
  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
