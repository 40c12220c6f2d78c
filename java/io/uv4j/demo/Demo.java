package io.uv4j.demo;

import io.uv4j.Async;
import io.uv4j.Loop;
import io.uv4j.Promise;
import io.uv4j.Timer;
import io.uv4j.Uv;
import io.uv4j.UvException;

/**
 * A first look at uv4j: a timer, an {@link Async} sent from another thread, and next-ticks,
 * microtasks and promise reactions running in Node's order, each line naming its thread.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws UvException, InterruptedException {
    long start = Uv.hrtime();
    Loop loop = Loop.create();
    Log log = new Log(start);
    log.line("libuv " + Uv.versionString() + ", loop created");

    loop.nextTick(() -> log.line("nextTick 1 (queued first; ticks run before microtasks)"));
    Promise.resolve(loop, "value").thenAccept(v -> log.line("promise reaction (a microtask), got " + v));
    loop.queueMicrotask(() -> log.line("queueMicrotask (same queue as promise reactions, FIFO)"));
    loop.nextTick(() -> log.line("nextTick 2"));

    Timer timer = new Timer(loop);
    timer.start(
        20,
        () -> {
          log.line("timer fired after 20 ms");
          loop.nextTick(() -> log.line("  nextTick queued by the timer runs right after it"));
          timer.close(() -> log.line("timer closed"));
        });

    Async[] async = new Async[1];
    async[0] =
        new Async(
            loop,
            () -> {
              log.line("async callback, woken by the worker's send()");
              async[0].close();
            });
    Thread worker =
        new Thread(
            () -> {
              log.line("worker thread calls async.send()");
              async[0].send();
              loop.execute(() -> log.line("task the worker passed in with loop.execute()"));
            },
            "worker");

    log.line("main program done; starting the worker and running the loop");
    worker.start();
    loop.run();
    worker.join();
    loop.close();
    log.line("loop closed");
  }

  private static final class Log {
    private final long start;

    Log(long start) {
      this.start = start;
    }

    synchronized void line(String text) {
      double ms = (Uv.hrtime() - start) / 1e6;
      System.out.printf("%8.3f ms  [%-6s] %s%n", ms, Thread.currentThread().getName(), text);
    }
  }
}
