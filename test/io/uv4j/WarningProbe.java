package io.uv4j;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Run in a fresh JVM by {@link WarningTest}: sets a timeout too large for 32 bits and runs the
 * loop, so that the default printing of its warning reaches the process's real standard error.
 */
public final class WarningProbe {
  private WarningProbe() {}

  /**
   * Prints "pid N", then silences {@code System.out}, so that only what the loop prints to {@code
   * System.err} follows; exits 0.
   */
  public static void main(String[] args) throws Exception {
    System.out.println("pid " + ProcessHandle.current().pid());
    System.out.flush();
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try (Loop loop = Loop.create()) {
      loop.setTimeout(() -> {}, 1L << 31);
      loop.runToCompletion();
    }
  }
}
