package io.funnelcast.run;

/** One Funnelcast job: configured once, executed for one run date at a time. */
public interface Job<R extends JobResult> {
  String name();

  R execute(RunContext context);
}
