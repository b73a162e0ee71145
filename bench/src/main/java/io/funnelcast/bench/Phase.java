package io.funnelcast.bench;

/**
 * One measured step.
 *
 * @param rows what it processed (events, stage visits, ...), for events per second where that makes sense
 * @param scratchPeakMb peak bytes in Spark's local directories during the phase (also files earlier phases
 *     left there)
 * @param sparkJobs Spark jobs the phase started, Delta's included; -1 where no session was open (generate)
 * @param deltaCommits Delta commits the phase made, in any table; -1 where no session was open
 */
record Phase(String name, double seconds, long rows, long heapPeakMb, long rssPeakMb, long scratchPeakMb,
    long sparkJobs, long deltaCommits, String detail) {

  /** A count for the table, "-" where it was not counted. */
  static String count(long value) {
    return value < 0 ? "-" : Long.toString(value);
  }
}
