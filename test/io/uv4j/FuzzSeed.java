package io.uv4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One seed of the fuzzer: a bounded number of random calls on fresh loops, while sync-fs worker
 * threads share descriptors and directories. It counts the calls, keeps the last ones for the
 * report, and records every broken promise as a failure instead of stopping at the first.
 */
final class FuzzSeed {
  /** Starts the message of every throwable the fuzzer throws on purpose. */
  static final String DELIBERATE = "fuzz: deliberate";

  /** Starts the name of every seed's scratch directory. */
  static final String SCRATCH_PREFIX = "uv4j-fuzz-";

  private static final int TRACE_LENGTH = 40;

  final long seed;
  final Fuzzer.Options options;
  /** The seed thread's source of choices; other threads make their own from the seed. */
  final Random random;
  final Path scratch;
  final List<FuzzOp<FuzzWorld>> loopOps;
  final List<FuzzOp<SyncFsWorker>> syncFsOps;
  /** Set while the seed thread runs a loop from a deep recursion of its own, where it may overflow the stack. */
  boolean onArtificialStack;

  private final AtomicLong calls = new AtomicLong();
  /** The last calls of every thread, and those of the loop thread alone (other threads can crowd it out). */
  private final ArrayDeque<String> trace = new ArrayDeque<>();
  private final ArrayDeque<String> loopTrace = new ArrayDeque<>();
  private volatile Thread loopThread;
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  FuzzSeed(long seed, Fuzzer.Options options) throws IOException {
    this.seed = seed;
    this.options = options;
    this.random = new Random(seed);
    this.scratch = Files.createTempDirectory(SCRATCH_PREFIX + seed + "-");
    this.loopOps = FuzzOp.selected(FuzzOps.LOOP, options.ops(), options.skip());
    this.syncFsOps = FuzzOp.selected(FuzzOps.SYNC_FS, options.ops(), options.skip());
  }

  /** A call: anything it throws is judged by {@link #isAnswer}. */
  @FunctionalInterface
  interface Call {
    void run() throws Throwable;
  }

  /** Runs the seed on the calling thread, which becomes the thread of each of its loops. */
  void run() {
    loopThread = Thread.currentThread();
    try {
      SyncFsWorker.Shared shared = syncFsOps.isEmpty() ? null : new SyncFsWorker.Shared(this);
      if (shared != null) {
        for (int i = 0; i < options.threads(); i++) {
          SyncFsWorker worker = new SyncFsWorker(this, shared, seed * 31 + i);
          startThread("sync-fs-" + i, worker::run);
        }
      }
      int left = options.steps();
      while (left > 0 && !loopOps.isEmpty()) {
        FuzzWorld world = new FuzzWorld(this);
        left -= world.play(left);
        world.tearDown();
      }
      if (shared != null) {
        shared.finish();
        joinThreads(Fuzzer.THREAD_BOUND_MS);
        shared.close();
      }
    } catch (Throwable t) {
      fail("the fuzzer's own setup or teardown threw", t);
    } finally {
      deleteScratch();
    }
  }

  /**
   * Makes one library call: counts it, logs it, and records a failure if what it throws is not
   * an answer the API documents.
   */
  void call(String what, Call call) {
    note(what);
    try {
      call.run();
    } catch (Throwable t) {
      if (!isAnswer(t)) fail(what + " threw " + t, t);
    }
  }

  /**
   * Makes one call that must be refused with {@code expected}, as documented for its bad argument;
   * anything else it does is a failure.
   */
  void refused(String what, Class<? extends Throwable> expected, Call call) {
    note(what);
    try {
      call.run();
      fail(what + " was not refused with " + expected.getSimpleName(), null);
    } catch (Throwable t) {
      if (!expected.isInstance(t)) fail(what + " threw " + t + " instead of " + expected.getSimpleName(), t);
    }
  }

  /** Counts and logs a call whose outcome the caller judges itself. */
  void note(String what) {
    calls.incrementAndGet();
    String line = Thread.currentThread().getName() + ": " + what;
    synchronized (trace) {
      if (trace.size() == TRACE_LENGTH) trace.removeFirst();
      trace.addLast(line);
      if (Thread.currentThread() == loopThread) {
        if (loopTrace.size() == TRACE_LENGTH) loopTrace.removeFirst();
        loopTrace.addLast(line);
      }
    }
  }

  /** run() or close() refusing to enter libuv on a stack too short for its callbacks, as documented. */
  private static boolean isStackRefusal(Throwable thrown) {
    return String.valueOf(thrown.getMessage()).contains("bytes of stack to run its callbacks");
  }

  /**
   * Whether {@code thrown} is an answer the API allows: a refusal of misuse or an OS error (also
   * wrapped in an UncheckedIOException, as constructors and signal watchers report it), what the
   * fuzzer threw on purpose coming back out of run() or close(), run() or close() refusing a stack
   * too short for the loop's callbacks, or a real stack overflow while the fuzzer runs a loop from
   * a deep recursion of its own.
   */
  boolean isAnswer(Throwable thrown) {
    boolean answer =
        thrown instanceof UvException
            || thrown instanceof IllegalStateException
            || thrown instanceof IllegalArgumentException
            || thrown instanceof RejectedExecutionException
            || (thrown instanceof UncheckedIOException && thrown.getCause() instanceof UvException)
            || isDeliberate(thrown)
            || (thrown instanceof UncaughtException && isAnswer(thrown.getCause()))
            || (thrown instanceof StackOverflowError && (onArtificialStack || isStackRefusal(thrown)));
    if (!answer) return false;
    for (Throwable suppressed : thrown.getSuppressed()) {
      if (!isAnswer(suppressed)) return false;
    }
    return true;
  }

  static boolean isDeliberate(Throwable thrown) {
    return thrown != null && thrown.getMessage() != null && thrown.getMessage().startsWith(DELIBERATE);
  }

  /** Throws one of the deliberate throwables now and then, as a careless callback would. */
  void maybeThrow(Random random) {
    if (random.nextInt(6) == 0) throwDeliberate(random);
  }

  /** Throws an unchecked throwable of a random kind, marked as deliberate. */
  static void throwDeliberate(Random random) {
    String message = DELIBERATE + " (" + random.nextInt(1000) + ")";
    switch (random.nextInt(6)) {
      case 0 -> throw new StackOverflowError(message);
      case 1 -> throw new OutOfMemoryError(message);
      case 2 -> throw new LinkageError(message);
      case 3 -> throw new DeliberateError(message);
      case 4 -> throw new IllegalStateException(message);
      default -> throw new RuntimeException(message);
    }
  }

  /** An Error of no JDK kind, as an application might define. */
  static final class DeliberateError extends Error {
    private static final long serialVersionUID = 1L;

    DeliberateError(String message) {
      super(message);
    }
  }

  /** Records a failure: what happened, its stack, and the calls that led to it. */
  void fail(String what, Throwable cause) {
    fail(what, cause, recentCalls());
  }

  /** The last calls, oldest first, one per line: of all threads, then of the loop thread. */
  String recentCalls() {
    StringBuilder calls = new StringBuilder();
    synchronized (trace) {
      for (String line : trace) calls.append("    ").append(line).append('\n');
      calls.append("  last calls of the loop thread:\n");
      for (String line : loopTrace) calls.append("    ").append(line).append('\n');
    }
    return calls.toString();
  }

  /** Records a failure with the calls that led to it, as they were when it was seen. */
  void fail(String what, Throwable cause, String recentCalls) {
    StringBuilder report = new StringBuilder("FAILURE seed " + seed + ": " + what + "\n");
    if (cause != null) {
      StringWriter stack = new StringWriter();
      cause.printStackTrace(new PrintWriter(stack));
      report.append(stack);
    }
    report.append("  last calls of all threads (oldest first):\n").append(recentCalls);
    failures.add(report.toString());
  }

  /** Starts a daemon thread of this seed; what it throws is a failure. */
  Thread startThread(String name, Call body) {
    Thread thread =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable t) {
                fail("thread " + Thread.currentThread().getName() + " threw", t);
              }
            },
            "fuzz-" + seed + "-" + name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return thread;
  }

  /** Waits for this seed's threads; one still running after {@code boundMs} is a failure. */
  void joinThreads(long boundMs) throws InterruptedException {
    long deadline = System.nanoTime() + boundMs * 1_000_000;
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        fail("thread " + thread.getName() + " still running after " + boundMs + " ms:\n" + Fuzzer.stackOf(thread), null);
      }
    }
    threads.clear();
  }

  long calls() {
    return calls.get();
  }

  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  private void deleteScratch() {
    try (Stream<Path> paths = Files.walk(scratch)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      fail("could not delete " + scratch, e);
    }
  }
}
