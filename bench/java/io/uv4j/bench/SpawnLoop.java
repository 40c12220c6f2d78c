package io.uv4j.bench;

import io.uv4j.ChildProcess;
import io.uv4j.Loop;
import io.uv4j.SpawnOptions;
import io.uv4j.UvException;
import java.io.File;
import java.io.IOException;

/**
 * Spawn-and-reap latency, in the same shape as bench/node/spawn.js: N children of a program with
 * no arguments and every stdio descriptor on the null device, one after another (the next starts
 * once the last has been reaped), through uv4j's {@link ChildProcess} or {@link ProcessBuilder}.
 * A warm-up of N / 10 children runs first.
 *
 * <p>Usage: {@code SpawnLoop uv4j|processbuilder N PROGRAM}. Prints {@code spawns_per_sec=<rate>}.
 */
public final class SpawnLoop {
  private SpawnLoop() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int n = Integer.parseInt(args[1]);
    String program = args[2];
    run(kind, n / 10, program);
    long start = System.nanoTime();
    run(kind, n, program);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s spawns_per_sec=%.1f%n", kind, n / seconds);
  }

  private static void run(String kind, int n, String program) throws Exception {
    switch (kind) {
      case "uv4j":
        uv4j(n, program);
        break;
      case "processbuilder":
        processBuilder(n, program);
        break;
      default:
        throw new IllegalArgumentException("kind must be uv4j or processbuilder, got " + kind);
    }
  }

  private static void uv4j(int n, String program) throws UvException {
    SpawnOptions options = SpawnOptions.builder(program).build();
    try (Loop loop = Loop.create()) {
      int[] left = {n};
      ChildProcess.ExitCallback[] next = new ChildProcess.ExitCallback[1];
      next[0] = (status, signal) -> {
        if (status != 0 || signal != 0) throw new IllegalStateException(program + " ended with " + status + "/" + signal);
        if (--left[0] > 0) ChildProcess.spawn(loop, options, next[0]);
      };
      ChildProcess.spawn(loop, options, next[0]);
      loop.run();
    }
  }

  private static void processBuilder(int n, String program) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(program)
        .redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    for (int i = 0; i < n; i++) {
      int status = builder.start().waitFor();
      if (status != 0) throw new IllegalStateException(program + " ended with " + status);
    }
  }
}
