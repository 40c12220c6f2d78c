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
 * Timer throughput, as bench/c/timer_loop.c measures it in raw libuv: {@code fire} starts BATCH
 * 0 ms timers and runs the loop until all have fired (one start, one upcall each); {@code
 * startStop} starts and stops one timer BATCH times without running the loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimerThroughput {
  static final int BATCH = 1_000;

  private Loop loop;
  private Timer[] timers;
  private int fired;
  private Runnable onFire;
  private Runnable never;

  @Setup
  public void setup() throws Exception {
    loop = Loop.create();
    timers = new Timer[BATCH];
    for (int i = 0; i < BATCH; i++) timers[i] = new Timer(loop);
    onFire = () -> fired++;
    never = () -> {
      throw new IllegalStateException("a stopped timer fired");
    };
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int fire() {
    fired = 0;
    for (Timer timer : timers) timer.start(0, onFire);
    loop.run();
    if (fired != BATCH) throw new IllegalStateException(fired + " timers fired, not " + BATCH);
    return fired;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void startStop() {
    Timer timer = timers[0];
    for (int i = 0; i < BATCH; i++) {
      timer.start(1_000, never);
      timer.stop();
    }
  }
}
