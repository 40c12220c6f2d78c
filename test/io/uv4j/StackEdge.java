package io.uv4j;

/** Runs code at a chosen depth of recursion, and knows roughly how deep a thread's stack goes. */
final class StackEdge {
  private static int depth;

  private StackEdge() {}

  /** How many frames of a small recursive method fit on a thread's stack (probed once). */
  static synchronized int depth() {
    if (depth == 0) {
      int[] reached = {0};
      try {
        descend(reached);
      } catch (StackOverflowError expected) {
        depth = reached[0];
      }
    }
    return depth;
  }

  private static void descend(int[] reached) {
    reached[0]++;
    descend(reached);
  }

  /** Runs {@code body} below {@code frames} frames of recursion. */
  static void at(int frames, FuzzSeed.Call body) throws Throwable {
    if (frames <= 0) body.run();
    else at(frames - 1, body);
  }
}
