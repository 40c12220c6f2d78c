package io.uv4j.bench;

import io.uv4j.Loop;
import io.uv4j.Timer;
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
 * Next-ticks and microtasks per second: a 0 ms timer's callback queues one task, and each task
 * queues the next until BATCH have run, all in the drain that follows that one callback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueueThroughput {
  static final int BATCH = 100_000;

  private Loop loop;
  private Timer timer;
  private int ran;
  private Runnable tick;
  private Runnable microtask;
  private Runnable firstTick;
  private Runnable firstMicrotask;

  @Setup
  public void setup() throws Exception {
    loop = Loop.create();
    timer = new Timer(loop);
    tick = () -> {
      if (++ran < BATCH) loop.nextTick(tick);
    };
    microtask = () -> {
      if (++ran < BATCH) loop.queueMicrotask(microtask);
    };
    firstTick = () -> loop.nextTick(tick);
    firstMicrotask = () -> loop.queueMicrotask(microtask);
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  private int chain(Runnable first) {
    ran = 0;
    timer.start(0, first);
    loop.run();
    if (ran != BATCH) throw new IllegalStateException(ran + " tasks ran, not " + BATCH);
    return ran;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int nextTickChain() {
    return chain(firstTick);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int microtaskChain() {
    return chain(firstMicrotask);
  }
}
