package io.funnelcast.bench;

/**
 * One measured step.
 *
 * @param rows what it processed (events, stage visits, ...), for events per second where that makes sense
 */
record Phase(String name, double seconds, long rows, long heapPeakMb, long rssPeakMb, String detail) {}
