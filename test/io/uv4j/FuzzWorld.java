package io.uv4j;

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

/**
 * One loop and everything the fuzzer made on it: handles a random close may pick, requests a
 * random cancel may pick, streams whose bytes are checked, raw descriptors the fuzzer owns. The
 * operations of {@link FuzzOps#LOOP} are its methods; all run on the loop's thread.
 */
final class FuzzWorld {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final AtomicInteger PIPE_NAMES = new AtomicInteger();

  final FuzzSeed seed;
  final Random random;
  final Loop loop;
  private final Thread loopThread = Thread.currentThread();
  private final List<Handle> handles = new ArrayList<>();
  private final List<Cancelable> requests = new ArrayList<>();
  private final List<Talk> talks = new ArrayList<>();
  private final List<Talk> ipcTalks = new ArrayList<>();
  private final List<Integer> rawFds = new ArrayList<>();
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
    for (Talk talk : talks) {
      String damage = talk.damage();
      if (damage != null) seed.fail("data integrity: " + damage, null, talk.callsBeforeMismatch());
    }
    for (int fd : rawFds) seed.call("Fs.closeSync(" + fd + ")", () -> Fs.closeSync(fd));
  }

  // --- picking --------------------------------------------------------------------------------

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
    for (Talk talk : talks) talk.allowGap();
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
    rawFds.remove(fd);
    seed.call("Fs.closeSync(" + fd + ")", () -> Fs.closeSync(fd));
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
}
