package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The completions of a loop's slot-named requests, as the native side writes them into one
 * direct buffer, a record each (layout from the shim's constant table), and delivers them in one
 * upcall: one completion, or every completion of a burst that libuv's thread pool finished
 * together. Each is then delivered exactly as an upcall of its own would be, with the drain
 * after it, so a burst keeps Node's order: what one callback queues, or closes, or cancels, is
 * seen before the next completion runs.
 */
final class CompletionBatch {
  private static final int SLOT = Native.constant("UV4J_COMPLETION_SLOT");
  private static final int RESULT = Native.constant("UV4J_COMPLETION_RESULT");
  private static final int REQUEST = Native.constant("UV4J_COMPLETION_REQUEST");
  private static final int STAT = Native.constant("UV4J_COMPLETION_STAT");
  private static final int SIZE = Native.constant("UV4J_COMPLETION_SIZE");
  private static final int MAX = Native.constant("UV4J_COMPLETIONS_MAX");

  private final Loop loop;
  private final RequestTable requests;
  private final ByteBuffer records = ByteBuffer.allocateDirect(SIZE * MAX).order(ByteOrder.nativeOrder());
  /** The record being delivered, for the results read while its callback runs. */
  private int current;

  CompletionBatch(Loop loop, RequestTable requests) {
    this.loop = loop;
    this.requests = requests;
  }

  ByteBuffer buffer() {
    return records;
  }

  long completingRequest() {
    return records.getLong(current * SIZE + REQUEST);
  }

  /** The stat the native side wrote into the record being delivered. */
  Stat completingStat() {
    return Stat.of(records, current * SIZE + STAT);
  }

  /**
   * Delivers the first {@code count} records in order. Something that escapes one delivery (the
   * funnel catches what callbacks throw; this is what gets past it) does not keep the rest from
   * theirs: the first is rethrown after them, for the native side to keep and stop the loop, as
   * it does for an upcall of their own.
   */
  void deliver(int count) {
    Throwable escaped = null;
    for (int i = 0; i < count; i++) {
      int at = i * SIZE;
      Peer request = requests.remove(records.getInt(at + SLOT));
      current = i;
      try {
        loop.dispatcher.dispatch(request, Native.EVENT_DONE, records.getLong(at + RESULT));
      } catch (Throwable t) {
        if (escaped == null) escaped = t;
      }
    }
    if (escaped != null) throw Throwables.sneaky(escaped);
  }
}
