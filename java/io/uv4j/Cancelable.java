package io.uv4j;

/** An operation in flight that may still be cancelled. */
@FunctionalInterface
public interface Cancelable {
  /**
   * Cancels the operation if it has not started running; its callback then gets {@code
   * ECANCELED} (or {@code EAI_CANCELED} for DNS).
   *
   * @return whether it was cancelled (false if it already ran or completed, or its loop is
   *     closed)
   * @throws IllegalStateException if called from a thread other than the loop's
   */
  boolean cancel();
}
