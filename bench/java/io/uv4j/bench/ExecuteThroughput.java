package io.uv4j.bench;

import io.uv4j.Async;
import io.uv4j.Loop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tasks handed to a running loop through {@link Loop#execute(Runnable)}, per second: from one and
 * from four producer threads, each submitting BATCH no-op tasks and then waiting until the loop
 * has run them, and a ping-pong in which one thread submits a task only after the previous one
 * ran (every task then has to wake a loop that is waiting in poll).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExecuteThroughput {
  static final int BATCH = 1_000;

  private Thread loopThread;
  private Loop loop;
  private Async keepAlive;

  /** One producer thread's tasks; only the loop thread writes {@code ran}. */
  @State(Scope.Thread)
  public static class Producer {
    volatile int ran;
    final Runnable task = () -> ran = ran + 1;

    void awaitRan(int count) {
      while (ran != count) Thread.yield();
    }
  }

  @Setup(Level.Trial)
  public void startLoop() throws Exception {
    CompletableFuture<Loop> started = new CompletableFuture<>();
    loopThread =
        new Thread(
            () -> {
              try {
                Loop own = Loop.create();
                keepAlive = new Async(own, () -> {});
                started.complete(own);
                own.run();
                own.close();
              } catch (Throwable t) {
                started.completeExceptionally(t);
              }
            },
            "execute-bench-loop");
    loopThread.start();
    loop = started.get();
  }

  @TearDown(Level.Trial)
  public void stopLoop() throws InterruptedException {
    loop.execute(() -> keepAlive.close());
    loopThread.join();
  }

  private void submitBatch(Producer producer) {
    int target = producer.ran + BATCH;
    for (int i = 0; i < BATCH; i++) loop.execute(producer.task);
    producer.awaitRan(target);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Threads(1)
  public void oneProducer(Producer producer) {
    submitBatch(producer);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Threads(4)
  public void fourProducers(Producer producer) {
    submitBatch(producer);
  }

  @Benchmark
  @Threads(1)
  public void pingPong(Producer producer) {
    int target = producer.ran + 1;
    loop.execute(producer.task);
    while (producer.ran != target) Thread.onSpinWait();
  }
}
