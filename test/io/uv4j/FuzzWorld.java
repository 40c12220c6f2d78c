package io.uv4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One loop and everything the fuzzer made on it: handles a random close may pick, requests a
 * random cancel may pick, streams whose bytes are checked, raw descriptors the fuzzer owns. The
 * operations of {@link FuzzOps#LOOP} are its methods; all run on the loop's thread.
 */
final class FuzzWorld {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final AtomicInteger PIPE_NAMES = new AtomicInteger();
  /** At most this many children of a world run at once. */
  private static final int MAX_CHILDREN = 8;
  /** Children whose handle closed before their exit stay unreaped until the process ends: few, then. */
  private static final int MAX_ABANDONED = 32;
  private static final AtomicInteger ABANDONED = new AtomicInteger();
  /** How long a killed child may take to be reaped by its loop. */
  private static final long REAP_BOUND_NS = 10_000_000_000L;
  private static final List<Integer> SIGNALS = List.copyOf(Signals.all().values());
  private static final int SIGKILL = Signals.number("SIGKILL");
  private static final int SIGTERM = Signals.number("SIGTERM");
  private static final int SIGPROF = Signals.number("SIGPROF");
  private static final int SIGPIPE = Signals.number("SIGPIPE");
  /** Signals that HotSpot or the OS keeps for itself, which no watcher may take. */
  private static final List<String> KEPT_SIGNALS = List.of("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGPIPE", "SIGXFSZ", "SIGUSR2", "SIGKILL", "SIGSTOP");
  /** The only environment variables the fuzzer sets: its own. */
  private static final String ENV_PREFIX = "UV4J_FUZZ_";
  /** Address families for new sockets: any, IPv4, IPv6, and ones refused. */
  private static final int[] FAMILIES = {0, 4, 6, 5, -1};
  private static final List<String> NUMERIC_HOSTS = List.of("127.0.0.1", "::1", "192.0.2.7", "0.0.0.0", "2001:db8::1");
  private static final int AI_NUMERICHOST = 4;
  private static final int NI_NUMERICHOST = 1;
  private static final int NI_NUMERICSERV = 2;

  final FuzzSeed seed;
  final Random random;
  final Loop loop;
  private final Thread loopThread = Thread.currentThread();
  private final List<Handle> handles = new ArrayList<>();
  private final List<Cancelable> requests = new ArrayList<>();
  private final List<Talk> talks = new ArrayList<>();
  private final List<Talk> ipcTalks = new ArrayList<>();
  /** Checked talks that only the library writes into (a file piped into a stream): talk() leaves them alone. */
  private final List<Talk> libraryTalks = new ArrayList<>();
  /** Trace writers set on the loop, closed once it is closed. */
  private final List<ChromeTraceWriter> traceWriters = new ArrayList<>();
  private final List<Integer> rawFds = new ArrayList<>();
  /** Children that have not exited, killed and reaped before the loop closes. */
  private final List<Child> children = new ArrayList<>();
  /** Talks through /bin/cat children, whose stdin is the sender. */
  private final List<Talk> childTalks = new ArrayList<>();
  /** Handles named by IPC writes that have not completed, with how many such writes. */
  private final Map<Handle, Integer> beingSent = new IdentityHashMap<>();
  private final Set<ByteBuffer> datagrams = new HashSet<>();
  private final Set<Runnable> acceptedTasks = ConcurrentHashMap.newKeySet();
  private final List<Thread> helpers = new ArrayList<>();
  private final List<Timeout> timeouts = new ArrayList<>();
  private final InetSocketAddress echoAddress;
  private final InetSocketAddress udpEchoAddress;
  /** Whether closes may hit a handle an IPC write still names (else only Loop.close() does). */
  private final boolean closesSentHandles;
  private Udp udpClient;
  private boolean handlers;

  FuzzWorld(FuzzSeed seed) throws Exception {
    this.seed = seed;
    this.random = seed.random;
    this.loop = Loop.create();
    // the rejections it leaves and handles late would fill standard error with warnings
    loop.setWarningsPrinted(false);
    this.closesSentHandles = seed.loopOps.stream().anyMatch(op -> op.group().equals(FuzzOps.IPC_CLOSE_SENT));
    if (random.nextBoolean()) installHandlers();
    // an unreferenced ticker bounds how long a ONCE run can wait, without keeping the loop alive
    new Timer(loop).start(2, 2, () -> {}).unref();
    Tcp echo = new Tcp(loop);
    echo.bind(new InetSocketAddress(LOOPBACK, 0));
    echo.listen(64, error -> acceptEcho(echo));
    echoAddress = echo.localAddress();
    handles.add(echo);
    Udp udpEcho = new Udp(loop);
    udpEcho.bind(new InetSocketAddress(LOOPBACK, 0));
    udpEcho.recvStart((data, sender, flags) -> {
      checkDatagram("the UDP echo", data);
      byte[] copy = bytes(data);
      seed.call("udp.send(echo " + copy.length + ")", () -> udpEcho.send(ByteBuffer.wrap(copy), sender, null));
    });
    udpEchoAddress = udpEcho.localAddress();
    handles.add(udpEcho);
  }

  /** Runs random operations, at most {@code budget}, until the loop closes; returns how many ran. */
  int play(int budget) {
    int steps = Math.min(budget, 50 + random.nextInt(400));
    for (int step = 0; step < steps; step++) {
      if (loop.isClosed()) return step;
      FuzzOp<FuzzWorld> op = FuzzOp.pick(seed.loopOps, random);
      try {
        op.action().run(this);
      } catch (Throwable t) {
        seed.fail("operation " + op.name() + " threw outside any library call", t);
      }
    }
    return steps;
  }

  /** Closes the loop, then checks that nothing it made survived it. */
  void tearDown() throws InterruptedException {
    reapChildren();
    for (int attempt = 0; attempt < 3 && !loop.isClosed(); attempt++) runLoop("loop.close()", loop::close);
    if (!loop.isClosed()) seed.fail("loop.close() three times did not close " + loop, null);
    for (Handle handle : handles) {
      try {
        handle.isActive();
        seed.fail(handle + " is still open after its loop closed", null);
      } catch (IllegalStateException closed) {
        // every handle closes with its loop
      }
    }
    for (Thread helper : helpers) {
      helper.join(Fuzzer.THREAD_BOUND_MS);
      if (helper.isAlive()) seed.fail(helper.getName() + " did not finish:\n" + Fuzzer.stackOf(helper), null);
    }
    if (!acceptedTasks.isEmpty()) {
      seed.fail("execute() accepted " + acceptedTasks.size() + " task(s) that never ran before close() returned", null);
    }
    for (ChromeTraceWriter writer : traceWriters) seed.call("ChromeTraceWriter.close()", writer::close);
    for (Talk talk : concat(talks, libraryTalks)) {
      String damage = talk.damage();
      if (damage != null) seed.fail("data integrity: " + damage, null, talk.callsBeforeMismatch());
    }
    for (int fd : rawFds) seed.call("Fs.closeSync(" + fd + ")", () -> Fs.closeSync(fd));
  }

  // --- picking --------------------------------------------------------------------------------

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  private <T> T any(List<T> items) {
    return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
  }

  private <T extends Handle> T anyHandle(Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (Handle handle : handles) if (type.isInstance(handle)) matching.add(type.cast(handle));
    return any(matching);
  }

  /** A handle a random close may take: not one an IPC write still names, unless that is fuzzed too. */
  private Handle closable() {
    Handle handle = any(handles);
    if (handle != null && beingSent.containsKey(handle) && !closesSentHandles) return null;
    return handle;
  }

  private byte[] randomBytes(int max) {
    byte[] data = new byte[1 + random.nextInt(max)];
    random.nextBytes(data);
    return data;
  }

  private static byte[] bytes(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    return copy;
  }

  private void maybeThrow() {
    seed.maybeThrow(random);
  }

  // --- handlers and tracers -------------------------------------------------------------------

  private void installHandlers() {
    loop.onUncaughtException((error, origin) -> handled(error));
    loop.onUnhandledRejection((reason, promise) -> handled(reason));
    handlers = true;
  }

  private void handled(Throwable error) {
    if (!seed.isAnswer(error)) seed.fail("a handler was given " + error, error);
    if (random.nextInt(20) == 0) FuzzSeed.throwDeliberate(random);
  }

  void toggleHandlers() {
    if (handlers) {
      seed.call("loop.onUncaughtException(null)", () -> loop.onUncaughtException(null));
      seed.call("loop.onUnhandledRejection(null)", () -> loop.onUnhandledRejection(null));
      handlers = false;
    } else {
      seed.call("loop.onUncaughtException(handler)", this::installHandlers);
    }
  }

  void setQuietTracer() {
    boolean on = random.nextBoolean();
    seed.call("loop.setTracer(" + (on ? "counting" : "null") + ")", () -> loop.setTracer(on ? new LoopTracer() {} : null));
  }

  /** A tracer whose methods throw now and then, on the loop thread and on pool threads. */
  /** A Chrome trace writer into a scratch file; its JSON is not checked here, only that tracing hurts nothing. */
  void setTraceWriter() {
    String name = "trace" + random.nextInt(1 << 30) + ".json";
    seed.call("loop.setTracer(ChromeTraceWriter)", () -> {
      ChromeTraceWriter writer = new ChromeTraceWriter(seed.scratch.resolve(name));
      traceWriters.add(writer);
      loop.setTracer(writer);
    });
  }

  void setThrowingTracer() {
    seed.call("loop.setTracer(throwing)", () -> loop.setTracer(new ThrowingTracer(random.nextLong())));
  }

  private static final class ThrowingTracer implements LoopTracer {
    private final Random random;

    ThrowingTracer(long seed) {
      random = new Random(seed);
    }

    private synchronized void maybeThrow() {
      if (random.nextInt(8) == 0) FuzzSeed.throwDeliberate(random);
    }

    @Override
    public void phaseEntered(Phase phase) {
      maybeThrow();
    }

    @Override
    public void callbackStarted(Phase phase, String what) {
      maybeThrow();
    }

    @Override
    public void callbackEnded(Phase phase, String what) {
      maybeThrow();
    }

    @Override
    public void drainStarted() {
      maybeThrow();
    }

    @Override
    public void poolWorkStarted(String what) {
      maybeThrow();
    }

    @Override
    public void poolWorkEnded(String what) {
      maybeThrow();
    }
  }

  // --- running and closing the loop -----------------------------------------------------------

  void runNowait() {
    runLoop("loop.run(NOWAIT)", () -> loop.run(RunMode.NOWAIT));
  }

  void runOnce() {
    runLoop("loop.run(ONCE)", () -> loop.run(RunMode.ONCE));
  }

  /** A DEFAULT run that a timer outside the random pool stops after a few milliseconds. */
  void runBriefly() {
    int ms = 1 + random.nextInt(20);
    runLoop("loop.run() for " + ms + " ms", () -> {
      Timer stopper = new Timer(loop).start(ms, loop::stop);
      try {
        loop.run();
      } finally {
        if (!loop.isClosed()) stopper.close();
      }
    });
  }

  /** Runs the loop from a deeply recursive method, well inside the stack. */
  void runDeep() {
    int depth = 100 + random.nextInt(StackEdge.depth() / 2);
    // frames are larger while interpreted than once compiled, so even half the measured depth can
    // overflow in the fuzzer's own recursion
    seed.onArtificialStack = true;
    try {
      runLoop("loop.run(ONCE) at depth " + depth, () -> StackEdge.at(depth, () -> loop.run(RunMode.ONCE)));
    } finally {
      seed.onArtificialStack = false;
    }
  }

  /**
   * Runs the loop so near the end of the stack that upcalls overflow it: a binary search for the
   * deepest recursion from which the run still starts, each probe a run of its own.
   */
  void runAtStackEdge() {
    boolean[] started = {false};
    int reaches = 0;
    int overflows = 4 * StackEdge.depth();
    seed.onArtificialStack = true;
    try {
      while (overflows - reaches > 1) {
        int frames = (reaches + overflows) >>> 1;
        started[0] = false;
        runLoop("loop.run(ONCE) at the stack's edge, depth " + frames, () -> StackEdge.at(frames, () -> {
          started[0] = true;
          loop.run(RunMode.ONCE);
        }));
        if (started[0]) reaches = frames;
        else overflows = frames;
      }
    } finally {
      seed.onArtificialStack = false;
    }
  }

  /** Runs (or closes) the loop; if it rethrows an unhandled error, that run ended as a process ends. */
  private void runLoop(String what, FuzzSeed.Call run) {
    seed.call(what, () -> {
      try {
        run.run();
      } catch (Throwable unhandled) {
        talksMayHaveGaps();
        throw unhandled;
      }
    });
  }

  private void talksMayHaveGaps() {
    for (Talk talk : concat(talks, libraryTalks)) talk.allowGap();
  }

  void stop() {
    seed.call("loop.stop()", loop::stop);
  }

  void exit() {
    int code = random.nextInt(3);
    seed.call("loop.exit(" + code + ")", () -> loop.exit(code));
    talksMayHaveGaps();
  }

  /** An exit from inside a callback unwinds it: not through {@link FuzzSeed#call}, which would judge the unwinding. */
  void exitInCallback() {
    seed.call("loop.setImmediate(exit)", () -> loop.setImmediate(() -> {
      seed.note("loop.exit(1) in a callback");
      talksMayHaveGaps();
      loop.exit(1);
    }));
  }

  void closeLoop() {
    reapChildren();
    runLoop("loop.close()", loop::close);
  }

  /** Another thread may not close the loop: it must be refused with IllegalStateException. */
  void closeLoopElsewhere() throws InterruptedException {
    elsewhere("loop.close()", loop::close);
  }

  /** Loop-thread calls made from another thread must all be refused with IllegalStateException. */
  void callElsewhere() throws InterruptedException {
    Handle handle = any(handles);
    switch (random.nextInt(5)) {
      case 0 -> elsewhere("loop.run()", loop::run);
      case 1 -> elsewhere("new Timer(loop)", () -> new Timer(loop));
      case 2 -> elsewhere("loop.setTimeout", () -> loop.setTimeout(() -> {}, 1));
      case 3 -> elsewhere("loop.fs().stat", () -> loop.fs().stat(seed.scratch.toString(), (s, e) -> {}));
      default -> {
        if (handle != null) elsewhere(handle + ".close()", handle::close);
      }
    }
  }

  private void elsewhere(String what, FuzzSeed.Call call) throws InterruptedException {
    Thread thread = seed.startThread("elsewhere", () -> {
      seed.note(what + " from another thread");
      try {
        call.run();
        seed.fail(what + " from another thread was not refused", null);
      } catch (IllegalStateException refused) {
        // the documented answer
      } catch (Throwable t) {
        seed.fail(what + " from another thread threw " + t + " instead of IllegalStateException", t);
      }
    });
    thread.join(Fuzzer.THREAD_BOUND_MS);
    if (thread.isAlive()) seed.fail(what + " from another thread did not return:\n" + Fuzzer.stackOf(thread), null);
  }

  /** Another thread submits tasks; every task execute() accepts must run on the loop thread. */
  void executeElsewhere() {
    int count = 1 + random.nextInt(20);
    long taskSeed = random.nextLong();
    helpers.add(seed.startThread("execute", () -> {
      Random taskRandom = new Random(taskSeed);
      for (int i = 0; i < count; i++) {
        boolean throwing = taskRandom.nextInt(5) == 0;
        Runnable task = new Runnable() {
          @Override
          public void run() {
            acceptedTasks.remove(this);
            if (Thread.currentThread() != loopThread) seed.fail("an executed task ran on " + Thread.currentThread(), null);
            if (throwing) throw new RuntimeException(FuzzSeed.DELIBERATE + " from an executed task");
          }
        };
        acceptedTasks.add(task);
        seed.note("loop.execute(task) from another thread");
        try {
          loop.execute(task);
        } catch (RejectedExecutionException closed) {
          acceptedTasks.remove(task);
          return;
        } catch (Throwable t) {
          acceptedTasks.remove(task);
          seed.fail("loop.execute from another thread threw " + t, t);
          return;
        }
      }
    }));
  }

  /** Another thread sends to an Async handle until it is closed. */
  void asyncElsewhere() {
    seed.call("new Async(loop)", () -> {
      Async async = new Async(loop, this::maybeThrow);
      handles.add(async);
      int count = 1 + random.nextInt(30);
      helpers.add(seed.startThread("async", () -> {
        for (int i = 0; i < count; i++) {
          seed.note("async.send() from another thread");
          try {
            async.send();
          } catch (IllegalStateException closed) {
            return;
          }
        }
      }));
    });
  }

  // --- timers, immediates, ticks and promises -------------------------------------------------

  void startTimer() {
    long timeout = random.nextInt(4);
    long repeat = random.nextInt(3);
    seed.call("timer.start(" + timeout + ", " + repeat + ")", () -> {
      Timer timer = new Timer(loop);
      handles.add(timer);
      timer.start(timeout, repeat, () -> {
        if (random.nextInt(3) == 0) seed.call("timer.close() in its callback", timer::close);
        maybeThrow();
      });
    });
  }

  void retuneTimer() {
    Timer timer = anyHandle(Timer.class);
    if (timer == null) return;
    switch (random.nextInt(3)) {
      case 0 -> seed.call("timer.again()", timer::again);
      case 1 -> seed.call("timer.stop()", timer::stop);
      default -> seed.call("timer.setRepeat", () -> timer.setRepeat(random.nextInt(3)));
    }
  }

  void closeHandle() {
    Handle handle = closable();
    if (handle != null) seed.call(handle + ".close()", () -> handle.close(this::maybeThrow));
  }

  void refOrUnref() {
    Handle handle = any(handles);
    if (handle == null) return;
    if (random.nextBoolean()) seed.call(handle + ".ref()", handle::ref);
    else seed.call(handle + ".unref()", handle::unref);
  }

  void setTimeoutOrInterval() {
    long delay = random.nextInt(4);
    if (random.nextBoolean()) {
      seed.call("loop.setTimeout(" + delay + ")", () -> timeouts.add(loop.setTimeout(this::maybeThrow, delay)));
    } else {
      seed.call("loop.setInterval(" + delay + ")", () -> {
        Timeout interval = loop.setInterval(this::maybeThrow, delay);
        timeouts.add(interval);
        timeouts.add(loop.setTimeout(interval::close, random.nextInt(6)));
      });
    }
  }

  void clearTimeout() {
    Timeout timeout = any(timeouts);
    if (timeout != null) seed.call("loop.clearTimeout", () -> loop.clearTimeout(timeout));
  }

  void immediatesAndTicks() {
    seed.call("loop.setImmediate", () -> loop.setImmediate(() -> {
      seed.call("loop.nextTick", () -> loop.nextTick(this::maybeThrow));
      seed.call("loop.queueMicrotask", () -> loop.queueMicrotask(this::maybeThrow));
      maybeThrow();
    }));
  }

  void promises() {
    switch (random.nextInt(3)) {
      case 0 -> seed.call("Promise.reject", () -> Promise.reject(loop, new RuntimeException(FuzzSeed.DELIBERATE + " rejection")));
      case 1 -> {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        seed.call("Promise.from(future)", () -> Promise.from(loop, future).thenAccept(v -> maybeThrow()));
        helpers.add(seed.startThread("complete", () -> future.complete(1)));
      }
      default -> seed.call("loop.promise() chain", () -> {
        Promise.Resolver<Integer> resolver = loop.promise();
        resolver.promise()
            .then(v -> {
              maybeThrow();
              return v + 1;
            })
            .catchError(e -> -1)
            .finallyDo(this::maybeThrow);
        loop.setImmediate(() -> resolver.resolve(1));
      });
    }
  }

  /**
   * Listeners added, added once and removed for the process events (monitors and the others throw
   * now and then), rejection modes, value reasons, and rejections handled only after the drain
   * that reported them.
   */
  void processEvents() {
    switch (random.nextInt(6)) {
      case 0 -> {
        RejectionMode mode = RejectionMode.values()[random.nextInt(RejectionMode.values().length)];
        seed.call("loop.setRejectionMode(" + mode + ")", () -> loop.setRejectionMode(mode));
      }
      case 1 -> {
        Loop.UncaughtExceptionHandler monitor = (error, origin) -> maybeThrow();
        seed.call("loop.once(UNCAUGHT_EXCEPTION_MONITOR)", () -> loop.once(LoopEvent.UNCAUGHT_EXCEPTION_MONITOR, monitor));
      }
      case 2 -> {
        Consumer<Promise<?>> listener = promise -> maybeThrow();
        seed.call("loop.on(REJECTION_HANDLED)", () -> loop.on(LoopEvent.REJECTION_HANDLED, listener));
        seed.call("loop.off(REJECTION_HANDLED)", () -> {
          if (random.nextBoolean()) loop.off(LoopEvent.REJECTION_HANDLED, listener);
        });
      }
      case 3 -> seed.call("Promise.reject(RejectionValue)", () ->
          Promise.reject(loop, new RejectionValue(FuzzSeed.DELIBERATE + " value " + random.nextInt(1000))));
      case 4 -> seed.call("a rejection handled late", () -> {
        Promise<Object> rejected = Promise.reject(loop, new RuntimeException(FuzzSeed.DELIBERATE + " handled late"));
        loop.setImmediate(() -> rejected.catchError(e -> null));
      });
      default -> {
        LoopEvent<IntConsumer> event = random.nextBoolean() ? LoopEvent.BEFORE_EXIT : LoopEvent.EXIT;
        IntConsumer listener = code -> maybeThrow();
        seed.call("loop.once(" + event + ")", () -> loop.once(event, listener));
      }
    }
  }

  // --- pool work, DNS, cancellation -----------------------------------------------------------

  void queueWork() {
    int expected = random.nextInt();
    boolean throwing = random.nextInt(4) == 0;
    seed.call("loop.queueWork", () -> requests.add(loop.queueWork(() -> {
      if (throwing) throw new Exception(FuzzSeed.DELIBERATE + " from pool work");
      return expected;
    }, (value, error) -> {
      if (error == null && value != expected) seed.fail("queueWork returned " + value + ", the work returned " + expected, null);
      if (error != null && !seed.isAnswer(error)) seed.fail("queueWork failed with " + error, error);
      maybeThrow();
    })));
  }

  void lookUpLocalhost() {
    if (random.nextBoolean()) {
      Callback<List<InetSocketAddress>> check = (addresses, error) -> {
        if (addresses != null) {
          for (InetSocketAddress address : addresses) {
            if (!address.getAddress().isLoopbackAddress()) seed.fail("localhost resolved to " + address, null);
          }
        }
        maybeThrow();
      };
      seed.call("Dns.getAddrInfo(localhost)", () -> requests.add(Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.DEFAULT, check)));
    } else {
      seed.call("Dns.getNameInfo(127.0.0.1)", () -> requests.add(Dns.getNameInfo(loop, echoAddress, 0, (name, error) -> maybeThrow())));
    }
  }

  void cancel() {
    Cancelable request = any(requests);
    if (request != null) seed.call("request.cancel()", request::cancel);
  }

  // --- file system, on the loop -----------------------------------------------------------------

  /** Writes a file of its own, reads it back, and checks the bytes. */
  void writeThenReadFile() {
    String path = seed.scratch.resolve("w" + random.nextInt(1 << 30)).toString();
    byte[] data = randomBytes(20_000);
    seed.call("fs.writeFile(" + data.length + ")", () -> requests.add(loop.fs().writeFile(path, data, (v, error) -> {
      if (error == null) {
        seed.call("fs.readFile", () -> requests.add(loop.fs().readFile(path, (read, readError) -> {
          if (read != null && !Arrays.equals(read, data)) seed.fail("data integrity: readFile differs from what writeFile wrote", null);
          maybeThrow();
        })));
      }
      maybeThrow();
    })));
  }

  void otherFileOperation() {
    String sub = seed.scratch.resolve("d" + random.nextInt(3)).toString();
    String file = sub + "/f" + random.nextInt(3);
    switch (random.nextInt(6)) {
      case 0 -> seed.call("fs.readFile", () -> requests.add(loop.fs().readFile(file, (v, e) -> maybeThrow())));
      case 1 -> seed.call("fs.writeFile", () -> requests.add(loop.fs().writeFile(file, randomBytes(5000), (v, e) -> maybeThrow())));
      case 2 -> seed.call("fs.open", () -> requests.add(loop.fs().open(file, Fs.O_RDONLY, 0, (fd, e) -> {
        if (fd != null) seed.call("Fs.closeSync(opened)", () -> Fs.closeSync(fd));
        maybeThrow();
      })));
      case 3 -> seed.call("fs.mkdirRecursive", () -> requests.add(loop.fs().mkdirRecursive(sub + "/t/a", 0755, (v, e) -> maybeThrow())));
      case 4 -> seed.call("fs.rmRecursive", () -> requests.add(loop.fs().rmRecursive(sub + "/t", (v, e) -> maybeThrow())));
      default -> seed.call("fs.scandir", () -> requests.add(loop.fs().scandir(sub, (v, e) -> maybeThrow())));
    }
  }

  // --- TCP ------------------------------------------------------------------------------------

  private void acceptEcho(Tcp server) {
    seed.call("server.accept", () -> {
      Tcp connection = new Tcp(loop);
      handles.add(connection);
      server.accept(connection);
      connection.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          byte[] copy = bytes(data);
          seed.call("echo.write(" + copy.length + ")", () -> connection.write(copy, null));
        }

        @Override
        public void onError(UvException error) {}
      });
    });
  }

  void connectTcp() {
    seed.call("tcp.connect(echo)", () -> {
      Tcp client = new Tcp(loop);
      handles.add(client);
      Talk talk = new Talk("TCP echo " + talks.size(), client);
      client.connect(echoAddress, error -> {
        if (error != null) return;
        talks.add(talk);
        seed.call("tcp.readStart", () -> client.readStart(reader(talk)));
        maybeThrow();
      });
    });
  }

  private Stream.Reader reader(Talk talk) {
    return new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        talk.received(data, seed::recentCalls);
        maybeThrow();
      }

      @Override
      public void onError(UvException error) {}
    };
  }

  /** Sends random bytes on a checked stream (a TCP echo client or an IPC pipe). */
  void talk() {
    Talk talk = any(talks);
    if (talk == null || talk.full()) return;
    byte[] data = randomBytes(random.nextInt(4) == 0 ? 200_000 : 2000);
    talk.sending(data);
    seed.call(talk.name + ".write(" + data.length + ")", () -> {
      try {
        talk.sender.write(data, error -> {
          if (error != null) talk.allowGap();
          maybeThrow();
        });
      } catch (RuntimeException refused) {
        talk.allowGap();
        throw refused;
      }
    });
  }

  void shutdown() {
    Stream stream = anyHandle(Stream.class);
    if (stream != null) seed.call(stream + ".shutdown", () -> stream.shutdown(error -> maybeThrow()));
  }

  void closeReset() {
    if (!(closable() instanceof Tcp tcp)) return;
    seed.call(tcp + ".closeReset", () -> tcp.closeReset(this::maybeThrow));
  }

  void readStopOrStart() {
    Talk talk = any(talks);
    if (talk == null) return;
    if (random.nextBoolean()) seed.call(talk.name + ".readStop()", talk.sender::readStop);
    else if (!ipcTalks.contains(talk)) seed.call(talk.name + ".readStart()", () -> talk.sender.readStart(reader(talk)));
  }

  void tcpOptions() {
    Tcp tcp = anyHandle(Tcp.class);
    if (tcp == null) return;
    switch (random.nextInt(6)) {
      case 0 -> seed.call(tcp + ".noDelay", () -> tcp.noDelay(random.nextBoolean()));
      case 1 -> seed.call(tcp + ".keepAlive", () -> tcp.keepAlive(random.nextBoolean(), 1 + random.nextInt(100)));
      case 2 -> seed.call(tcp + ".localAddress", tcp::localAddress);
      case 3 -> seed.call(tcp + ".remoteAddress", tcp::remoteAddress);
      case 4 -> seed.call(tcp + ".writeQueueSize", tcp::writeQueueSize);
      default -> seed.call(tcp + ".sendBufferSize", tcp::sendBufferSize);
    }
  }

  // --- UDP ------------------------------------------------------------------------------------

  private void checkDatagram(String where, ByteBuffer data) {
    if (!datagrams.contains(data)) seed.fail("data integrity: " + where + " received a datagram that was never sent", null);
  }

  void sendDatagram() {
    byte[] data = randomBytes(1000);
    datagrams.add(ByteBuffer.wrap(data));
    seed.call("udp.send(" + data.length + ")", () -> {
      if (udpClient == null) {
        udpClient = new Udp(loop);
        handles.add(udpClient);
        udpClient.bind(new InetSocketAddress(LOOPBACK, 0));
        udpClient.recvStart(new Udp.Receiver() {
          @Override
          public void onDatagram(ByteBuffer datagram, InetSocketAddress sender, int flags) {
            checkDatagram("the UDP client", datagram);
            maybeThrow();
          }

          @Override
          public void onError(UvException error) {}
        });
      }
      Udp client = udpClient;
      if (random.nextBoolean()) client.send(ByteBuffer.wrap(data), udpEchoAddress, error -> maybeThrow());
      else client.trySend(ByteBuffer.wrap(data), udpEchoAddress);
    });
  }

  // --- IPC pipes and handle passing -----------------------------------------------------------

  /** A connected pair of IPC pipes; bytes and handles go from the client to the accepted end. */
  void ipcPair() {
    String name = "\0uv4j-fuzz-" + ProcessHandle.current().pid() + "-" + PIPE_NAMES.incrementAndGet();
    seed.call("ipc pair " + name.substring(1), () -> {
      Pipe server = new Pipe(loop, true);
      handles.add(server);
      server.bind(name);
      Pipe client = new Pipe(loop, true);
      handles.add(client);
      Talk talk = new Talk("IPC " + name.substring(1), client);
      server.listen(4, error -> seed.call("ipc accept", () -> {
        Pipe accepted = new Pipe(loop, true);
        handles.add(accepted);
        server.accept(accepted);
        accepted.readStart(new Stream.Reader() {
          @Override
          public void onData(ByteBuffer data) {
            talk.received(data, seed::recentCalls);
            acceptPassed(accepted, talk);
            maybeThrow();
          }

          @Override
          public void onError(UvException error) {}
        });
      }));
      client.connect(name, error -> {
        if (error != null) return;
        talks.add(talk);
        ipcTalks.add(talk);
      });
    });
  }

  private void acceptPassed(Pipe pipe, Talk talk) {
    seed.call("pipe.accept(passed)", () -> {
      while (pipe.pendingCount() > 0) {
        Stream passed = pipe.pendingType() == Pipe.PendingType.TCP ? new Tcp(loop) : new Pipe(loop, false);
        handles.add(passed);
        pipe.accept(passed);
        talk.accepted(socketOf(passed), seed::recentCalls);
      }
    });
  }

  /** The addresses of a stream's socket, which a passed copy shares. */
  private static Talk.Socket socketOf(Stream stream) {
    if (stream instanceof Tcp tcp) return new Talk.Socket(known(tcp::localAddress), known(tcp::remoteAddress));
    Pipe pipe = (Pipe) stream;
    return new Talk.Socket(known(pipe::localName), known(pipe::peerName));
  }

  private static String known(Callable<Object> address) {
    try {
      return String.valueOf(address.call());
    } catch (Exception unknown) {
      return null;
    }
  }

  /** Sends a handle with some bytes over an IPC pipe. */
  void passHandle() {
    Talk talk = any(ipcTalks);
    Handle handle = any(handles);
    if (talk == null || talk.full() || !(handle instanceof Stream sent)) return;
    byte[] data = randomBytes(100);
    ByteBuffer buffer = ByteBuffer.allocateDirect(data.length).put(data).flip();
    talk.sending(data);
    talk.passing(socketOf(sent));
    seed.call(talk.name + ".write(" + data.length + ", " + sent + ")", () -> {
      try {
        ((Pipe) talk.sender).write(buffer, sent, error -> {
          beingSent.computeIfPresent(sent, (h, n) -> n == 1 ? null : n - 1);
          if (error != null) talk.allowGap();
          maybeThrow();
        });
      } catch (RuntimeException refused) {
        talk.allowGap();
        throw refused;
      }
      beingSent.merge(sent, 1, Integer::sum);
    });
  }

  /** Closes a handle that an IPC write still names: the write then fails or succeeds, safely. */
  void closeSentHandle() {
    Handle sent = any(new ArrayList<>(beingSent.keySet()));
    if (sent != null) seed.call(sent + ".close() while an IPC write names it", sent::close);
  }

  // --- raw descriptors ------------------------------------------------------------------------

  void openRawFd() {
    String path = seed.scratch.resolve("raw" + random.nextInt(3)).toString();
    seed.call("Fs.openSync(" + path + ")", () -> rawFds.add(Fs.openSync(path, Fs.O_RDWR | Fs.O_CREAT, 0644)));
  }

  void closeRawFd() {
    Integer fd = any(rawFds);
    if (fd == null) return;
    // refused while a poll watches it (a socket from open-udp can be watched): then it stays ours
    seed.call("Fs.closeSync(" + fd + ")", () -> {
      Fs.closeSync(fd);
      rawFds.remove(fd);
    });
  }

  /** A regular file cannot be polled or be a terminal: libuv refuses it. */
  void watchRawFd() {
    Integer fd = any(rawFds);
    if (fd == null) return;
    if (random.nextBoolean()) {
      seed.call("new Poll(loop, " + fd + ")", () -> {
        Poll poll = new Poll(loop, fd);
        handles.add(poll);
        poll.start(Poll.READABLE, (events, error) -> maybeThrow());
      });
    } else {
      seed.call("new Tty(loop, " + fd + ")", () -> handles.add(new Tty(loop, fd)));
    }
  }

  /** A regular file's descriptor offered to a stream, which then reads and writes it: libuv cannot poll a file. */
  void streamOverFile() {
    Integer fd = any(rawFds);
    if (fd == null) return;
    seed.call("stream.open(file " + fd + ")", () -> {
      Stream stream = random.nextBoolean() ? new Tcp(loop) : new Pipe(loop, false);
      handles.add(stream);
      if (stream instanceof Tcp tcp) tcp.open(fd);
      else ((Pipe) stream).open(fd);
      rawFds.remove(fd);
      stream.readStart(data -> maybeThrow());
      stream.write(randomBytes(100), error -> maybeThrow());
    });
  }

  /** A descriptor that a handle or the loop owns: adopting it must be refused. */
  void adoptOwnedFd() {
    int fd = ownedFd();
    if (fd < 0) return;
    switch (random.nextInt(4)) {
      case 0 -> seed.call("new Tcp(loop).open(owned " + fd + ")", () -> {
        Tcp tcp = new Tcp(loop);
        handles.add(tcp);
        tcp.open(fd);
      });
      case 1 -> seed.call("new Pipe(loop).open(owned " + fd + ")", () -> {
        Pipe pipe = new Pipe(loop, false);
        handles.add(pipe);
        pipe.open(fd);
      });
      case 2 -> seed.call("new Tty(loop, owned " + fd + ")", () -> handles.add(new Tty(loop, fd)));
      default -> seed.call("new Poll(loop, owned " + fd + ")", () -> {
        Poll poll = new Poll(loop, fd);
        handles.add(poll);
        poll.start(Poll.READABLE | Poll.WRITABLE, (events, error) -> maybeThrow());
      });
    }
  }

  /** A descriptor that a handle or the loop owns: closing it through Fs must be refused. */
  void closeOwnedFd() {
    int fd = ownedFd();
    if (fd >= 0) seed.call("Fs.closeSync(owned " + fd + ")", () -> Fs.closeSync(fd));
  }

  /** The descriptor of an open stream, or the loop's backend descriptor; -1 if there is none. */
  private int ownedFd() {
    Stream stream = anyHandle(Stream.class);
    if (stream == null || random.nextInt(4) == 0) return loop.isClosed() ? -1 : loop.backendFd();
    try {
      return (int) stream.fileno();
    } catch (UvException | IllegalStateException none) {
      return -1;
    }
  }

  // --- child processes ------------------------------------------------------------------------

  /** A child the fuzzer spawned, with the exit status it must report unless the fuzzer signals it. */
  private static final class Child {
    final String what;
    final long expectedStatus;
    /** Whether it writes to a pipe whose reading end a random close may take, and so may die of SIGPIPE. */
    final boolean writesToPipe;
    ChildProcess process;
    boolean signaled;

    Child(String what, long expectedStatus, boolean writesToPipe) {
      this.what = what;
      this.expectedStatus = expectedStatus;
      this.writesToPipe = writesToPipe;
    }

    boolean endedAsExpected(long status, int signal) {
      return signaled || (status == expectedStatus && signal == 0) || (writesToPipe && signal == SIGPIPE);
    }
  }

  /** Spawns a short-lived child: /bin/true, {@code sh -c 'exit N'}, or /bin/cat fed through its pipes; or a spawn that must fail. */
  void spawnChild() {
    if (liveChildren().size() >= MAX_CHILDREN) return;
    switch (random.nextInt(8)) {
      case 0, 1 -> spawn(new Child("/bin/true", 0, false), SpawnOptions.builder("/bin/true").stdin(anyStdio(0)).stdout(anyStdio(1)).stderr(anyStdio(2)));
      case 2, 3 -> {
        int code = random.nextInt(256);
        SpawnOptions.Builder options = SpawnOptions.builder("/bin/sh").args("-c", "exit " + code).env("UV4J_FUZZ_CHILD", "1");
        int fd = 3 + random.nextInt(3);
        if (random.nextBoolean()) options.stdio(fd, anyStdio(fd));
        if (random.nextInt(4) == 0) options.detached(true);
        spawn(new Child("sh -c 'exit " + code + "'", code, false), options);
      }
      case 4, 5 -> spawnCat();
      case 6 -> spawn(new Child("a file that does not exist", 0, false), SpawnOptions.builder(seed.scratch.resolve("no-such-program").toString()));
      default -> spawn(new Child("/bin/true in a missing directory", 0, false), SpawnOptions.builder("/bin/true").cwd(seed.scratch.resolve("no-such-dir")));
    }
  }

  /**
   * A random stdio entry for a child that reads and writes nothing: ignored, inherited (from an fd
   * or a stream), or a pipe. A stream is inherited only at fd 3 and up: libuv's child makes its
   * fds 0 to 2 blocking, and the mode belongs to the descriptor it shares with this process,
   * whose loop would then block reading that stream.
   */
  private Stdio anyStdio(int fd) {
    switch (random.nextInt(6)) {
      case 0 -> {
        return Stdio.ignore();
      }
      case 1 -> {
        return Stdio.inherit(random.nextInt(3));
      }
      case 2 -> {
        Stream stream = anyHandle(Stream.class);
        return stream == null || fd <= 2 ? Stdio.ignore() : Stdio.inherit(stream);
      }
      case 3 -> {
        return Stdio.pipeFromChild();
      }
      case 4 -> {
        return Stdio.pipeToChild().nonblocking();
      }
      default -> {
        return random.nextBoolean() ? Stdio.duplexPipe() : Stdio.duplexPipe().ipc();
      }
    }
  }

  /** /bin/cat between two pipes, its output a checked talk: what comes out must be what went in. */
  private void spawnCat() {
    Child child = new Child("/bin/cat", 0, true);
    SpawnOptions.Builder options = SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).stdout(Stdio.pipeFromChild());
    if (!spawn(child, options)) return;
    Pipe stdin = child.process.stdin();
    Pipe stdout = child.process.stdout();
    handles.add(stdin);
    handles.add(stdout);
    Talk talk = new Talk("cat " + child.process.pid(), stdin);
    talks.add(talk);
    childTalks.add(talk);
    seed.call(talk.name + " stdout.readStart", () -> stdout.readStart(reader(talk)));
  }

  /** Spawns; on success tracks the child and its pipes, on failure checks that it was one that must fail. */
  private boolean spawn(Child child, SpawnOptions.Builder options) {
    boolean[] spawned = {false};
    seed.call("ChildProcess.spawn(" + child.what + ")", () -> {
      child.process = ChildProcess.spawn(loop, options.build(), (status, signal) -> {
        children.remove(child);
        if (!child.endedAsExpected(status, signal)) {
          seed.fail(child.what + " exited with status " + status + ", signal " + signal + "; expected status " + child.expectedStatus, null);
        }
        if (random.nextBoolean()) seed.call(child.process + ".close() in its exit callback", child.process::close);
        maybeThrow();
      });
      spawned[0] = true;
    });
    if (!spawned[0]) return false;
    children.add(child);
    for (int fd = 0; fd < 6; fd++) {
      int entry = fd;
      try {
        handles.add(child.process.pipe(entry));
      } catch (IllegalArgumentException noPipe) {
        // that entry was not a pipe
      }
    }
    return true;
  }

  /** Reads, writes, shuts down or closes a child's pipes in any order, or asks for a pipe it does not have. */
  void childPipes() {
    Talk talk = any(childTalks);
    Child child = any(liveChildren());
    switch (random.nextInt(6)) {
      case 0, 1 -> talk();
      case 2 -> {
        if (talk == null || talk.full()) return;
        byte[] data = randomBytes(3000);
        seed.call(talk.name + ".tryWrite(" + data.length + ")", () -> {
          int written = ((Pipe) talk.sender).tryWrite(ByteBuffer.allocateDirect(data.length).put(data).flip());
          talk.sending(Arrays.copyOf(data, written));
        });
      }
      case 3 -> {
        if (talk != null) seed.call(talk.name + " stdin.shutdown", () -> talk.sender.shutdown(error -> maybeThrow()));
      }
      case 4 -> {
        if (talk != null) seed.call(talk.name + " stdin.close()", talk.sender::close);
      }
      default -> {
        int fd = 6 + random.nextInt(250);
        if (child != null) seed.refused(child.process + ".pipe(" + fd + ")", IllegalArgumentException.class, () -> child.process.pipe(fd));
      }
    }
  }

  /** Asks a child about itself, signals it, or sends it a bad signal number. */
  void childControl() {
    Child child = any(liveChildren());
    if (child == null) return;
    ChildProcess process = child.process;
    switch (random.nextInt(7)) {
      case 0 -> seed.call(process + ".kill(0)", () -> process.kill(0));
      case 1 -> {
        child.signaled = true;
        int signal = random.nextBoolean() ? SIGTERM : SIGKILL;
        seed.call(process + ".kill(" + signal + ")", () -> process.kill(signal));
      }
      case 2 -> seed.refused(process + ".kill(-1)", IllegalArgumentException.class, () -> process.kill(-1));
      case 3 -> seed.call(process + ".exit()", () -> process.exit().thenAccept(exit -> {
        if (!child.endedAsExpected(exit.exitStatus(), exit.termSignal())) seed.fail(child.what + " exit() gave " + exit, null);
        maybeThrow();
      }));
      case 4 -> seed.call(process + ".hasExited() and pid()", () -> {
        process.hasExited();
        process.pid();
      });
      case 5 -> seed.call("Os.setPriority(child " + process.pid() + ", LOW)", () -> Os.setPriority(process.pid(), Os.PRIORITY_LOW));
      default -> {
        // the pid is still this process's child: the loop reaps it only when told of its exit
        int signal = random.nextBoolean() ? 0 : SIGKILL;
        if (signal != 0) child.signaled = true;
        seed.call("ChildProcess.kill(" + process.pid() + ", " + signal + ")", () -> ChildProcess.kill(process.pid(), signal));
      }
    }
  }

  /** Static kill with a process id that stands for a group or for every process: refused before anything is sent. */
  void killGroup() {
    int pid = -random.nextInt(3);
    seed.refused("ChildProcess.kill(" + pid + ", SIGTERM)", IllegalArgumentException.class, () -> ChildProcess.kill(pid, SIGTERM));
  }

  /** Closes a child's handle before its exit, after killing it: it is then never reaped, so this is rare. */
  void abandonChild() {
    Child child = any(liveChildren());
    if (child == null || ABANDONED.get() >= MAX_ABANDONED) return;
    ABANDONED.incrementAndGet();
    children.remove(child);
    child.signaled = true;
    seed.call(child.process + ".kill(SIGKILL) then close()", () -> {
      if (!child.process.hasExited()) child.process.kill(SIGKILL);
      child.process.close();
    });
    seed.refused(child.process + ".kill(0) after close()", IllegalStateException.class, () -> child.process.kill(0));
  }

  /** Loop-thread calls on a child from another thread must be refused; pid() may be asked anywhere. */
  void childElsewhere() throws InterruptedException {
    Child child = any(liveChildren());
    if (child == null) return;
    ChildProcess process = child.process;
    switch (random.nextInt(3)) {
      case 0 -> elsewhere(process + ".kill(0)", () -> process.kill(0));
      case 1 -> elsewhere(process + ".exit()", process::exit);
      default -> elsewhere(process + ".hasExited()", process::hasExited);
    }
  }

  /**
   * The children the loop has not yet seen exit. An exit callback may not have run (the loop
   * suppresses callbacks once an error no handler took ends the run), but the exit is known.
   */
  private List<Child> liveChildren() {
    if (!loop.isClosed()) children.removeIf(child -> child.process.hasExited());
    return children;
  }

  /** Kills every child that has not exited and runs the loop until it is reaped, so that none outlives its world. */
  private void reapChildren() {
    if (loop.isClosed() || liveChildren().isEmpty()) return;
    for (Child child : new ArrayList<>(children)) {
      child.signaled = true;
      seed.call(child.process + ".ref() and kill(SIGKILL) before the loop closes", () -> {
        child.process.ref();
        child.process.kill(SIGKILL);
      });
    }
    long deadline = System.nanoTime() + REAP_BOUND_NS;
    seed.note("loop.run(ONCE) until the children exit");
    while (!liveChildren().isEmpty() && !loop.isClosed() && System.nanoTime() < deadline) {
      try {
        loop.run(RunMode.ONCE);
      } catch (Throwable t) {
        talksMayHaveGaps();
        if (!seed.isAnswer(t)) seed.fail("loop.run(ONCE) until the children exit threw " + t, t);
      }
    }
    for (Child child : liveChildren()) seed.fail(child.what + " (" + child.process + ") was not reaped after SIGKILL", null);
    children.clear();
  }

  // --- signal watchers ------------------------------------------------------------------------

  /** A signal number: mostly one this platform has, sometimes none at all; HotSpot's own are refused. */
  private int anySignal() {
    return random.nextInt(4) == 0 ? random.nextInt(70) - 2 : any(SIGNALS);
  }

  /** Watches a random signal (never sending one to this process). */
  void watchSignal() {
    int signum = anySignal();
    boolean oneshot = random.nextBoolean();
    seed.call("signal.start" + (oneshot ? "Oneshot(" : "(") + signum + ")", () -> {
      Signal signal = new Signal(loop);
      handles.add(signal);
      if (oneshot) signal.startOneshot(signum, received -> maybeThrow());
      else signal.start(signum, received -> maybeThrow());
    });
  }

  /** Restarts, stops or asks a watcher, or starts it on a signal HotSpot or the OS keeps. */
  void retuneSignal() throws InterruptedException {
    Signal signal = anyHandle(Signal.class);
    if (signal == null) return;
    switch (random.nextInt(5)) {
      case 0 -> seed.call(signal + ".stop()", signal::stop);
      case 1 -> seed.call(signal + ".signum()", signal::signum);
      case 2 -> {
        int signum = anySignal();
        seed.call(signal + ".start(" + signum + ")", () -> signal.start(signum, received -> maybeThrow()));
      }
      case 3 -> {
        String kept = any(KEPT_SIGNALS);
        seed.refused(signal + ".start(" + kept + ")", IllegalArgumentException.class, () -> signal.start(Signals.number(kept), received -> {}));
      }
      default -> elsewhere(signal + ".stop()", signal::stop);
    }
  }

  // --- the OS ---------------------------------------------------------------------------------

  /** One of the read-only questions to the OS, about this process, the machine, users or groups. */
  void askOs() {
    switch (random.nextInt(14)) {
      case 0 -> seed.call("Os.hostname, uname", () -> {
        Os.hostname();
        Os.uname();
      });
      case 1 -> seed.call("Os.homedir, tmpdir, exepath, cwd", () -> {
        Os.homedir();
        Os.tmpdir();
        Os.exepath();
        Os.cwd();
      });
      case 2 -> seed.call("Os.environ", Os::environ);
      case 3 -> seed.call("Os.passwd()", Os::passwd);
      case 4 -> {
        long uid = random.nextInt(3) == 0 ? random.nextInt(70000) : 0;
        seed.call("Os.passwd(" + uid + ")", () -> Os.passwd(uid));
      }
      case 5 -> {
        long gid = random.nextInt(4) - 1L + (random.nextBoolean() ? 0 : 65534);
        seed.call("Os.group(" + gid + ")", () -> Os.group(gid));
      }
      case 6 -> seed.call("Os.pid, ppid, priority(own)", () -> {
        Os.pid();
        Os.priority(Os.ppid());
        Os.priority(Os.pid());
      });
      case 7 -> {
        int pid = 1 + random.nextInt(1 << 22);
        seed.call("Os.priority(" + pid + ")", () -> Os.priority(pid));
      }
      case 8 -> seed.call("Os.residentSetMemory, rusage, threadRusage", () -> {
        Os.residentSetMemory();
        Os.rusage();
        Os.threadRusage();
      });
      case 9 -> seed.call("Os.cpuInfo, availableParallelism", () -> {
        Os.cpuInfo();
        Os.availableParallelism();
      });
      case 10 -> seed.call("Os.interfaceAddresses", Os::interfaceAddresses);
      case 11 -> seed.call("Os.loadavg, uptime, memory", () -> {
        Os.loadavg();
        Os.uptime();
        Os.freeMemory();
        Os.totalMemory();
        Os.availableMemory();
        Os.constrainedMemory();
      });
      case 12 -> {
        int signum = random.nextInt(70) - 2;
        seed.call("Signals.name(" + signum + ")", () -> Signals.number(Signals.name(signum)));
      }
      default -> seed.refused("Os.setPriority(own pid, 100)", IllegalArgumentException.class, () -> Os.setPriority(Os.pid(), 100));
    }
  }

  /** Sets, reads and unsets the fuzzer's own environment variables, or names one badly. */
  void environment() {
    String name = ENV_PREFIX + random.nextInt(4);
    switch (random.nextInt(6)) {
      case 0, 1 -> {
        String value = Integer.toString(random.nextInt());
        seed.call("Os.setenv(" + name + ")", () -> {
          Os.setenv(name, value);
          String read = Os.getenv(name);
          if (!value.equals(read)) seed.fail("Os.getenv(" + name + ") gave " + read + " after setenv(" + value + ")", null);
        });
      }
      case 2 -> seed.call("Os.getenv(" + name + ")", () -> Os.getenv(name));
      case 3 -> seed.call("Os.unsetenv(" + name + ")", () -> Os.unsetenv(name));
      case 4 -> seed.refused("Os.setenv(" + ENV_PREFIX + "A=B)", IllegalArgumentException.class, () -> Os.setenv(ENV_PREFIX + "A=B", "x"));
      default -> seed.refused("Os.getenv(\"\")", IllegalArgumentException.class, () -> Os.getenv(""));
    }
  }

  // --- pipe pairs, sized UDP and TCP, debugging aids ------------------------------------------

  /** A connected socket pair or an anonymous pipe, its bytes checked as a talk. */
  void pipePair() {
    boolean pair = random.nextBoolean();
    seed.call(pair ? "Pipe.socketPair" : "Pipe.anonymous", () -> {
      Pipe sender;
      Pipe receiver;
      if (pair) {
        Pipe.Pair ends = Pipe.socketPair(loop);
        sender = ends.first();
        receiver = ends.second();
      } else {
        Pipe.Ends ends = Pipe.anonymous(loop);
        sender = ends.writeEnd();
        receiver = ends.readEnd();
      }
      handles.add(sender);
      handles.add(receiver);
      Talk talk = new Talk((pair ? "socket pair " : "anonymous pipe ") + talks.size(), sender);
      talks.add(talk);
      receiver.readStart(reader(talk));
    });
  }

  /** Pipe.tryWrite with a handle: passes it over an IPC talk, or is refused on a pipe that is not IPC. */
  void tryWriteHandle() {
    Talk talk = any(ipcTalks);
    Handle handle = any(handles);
    if (!(handle instanceof Stream sent)) return;
    byte[] data = randomBytes(100);
    ByteBuffer buffer = ByteBuffer.allocateDirect(data.length).put(data).flip();
    if (talk == null || talk.full()) {
      Pipe plain = anyHandle(Pipe.class);
      if (plain != null) seed.call(plain + ".tryWrite(data, " + sent + ")", () -> plain.tryWrite(buffer, sent));
      return;
    }
    Talk.Socket socket = socketOf(sent);
    seed.call(talk.name + ".tryWrite(" + data.length + ", " + sent + ")", () -> {
      int written = ((Pipe) talk.sender).tryWrite(buffer, sent);
      if (written > 0) {
        talk.sending(Arrays.copyOf(data, written));
        talk.passing(socket);
      }
    });
  }

  /** A UDP socket of a given family (some refused), receiving echoes into buffers of its own. */
  void sizedUdp() {
    int family = FAMILIES[random.nextInt(FAMILIES.length)];
    boolean batch = random.nextBoolean();
    seed.call("new Udp(loop, " + family + ", " + batch + ")", () -> {
      Udp udp = new Udp(loop, family, batch);
      handles.add(udp);
      udp.bind(new InetSocketAddress(LOOPBACK, 0));
      int room = 1 + random.nextInt(1200);
      boolean heap = random.nextInt(8) == 0;
      udp.recvStart(() -> heap ? ByteBuffer.allocate(room) : ByteBuffer.allocateDirect(room), new Udp.Receiver() {
        @Override
        public void onDatagram(ByteBuffer datagram, InetSocketAddress sender, int flags) {
          if ((flags & Udp.PARTIAL) == 0 && datagram.hasRemaining()) checkDatagram("a UDP socket with its own buffers", datagram);
          maybeThrow();
        }

        @Override
        public void onError(UvException error) {}
      });
      trySendSeveral(udp);
    });
  }

  /** Several datagrams in one trySend to the echo, then the send queue's counts. */
  void udpTrySendMany() {
    Udp udp = anyHandle(Udp.class);
    if (udp != null) seed.call(udp + ".trySend(several)", () -> trySendSeveral(udp));
  }

  private void trySendSeveral(Udp udp) throws UvException {
    int count = 1 + random.nextInt(5);
    ByteBuffer[] datagrams = new ByteBuffer[count];
    InetSocketAddress[] to = new InetSocketAddress[count + (random.nextInt(8) == 0 ? 1 : 0)];
    for (int i = 0; i < count; i++) {
      byte[] data = randomBytes(800);
      this.datagrams.add(ByteBuffer.wrap(data));
      datagrams[i] = ByteBuffer.allocateDirect(data.length).put(data).flip();
    }
    Arrays.fill(to, udpEchoAddress);
    udp.trySend(datagrams, to);
    udp.sendQueueCount();
    udp.sendQueueSize();
  }

  /** Udp.open on a fresh datagram socket, or on a descriptor that is not a socket or that a handle owns. */
  void openUdp() {
    switch (random.nextInt(3)) {
      case 0 -> seed.call("Udp.open(socket pair end)", () -> {
        Udp udp = new Udp(loop);
        handles.add(udp);
        int[] ends = Uv.socketPair(Dns.SocketType.DATAGRAM, true, true);
        rawFds.add(ends[1]);
        try {
          udp.open(ends[0]);
        } catch (UvException | IllegalArgumentException | IllegalStateException refused) {
          rawFds.add(ends[0]);
          throw refused;
        }
        udp.fileno();
      });
      case 1 -> {
        Integer fd = any(rawFds);
        if (fd != null) seed.call("Udp.open(raw " + fd + ")", () -> {
          Udp udp = new Udp(loop);
          handles.add(udp);
          udp.open(fd);
          rawFds.remove(fd);
        });
      }
      default -> {
        int fd = ownedFd();
        if (fd >= 0) seed.call("Udp.open(owned " + fd + ")", () -> {
          Udp udp = new Udp(loop);
          handles.add(udp);
          udp.open(fd);
        });
      }
    }
  }

  /** A TCP socket of a given family (some refused), which then connects to the echo. */
  void sizedTcp() {
    int family = FAMILIES[random.nextInt(FAMILIES.length)];
    seed.call("new Tcp(loop, " + family + ")", () -> {
      Tcp tcp = new Tcp(loop, family);
      handles.add(tcp);
      tcp.connect(echoAddress, error -> maybeThrow());
    });
  }

  /** Numeric lookups only, so that nothing goes to the network; on the loop thread or another. */
  void dnsSync() throws InterruptedException {
    String host = any(NUMERIC_HOSTS);
    String service = random.nextBoolean() ? null : Integer.toString(random.nextInt(70000));
    int port = random.nextInt(65536);
    FuzzSeed.Call lookUp = () -> {
      Dns.getAddrInfoSync(host, service, new Dns.Hints(0, Dns.SocketType.STREAM, 0, AI_NUMERICHOST));
      Dns.getNameInfoSync(new InetSocketAddress(InetAddress.getByName(host), port), NI_NUMERICHOST | NI_NUMERICSERV);
    };
    if (random.nextBoolean()) {
      seed.call("Dns.getAddrInfoSync(" + host + ", " + service + ")", lookUp);
    } else {
      helpers.add(seed.startThread("dns-sync", () -> seed.call("Dns.getAddrInfoSync(" + host + ") on another thread", lookUp)));
    }
    if (random.nextInt(4) == 0) {
      seed.refused("Dns.getAddrInfoSync(null, null)", IllegalArgumentException.class, () -> Dns.getAddrInfoSync(null, null, Dns.Hints.DEFAULT));
    }
  }

  /** libuv's handle listings, into a builder or into an Appendable that fails. */
  void printHandles() {
    boolean all = random.nextBoolean();
    boolean failing = random.nextInt(4) == 0;
    Appendable out = failing ? new FailingAppendable() : new StringBuilder();
    seed.call("loop.print" + (all ? "All" : "Active") + "Handles(" + (failing ? "failing" : "builder") + ")", () -> {
      if (all) loop.printAllHandles(out);
      else loop.printActiveHandles(out);
    });
  }

  /** An Appendable whose every append fails, as a closed writer's would. */
  private static final class FailingAppendable implements Appendable {
    @Override
    public Appendable append(CharSequence text) throws IOException {
      throw new IOException(FuzzSeed.DELIBERATE + " append");
    }

    @Override
    public Appendable append(CharSequence text, int start, int end) throws IOException {
      throw new IOException(FuzzSeed.DELIBERATE + " append");
    }

    @Override
    public Appendable append(char c) throws IOException {
      throw new IOException(FuzzSeed.DELIBERATE + " append");
    }
  }

  /** The loop options: SIGPROF blocked (any other signal refused), io_uring's SQ polling. */
  void loopOptions() {
    switch (random.nextInt(3)) {
      case 0 -> seed.call("loop.blockSignal(SIGPROF)", () -> loop.blockSignal(SIGPROF));
      case 1 -> {
        int signum = any(SIGNALS);
        if (signum == SIGPROF) return;
        if (loop.isClosed()) seed.call("loop.blockSignal(" + signum + ") on a closed loop", () -> loop.blockSignal(signum));
        else seed.refused("loop.blockSignal(" + signum + ")", IllegalArgumentException.class, () -> loop.blockSignal(signum));
      }
      default -> seed.call("loop.useIoUringSqpoll()", loop::useIoUringSqpoll);
    }
  }

  /** What kind a handle is, what libuv guesses of a small descriptor, and descriptors as OS handles. */
  void inspectDescriptors() {
    switch (random.nextInt(5)) {
      case 0 -> {
        Handle handle = any(handles);
        if (handle != null) seed.call(handle + ".type()", handle::type);
      }
      case 1 -> {
        int fd = random.nextInt(40) - (random.nextInt(8) == 0 ? 40 : 0);
        seed.call("Uv.guessHandle(" + fd + ")", () -> Uv.guessHandle(fd));
      }
      case 2 -> {
        Handle handle = random.nextBoolean() ? anyHandle(Udp.class) : anyHandle(Poll.class);
        if (handle instanceof Udp udp) seed.call(udp + ".fileno()", udp::fileno);
        else if (handle instanceof Poll poll) seed.call(poll + ".fileno()", poll::fileno);
      }
      case 3 -> {
        int fd = random.nextInt(40) - (random.nextInt(8) == 0 ? 40 : 0);
        seed.call("OsHandle.forDescriptor(" + fd + ")", () -> {
          long handle = OsHandle.forDescriptor(fd);
          // on Unix the OS handle is the descriptor itself: nothing new is opened
          if (OsHandle.openDescriptor(handle) != fd) seed.fail("OsHandle.openDescriptor(forDescriptor(" + fd + ")) is not " + fd, null);
        });
      }
      default -> seed.call("Tty.vtermState()", Tty::vtermState);
    }
  }

  // --- piping, stream settings, framing, connecting by name, loop groups ----------------------

  /** Settles {@code promise} quietly now and then, else leaves a rejection for the handlers. */
  private void maybeHandle(Promise<?> promise) {
    if (random.nextBoolean()) promise.then(value -> value, error -> null);
  }

  /** A checked talk through two socket pairs joined by Stream.pipe: sender, piped, reader. */
  void pipeChain() {
    seed.call("Stream.pipe(socket pair into socket pair)", () -> {
      Pipe.Pair in = Pipe.socketPair(loop);
      Pipe.Pair out = Pipe.socketPair(loop);
      handles.addAll(List.of(in.first(), in.second(), out.first(), out.second()));
      Talk talk = new Talk("pipe chain " + talks.size(), in.first());
      talks.add(talk);
      out.second().readStart(reader(talk));
      if (random.nextBoolean()) in.second().setHighWaterMark(random.nextInt(70_000));
      maybeHandle(in.second().pipe(out.first()));
    });
  }

  /** A scratch file (or a missing one) sent with pipeFile, every byte checked at the far end. */
  void pipeFile() {
    byte[] content = randomBytes(random.nextInt(4) == 0 ? 400_000 : 5000);
    boolean missing = random.nextInt(8) == 0;
    String path = seed.scratch.resolve("p" + random.nextInt(1 << 30)).toString();
    seed.call("pipeFile(" + (missing ? "missing" : content.length) + ")", () -> {
      if (!missing) Fs.writeFileSync(path, content);
      Pipe.Pair pair = Pipe.socketPair(loop);
      handles.add(pair.first());
      handles.add(pair.second());
      Talk talk = new Talk("piped file " + libraryTalks.size(), pair.first());
      talk.sending(content);
      libraryTalks.add(talk);
      pair.second().readStart(reader(talk));
      Promise<Long> sent = pair.first().pipeFile(path);
      sent.then(count -> {
        if (count != content.length) seed.fail("pipeFile sent " + count + " bytes of " + content.length, null);
        return count;
      }, error -> {
        talk.allowGap();
        return null;
      });
    });
  }

  /** Backpressure, half-open and idle settings on any stream, with listeners that may throw. */
  void streamSettings() {
    Stream stream = anyHandle(Stream.class);
    if (stream == null) return;
    switch (random.nextInt(5)) {
      case 0 -> {
        long mark = random.nextInt(8) == 0 ? -1 - random.nextInt(10) : random.nextInt(200_000);
        seed.call(stream + ".setHighWaterMark(" + mark + ")", () -> stream.setHighWaterMark(mark));
      }
      case 1 -> seed.call(stream + ".onDrain", () -> stream.onDrain(this::maybeThrow));
      case 2 -> seed.call(stream + ".allowHalfOpen", () -> stream.allowHalfOpen(random.nextBoolean()));
      case 3 -> {
        long ms = random.nextInt(8) == 0 ? -1 : random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
        boolean closes = random.nextBoolean();
        seed.call(stream + ".setIdleTimeout(" + ms + ")", () -> stream.setIdleTimeout(ms, () -> {
          if (closes) stream.close();
          maybeThrow();
        }));
      }
      default -> seed.call(stream + ".needsDrain", stream::needsDrain);
    }
  }

  /** A close listener on any handle, open, closing or closed. */
  void listenForClose() {
    Handle handle = any(handles);
    if (handle != null) seed.call(handle + ".onClose", () -> handle.onClose(this::maybeThrow));
  }

  /** Random bytes, cut at random, into a framing reader with a small maximum. */
  void framing() {
    seed.call("Framing over a socket pair", () -> {
      Pipe.Pair pair = Pipe.socketPair(loop);
      handles.add(pair.first());
      handles.add(pair.second());
      Pipe reading = pair.second();
      int max = 1 + random.nextInt(300);
      Stream.Reader frames = frame -> maybeThrow();
      reading.readStart(switch (random.nextInt(3)) {
        case 0 -> Framing.lines(reading, max, frames);
        case 1 -> Framing.delimited(reading, randomBytes(3), max, frames);
        default -> Framing.lengthPrefixed(reading, new int[] {1, 2, 4}[random.nextInt(3)], max, frames);
      });
      for (int i = random.nextInt(5); i >= 0; i--) pair.first().write(randomBytes(600), null);
      if (random.nextBoolean()) pair.first().shutdown(null);
    });
  }

  /** Tcp.connect by name to the echo server (or to a port nobody listens on), talking once connected. */
  void connectByName() {
    String host = random.nextBoolean() ? "localhost" : LOOPBACK.getHostAddress();
    int port = random.nextInt(8) == 0 ? 1 : echoAddress.getPort();
    seed.call("Tcp.connect(" + host + ", " + port + ")", () -> Tcp.connect(loop, host, port, (client, error) -> {
      if (client == null) return;
      handles.add(client);
      Talk talk = new Talk("TCP by name " + talks.size(), client);
      talks.add(talk);
      seed.call("tcp.readStart", () -> client.readStart(reader(talk)));
      maybeThrow();
    }));
  }

  /** A group of two loops on a helper thread: a server spread over it, a client, then shutdown. */
  void loopGroup() {
    Thread helper = new Thread(() -> {
      try (LoopGroup group = LoopGroup.create(2, "fuzz-group", (error, origin) -> {})) {
        LoopGroup.TcpServer server = group.listenTcp(new InetSocketAddress(LOOPBACK, 0), 16, conn -> conn.readStart(data -> conn.write(data, null)));
        try (java.net.Socket client = new java.net.Socket(LOOPBACK, server.localAddress().getPort())) {
          client.getOutputStream().write(7);
          if (client.getInputStream().read() != 7) seed.fail("a LoopGroup echo server did not echo", null);
        }
        group.execute(() -> {});
      } catch (Exception e) {
        if (!seed.isAnswer(e)) seed.fail("a LoopGroup threw " + e, e);
      }
    }, "fuzz-loop-group");
    helpers.add(helper);
    helper.start();
  }
}
