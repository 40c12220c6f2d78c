package io.uv4j.bench;

import io.uv4j.Idle;
import io.uv4j.Loop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Idle callbacks per second of one {@link Idle} handle: the cost of one loop iteration plus one
 * upcall through the funnel. bench/c/idle_loop.c is the same program in raw libuv.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IdleCallbacks {
  static final int BATCH = 100_000;

  private Loop loop;
  private Idle idle;
  private int calls;
  private Runnable callback;

  @Setup
  public void setup() throws Exception {
    loop = Loop.create();
    idle = new Idle(loop);
    callback =
        () -> {
          if (++calls == BATCH) idle.stop();
        };
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int idleCallbacks() {
    calls = 0;
    idle.start(callback);
    loop.run();
    if (calls != BATCH) throw new IllegalStateException("idle ran " + calls + " times, not " + BATCH);
    return calls;
  }
}
