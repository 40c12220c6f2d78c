package io.uv4j.bench;

import io.uv4j.ChromeTraceWriter;
import io.uv4j.Idle;
import io.uv4j.Loop;
import io.uv4j.LoopTracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tracing costs a busy loop: idle callbacks per second, as in {@link IdleCallbacks}, with
 * no tracer, with a tracer that does nothing (the loop's own tracing work), and with a {@link
 * ChromeTraceWriter} writing to a temporary file. Each idle callback is one loop iteration, so
 * the trace gets about six events per callback: the idle, prepare, poll and check phases and the
 * callback's begin and end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TracedIdleCallbacks {
  static final int BATCH = 100_000;

  @Param({"none", "nothing", "chrome"})
  public String tracer;

  private Loop loop;
  private Idle idle;
  private int calls;
  private Runnable callback;
  private Path file;
  private ChromeTraceWriter chrome;

  @Setup
  public void setup() throws Exception {
    loop = Loop.create();
    idle = new Idle(loop);
    callback =
        () -> {
          if (++calls == BATCH) idle.stop();
        };
    switch (tracer) {
      case "nothing":
        loop.setTracer(new LoopTracer() {});
        break;
      case "chrome":
        file = Files.createTempFile("uv4j-trace-bench-", ".json");
        chrome = new ChromeTraceWriter(file);
        loop.setTracer(chrome);
        break;
      default:
        break;
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    loop.setTracer(null);
    loop.close();
    if (chrome != null) {
      chrome.close();
      Files.delete(file);
    }
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
