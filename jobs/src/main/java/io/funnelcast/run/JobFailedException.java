package io.funnelcast.run;

/** A job attempt failed; its failure is already recorded in pipeline_runs. */
public final class JobFailedException extends RuntimeException {
  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
