package io.uv4j.bench;

import io.uv4j.Loop;
import io.uv4j.Promise;
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
 * Promise links per second: a chain of BATCH {@code then} links on a pending promise, built and
 * then resolved once from a 0 ms timer's callback; each link runs as one microtask.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PromiseThenChain {
  static final int BATCH = 10_000;

  private Loop loop;
  private Timer timer;
  private final Promise.Handler<Integer, Integer> increment = n -> n + 1;

  @Setup
  public void setup() throws Exception {
    loop = Loop.create();
    timer = new Timer(loop);
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int thenChain() {
    Promise.Resolver<Integer> resolver = loop.promise();
    Promise<Integer> last = resolver.promise();
    for (int i = 0; i < BATCH; i++) last = last.then(increment);
    timer.start(0, () -> resolver.resolve(0));
    loop.run();
    int value = last.value();
    if (value != BATCH) throw new IllegalStateException("chain ended at " + value + ", not " + BATCH);
    return value;
  }
}
