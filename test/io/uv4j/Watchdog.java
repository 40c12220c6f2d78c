package io.uv4j;

/**
 * An unreferenced timer that fails a run which lasts too long, so that a broken test fails
 * instead of hanging. Being unreferenced, it never keeps the loop alive by itself.
 */
final class Watchdog {
  private Watchdog() {}

  /** Arms a watchdog on {@code loop}: if the loop is still running after {@code ms}, run() throws. */
  static Timer arm(Loop loop, long ms) {
    Timer timer = new Timer(loop);
    timer.start(
        ms,
        () -> {
          throw new AssertionError("the loop was still running after " + ms + " ms");
        });
    timer.unref();
    return timer;
  }
}
