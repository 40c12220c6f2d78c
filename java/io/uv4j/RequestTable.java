package io.uv4j;

import io.uv4j.internal.Native;
import java.util.Arrays;

/**
 * A loop's requests in flight whose native side knows them by slot only, with no global
 * reference: the slot indexes this table, which keeps each request object reachable (and what it
 * references: buffers, callbacks) until its completion is delivered.
 *
 * <p>A slot is reused once its request completed, so cancelling goes by the request object: a
 * request that has completed is no longer in the table, and its old slot, even when it names a
 * new request by then, cancels nothing for it.
 */
final class RequestTable {
  private static final int FIRST_CAPACITY = 16;
  private static final int NO_SLOT = -1;

  private final Loop loop;
  private final CompletionBatch completions;
  /**
   * Read by pool threads too (runOnPool): a request is stored before the native call that hands
   * it to the pool, and its entry is not touched again until its completion; an array replaced
   * by a bigger one keeps its entries, so either copy holds it.
   */
  private volatile Peer[] requests = new Peer[FIRST_CAPACITY];
  private int[] nextFree = new int[FIRST_CAPACITY];
  private int firstFree;

  RequestTable(Loop loop, long loopPtr) throws UvException {
    this.loop = loop;
    this.completions = new CompletionBatch(loop, this);
    linkFree(0);
    UvException.check(Native.loopSetRequestTable(loopPtr, this, completions.buffer()), "uv_loop_init");
  }

  /** Puts a request in the table for its native side to start under the slot returned. */
  int add(Peer request) {
    if (firstFree == NO_SLOT) grow();
    int slot = firstFree;
    firstFree = nextFree[slot];
    requests[slot] = request;
    return slot;
  }

  /** Takes a request out of the table: its completion is being delivered, or it never started. */
  Peer remove(int slot) {
    Peer[] current = requests;
    Peer request = current[slot];
    current[slot] = null;
    nextFree[slot] = firstFree;
    firstFree = slot;
    return request;
  }

  /**
   * Cancels a request still in the table ({@code uv_cancel}); false once its completion is on
   * its way (or delivered), or the loop is closed.
   */
  boolean cancel(Peer request, int slot) {
    long loopPtr = loop.pointer();
    if (loopPtr == 0 || requests[slot] != request) return false;
    return Native.requestSlotCancel(loopPtr, slot) == 0;
  }

  /** The native request of the completion being delivered, to read its results through JNI. */
  long completingRequest() {
    return completions.completingRequest();
  }

  /** The stat result of the completion being delivered (a stat, lstat or fstat). */
  Stat completingStat() {
    return completions.completingStat();
  }

  private void grow() {
    int old = requests.length;
    nextFree = Arrays.copyOf(nextFree, old * 2);
    requests = Arrays.copyOf(requests, old * 2);
    linkFree(old);
  }

  private void linkFree(int from) {
    for (int i = from; i < nextFree.length - 1; i++) nextFree[i] = i + 1;
    nextFree[nextFree.length - 1] = NO_SLOT;
    firstFree = from;
  }

  /** A pool thread runs the work item under a slot here (called from native code). */
  @SuppressWarnings("unused")
  private void runOnPool(int slot) {
    ((Work<?>) requests[slot]).runOnPool();
  }

  /** The loop's completion buffer holds {@code count} completions to deliver (called from native code). */
  @SuppressWarnings("unused")
  private void completed(int count) {
    completions.deliver(count);
  }
}
