package io.funnelcast.bench;

/** A daemon thread that calls {@link #sample} at a fixed interval until closed; subclasses keep the peaks. */
abstract class PeriodicWatch implements AutoCloseable {
  private final Thread sampler;
  private volatile boolean running = true;

  PeriodicWatch(String name, long intervalMillis) {
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, name);
    sampler.setDaemon(true);
  }

  /** Called by a subclass constructor once its own fields are set. */
  final void start() {
    sampler.start();
  }

  abstract void sample();

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
