package io.funnelcast.bench;

/**
 * One measured step.
 *
 * @param rows what it processed (events, stage visits, ...), for events per second where that makes sense
 * @param scratchPeakMb peak bytes in Spark's local directories during the phase (also files earlier phases
 *     left there)
 */
record Phase(String name, double seconds, long rows, long heapPeakMb, long rssPeakMb, long scratchPeakMb,
    String detail) {}
