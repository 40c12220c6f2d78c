package io.uv4j;

/**
 * libuv's loop counters ({@code uv_metrics_t}).
 *
 * @param loopCount iterations the loop has run
 * @param events events the poll phase has handled
 * @param eventsWaiting events that were waiting when the poll phase was entered
 */
public record LoopMetrics(long loopCount, long events, long eventsWaiting) {}
