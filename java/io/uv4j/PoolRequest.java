package io.uv4j;

/**
 * A request on libuv's thread pool that the loop thread may cancel while it waits for a pool
 * thread: queued work, a DNS lookup, a file-system operation. Its native side knows it by its slot
 * in the loop's request table; the loop's list of requests in flight holds it until its completion
 * starts, so that closing the loop cancels it.
 */
abstract class PoolRequest extends Peer implements Cancelable {
  private int slot;
  private boolean cancelled;

  PoolRequest(Loop loop) {
    super(loop);
  }

  /** Puts this request in the loop's request table, under the slot returned, for its native side to start. */
  final int takeSlot() {
    slot = loop.requestTable().add(this);
    return slot;
  }

  /**
   * Takes what starting the native side returned: a request that did not start (negative) leaves
   * the table, one that did is in flight.
   *
   * @return whether it started
   */
  final boolean started(long result) {
    if (result < 0) {
      leaveTable();
      return false;
    }
    loop.inFlight(this);
    return true;
  }

  /** Takes this request out of the table before its native side was asked to start it. */
  final void leaveTable() {
    loop.requestTable().remove(slot);
  }

  @Override
  public boolean cancel() {
    loop.checkThread();
    // libuv reports a second uv_cancel of the same request as a success too
    if (cancelled || !cancellable()) return false;
    cancelled = loop.requestTable().cancel(this, slot);
    return cancelled;
  }

  /** Whether this kind of request may be cancelled at all. */
  boolean cancellable() {
    return true;
  }

  @Override
  void released() {
    loop.completed(this);
  }
}
