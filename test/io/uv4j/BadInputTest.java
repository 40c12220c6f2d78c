package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: one row per bad value or bad moment, over every public class. Each row
 * names the exception the Javadoc documents and a fragment its message must contain: the bad
 * value itself, the object that is closed, or the thread that called. Where libuv itself refuses
 * (an address no interface has, a missing file), the row expects a {@link UvException} naming
 * the code and the path or address. Ports outside 0..65535 have no row: {@link InetSocketAddress}
 * refuses them before uv4j sees them.
 */
class BadInputTest {
  private static final Class<NullPointerException> NPE = NullPointerException.class;
  private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
  private static final Class<IllegalStateException> ISE = IllegalStateException.class;
  private static final Class<IndexOutOfBoundsException> IOOBE = IndexOutOfBoundsException.class;
  private static final Class<UvException> UVE = UvException.class;

  /** What OtherThread names the calling thread; the wrong-thread messages must name it. */
  private static final String OTHER_THREAD = "not-the-loop-thread";
  private static final String CLOSED_LOOP = ", closed] is closed";
  private static final String CLOSING_LOOP = "is closing; no new work may start";

  private static final Runnable NOTHING = () -> {};
  private static final Stream.Reader IGNORE = data -> {};
  private static final InetSocketAddress UNRESOLVED = InetSocketAddress.createUnresolved("no-such-host.invalid", 80);
  /** An address no local interface has (TEST-NET-1, RFC 5737). */
  private static final InetSocketAddress FOREIGN = new InetSocketAddress(address(192, 0, 2, 1), 80);
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress(address(127, 0, 0, 1), 0);

  /** One row: a call that must fail, the type it must throw and what its message must name. */
  record Case(String name, Class<? extends Throwable> type, String fragment, Call call) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A bad call, made with this test's loop and directory. */
  @FunctionalInterface
  interface Call {
    void run(BadInputTest t) throws Throwable;
  }

  /** Registers {@code callback} as the callback of some handle or request. */
  @FunctionalInterface
  interface Arm {
    void arm(Runnable callback) throws Throwable;
  }

  @TempDir Path dir;
  private Loop loop;
  private Loop otherLoop;
  private final List<Integer> descriptors = new ArrayList<>();
  private final List<Dir> dirs = new ArrayList<>();

  @BeforeEach
  void createLoop() throws UvException {
    loop = Loop.create();
  }

  @AfterEach
  void closeEverything() throws UvException {
    loop.close();
    if (otherLoop != null) otherLoop.close();
    for (int fd : descriptors) Fs.closeSync(fd);
    for (Dir open : dirs) Fs.closedirSync(open);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputThrowsTheDocumentedExceptionNamingTheValue(Case row) {
    Throwable thrown = assertThrows(row.type(), () -> row.call().run(this), row.name());
    String message = String.valueOf(thrown.getMessage());
    assertTrue(message.contains(row.fragment()), () -> row.name() + ": '" + message + "' does not name '" + row.fragment() + "'");
  }

  static List<Case> cases() {
    List<Case> rows = new ArrayList<>();
    loop(rows);
    handles(rows);
    streams(rows);
    tty(rows);
    poll(rows);
    udp(rows);
    watchers(rows);
    fs(rows);
    fsWholeFiles(rows);
    dns(rows);
    promises(rows);
    timersAndImmediates(rows);
    uv(rows);
    return rows;
  }

  private static void row(List<Case> rows, String name, Class<? extends Throwable> type, String fragment, Call call) {
    rows.add(new Case(name, type, fragment, call));
  }

  // --- Loop -------------------------------------------------------------------------------------

  private static void loop(List<Case> rows) {
    row(rows, "Loop.run(null)", NPE, "mode", t -> t.loop.run(null));
    row(rows, "Loop.run re-entered from a callback", ISE, "run() called from inside a callback of Loop[",
        t -> t.fromCallback(t::immediate, () -> t.loop.run()));
    row(rows, "Loop.runToCompletion re-entered from a callback", ISE, "runToCompletion() called from inside a callback",
        t -> t.fromCallback(t::immediate, () -> t.loop.runToCompletion()));
    row(rows, "Loop.close inside one of its own callbacks", ISE, "close() called from inside a callback",
        t -> t.fromCallback(t::immediate, () -> t.loop.close()));
    row(rows, "Loop.run inside an exit listener", ISE, "run() called from inside a callback",
        t -> t.fromExitListener(() -> t.loop.run()));
    row(rows, "Loop.runToCompletion inside an exit listener", ISE, "runToCompletion() called from inside a callback",
        t -> t.fromExitListener(() -> t.loop.runToCompletion()));
    row(rows, "Loop.close inside an exit listener", ISE, "close() called from inside a callback",
        t -> t.fromExitListener(() -> t.loop.close()));
    row(rows, "Loop.run inside a before-exit listener", ISE, "run() called from inside a callback",
        t -> t.fromBeforeExitListener(() -> t.loop.run()));
    row(rows, "Loop.run on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> t.loop.run()));
    row(rows, "Loop.close on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> t.loop.close()));
    row(rows, "Loop.isRunning on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> t.loop.isRunning()));
    row(rows, "Loop.run of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().run());
    row(rows, "Loop.stop of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().stop());
    row(rows, "Loop.now of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().now());
    row(rows, "Loop.handles of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().handles());
    row(rows, "Loop.metrics of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().metrics());
    row(rows, "Loop.fs of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().fs());
    row(rows, "Loop.promise of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().promise());
    row(rows, "Loop.exit of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().exit(0));
    row(rows, "Loop.onUncaughtException of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().onUncaughtException(null));
    row(rows, "Loop.nextTick(null)", NPE, "task", t -> t.loop.nextTick(null));
    row(rows, "Loop.nextTick of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().nextTick(NOTHING));
    row(rows, "Loop.queueMicrotask(null)", NPE, "task", t -> t.loop.queueMicrotask(null));
    row(rows, "Loop.queueMicrotask on another thread", ISE, OTHER_THREAD,
        t -> t.onOtherThread(() -> t.loop.queueMicrotask(NOTHING)));
    row(rows, "Loop.execute(null)", NPE, "task", t -> t.loop.execute(null));
    row(rows, "Loop.execute on a closed loop", RejectedExecutionException.class, "is closed; task not accepted",
        t -> t.closedLoop().execute(NOTHING));
    row(rows, "Loop.onBeforeExit(null)", NPE, "listener", t -> t.loop.onBeforeExit(null));
    row(rows, "Loop.onExit(null)", NPE, "listener", t -> t.loop.onExit(null));
    row(rows, "Loop.queueWork(null, callback)", NPE, "work", t -> t.loop.queueWork(null, (v, e) -> {}));
    row(rows, "Loop.queueWork(work, null)", NPE, "callback", t -> t.loop.queueWork(() -> 1, null));
    row(rows, "Loop.queueWork(null)", NPE, "work", t -> t.loop.queueWork(null));
    row(rows, "Loop.queueWork on a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().queueWork(() -> 1));
    row(rows, "Loop.queueWork on another thread", ISE, OTHER_THREAD,
        t -> t.onOtherThread(() -> t.loop.queueWork(() -> 1, (v, e) -> {})));
    row(rows, "Loop.queueWork while the loop closes", ISE, CLOSING_LOOP,
        t -> t.duringTeardown(() -> t.loop.queueWork(() -> 1)));
    row(rows, "Cancelable.cancel of queued work on another thread", ISE, OTHER_THREAD, t -> {
      Cancelable work = t.loop.queueWork(() -> 1, (v, e) -> {});
      t.onOtherThread(work::cancel);
    });
    row(rows, "Loop.setTracer of a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().setTracer(new LoopTracer() {}));
    row(rows, "Loop.setTracer on another thread", ISE, OTHER_THREAD,
        t -> t.onOtherThread(() -> t.loop.setTracer(new LoopTracer() {})));
    row(rows, "Loop.setTracer while the loop closes", ISE, CLOSING_LOOP,
        t -> t.duringTeardown(() -> t.loop.setTracer(new LoopTracer() {})));
  }

  // --- handles: constructors, closed handles, wrong thread, closing in a callback ----------------

  private static void handles(List<Case> rows) {
    row(rows, "new Timer(null)", NPE, "loop", t -> new Timer(null));
    row(rows, "new Idle(null)", NPE, "loop", t -> new Idle(null));
    row(rows, "new Prepare(null)", NPE, "loop", t -> new Prepare(null));
    row(rows, "new Check(null)", NPE, "loop", t -> new Check(null));
    row(rows, "new Async(null, callback)", NPE, "loop", t -> new Async(null, NOTHING));
    row(rows, "new Async(loop, null)", NPE, "callback", t -> new Async(t.loop, null));
    row(rows, "new Tcp(null)", NPE, "loop", t -> new Tcp(null));
    row(rows, "new Pipe(null, false)", NPE, "loop", t -> new Pipe(null, false));
    row(rows, "new Udp(null)", NPE, "loop", t -> new Udp(null));
    row(rows, "new FsEvent(null)", NPE, "loop", t -> new FsEvent(null));
    row(rows, "new FsPoll(null)", NPE, "loop", t -> new FsPoll(null));
    row(rows, "new Timer on a closed loop", ISE, CLOSED_LOOP, t -> new Timer(t.closedLoop()));
    row(rows, "new Idle on a closed loop", ISE, CLOSED_LOOP, t -> new Idle(t.closedLoop()));
    row(rows, "new Async on a closed loop", ISE, CLOSED_LOOP, t -> new Async(t.closedLoop(), NOTHING));
    row(rows, "new Tcp on a closed loop", ISE, CLOSED_LOOP, t -> new Tcp(t.closedLoop()));
    row(rows, "new Udp on a closed loop", ISE, CLOSED_LOOP, t -> new Udp(t.closedLoop()));
    row(rows, "new FsPoll on a closed loop", ISE, CLOSED_LOOP, t -> new FsPoll(t.closedLoop()));
    row(rows, "new Timer on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> new Timer(t.loop)));
    row(rows, "new Pipe on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> new Pipe(t.loop, false)));
    row(rows, "new Check while the loop closes", ISE, CLOSING_LOOP, t -> t.duringTeardown(() -> new Check(t.loop)));

    row(rows, "Timer.start timeout -1", IAE, "-1", t -> new Timer(t.loop).start(-1, NOTHING));
    row(rows, "Timer.start timeout Long.MIN_VALUE", IAE, "-9223372036854775808",
        t -> new Timer(t.loop).start(Long.MIN_VALUE, 0, NOTHING));
    row(rows, "Timer.start repeat -1", IAE, "-1", t -> new Timer(t.loop).start(0, -1, NOTHING));
    row(rows, "Timer.start(timeout, null)", NPE, "callback", t -> new Timer(t.loop).start(0, null));
    row(rows, "Timer.setRepeat(-5)", IAE, "-5", t -> new Timer(t.loop).setRepeat(-5));
    row(rows, "Timer.again before any start", ISE, "Timer[open] was never started", t -> new Timer(t.loop).again());
    row(rows, "Timer.start of a closed timer", ISE, "Timer[closed] is closed", t -> t.closed(new Timer(t.loop)).start(1, NOTHING));
    row(rows, "Timer.dueIn of a closed timer", ISE, "Timer[closed] is closed", t -> t.closed(new Timer(t.loop)).dueIn());
    row(rows, "Timer.stop on another thread", ISE, OTHER_THREAD, t -> {
      Timer timer = new Timer(t.loop);
      t.onOtherThread(timer::stop);
    });
    row(rows, "Timer.again after the timer closed itself in its own callback", ISE, "Timer[closed] is closed", t -> {
      Timer timer = new Timer(t.loop);
      t.fromCallback(callback -> timer.start(0, callback), () -> {
        timer.close();
        timer.again();
      });
    });
    row(rows, "Handle.ref inside its own close callback", ISE, "Timer[closed] is closed", t -> {
      Timer timer = new Timer(t.loop);
      t.fromCallback(timer::close, timer::ref);
    });
    row(rows, "Handle.unref of a closed handle", ISE, "Prepare[closed] is closed", t -> t.closed(new Prepare(t.loop)).unref());
    row(rows, "Handle.hasRef of a closed handle", ISE, "Check[closed] is closed", t -> t.closed(new Check(t.loop)).hasRef());
    row(rows, "Handle.isActive of a closed handle", ISE, "Idle[closed] is closed", t -> t.closed(new Idle(t.loop)).isActive());
    row(rows, "Handle.close on another thread", ISE, OTHER_THREAD, t -> {
      Idle idle = new Idle(t.loop);
      t.onOtherThread(idle::close);
    });
    row(rows, "Handle.isClosing on another thread", ISE, OTHER_THREAD, t -> {
      Check check = new Check(t.loop);
      t.onOtherThread(check::isClosing);
    });

    row(rows, "Idle.start(null)", NPE, "callback", t -> new Idle(t.loop).start(null));
    row(rows, "Idle.start of a closed handle", ISE, "Idle[closed] is closed", t -> t.closed(new Idle(t.loop)).start(NOTHING));
    row(rows, "Idle.stop after the handle closed itself in its own callback", ISE, "Idle[closed] is closed", t -> {
      Idle idle = new Idle(t.loop);
      t.fromCallback(idle::start, () -> {
        idle.close();
        idle.stop();
      });
    });
    row(rows, "Prepare.start(null)", NPE, "callback", t -> new Prepare(t.loop).start(null));
    row(rows, "Prepare.stop of a closed handle", ISE, "Prepare[closed] is closed", t -> t.closed(new Prepare(t.loop)).stop());
    row(rows, "Prepare.start on another thread", ISE, OTHER_THREAD, t -> {
      Prepare prepare = new Prepare(t.loop);
      t.onOtherThread(() -> prepare.start(NOTHING));
    });
    row(rows, "Check.start(null)", NPE, "callback", t -> new Check(t.loop).start(null));
    row(rows, "Check.start of a closed handle", ISE, "Check[closed] is closed", t -> t.closed(new Check(t.loop)).start(NOTHING));
    row(rows, "Async.send of a closed handle", ISE, "Async[closed] is closed", t -> t.closed(new Async(t.loop, NOTHING)).send());
    row(rows, "Async.send from another thread after close", ISE, "Async[closed] is closed", t -> {
      Async async = t.closed(new Async(t.loop, NOTHING));
      t.onOtherThread(async::send);
    });
    row(rows, "Async.send after the handle closed itself in its own callback", ISE, "Async[closed] is closed", t -> {
      Async[] async = new Async[1];
      t.fromCallback(callback -> {
        async[0] = new Async(t.loop, callback);
        async[0].send();
      }, () -> {
        async[0].close();
        async[0].send();
      });
    });
  }

  // --- streams: Stream, Tcp, Pipe ------------------------------------------------------------

  private static void streams(List<Case> rows) {
    row(rows, "Stream.write((ByteBuffer) null)", NPE, "data", t -> new Tcp(t.loop).write((ByteBuffer) null));
    row(rows, "Stream.write((byte[]) null, callback)", NPE, "data", t -> new Tcp(t.loop).write((byte[]) null, e -> {}));
    row(rows, "Stream.write((String) null)", NPE, "text", t -> new Tcp(t.loop).write((String) null));
    row(rows, "Stream.write(byte[], offset -1, ...)", IOOBE, "-1", t -> new Tcp(t.loop).write(new byte[4], -1, 1, null));
    row(rows, "Stream.write(byte[], length -1)", IOOBE, "-1", t -> new Tcp(t.loop).write(new byte[4], 0, -1, null));
    row(rows, "Stream.write(byte[4], 2, 5) past the end", IOOBE, "2 + 5", t -> new Tcp(t.loop).write(new byte[4], 2, 5, null));
    row(rows, "Stream.write(byte[], 0, Integer.MAX_VALUE)", IOOBE, "2147483647",
        t -> new Tcp(t.loop).write(new byte[4], 0, Integer.MAX_VALUE, null));
    row(rows, "Stream.write((ByteBuffer[]) null)", NPE, "data", t -> new Tcp(t.loop).write((ByteBuffer[]) null, null));
    row(rows, "Stream.write(ByteBuffer[]) with a null element", NPE, "data[1]",
        t -> new Tcp(t.loop).write(new ByteBuffer[] {ByteBuffer.allocate(1), null}, e -> {}));
    row(rows, "Stream.write(ByteBuffer[]) of more than 2 GiB in all", IAE, "2214592512", t -> {
      ByteBuffer chunk = ByteBuffer.allocate(64 << 20);
      ByteBuffer[] views = new ByteBuffer[33];
      for (int i = 0; i < views.length; i++) views[i] = chunk.duplicate();
      new Tcp(t.loop).write(views);
    });
    row(rows, "Stream.tryWrite(null)", NPE, "data", t -> new Tcp(t.loop).tryWrite(null));
    row(rows, "Stream.write of a closed stream", ISE, "Tcp[closed] is closed",
        t -> t.closed(new Tcp(t.loop)).write(ByteBuffer.allocate(1)));
    row(rows, "Stream.write on another thread", ISE, OTHER_THREAD, t -> {
      Tcp tcp = new Tcp(t.loop);
      t.onOtherThread(() -> tcp.write("x"));
    });
    row(rows, "Stream.shutdown of a closed stream", ISE, "Pipe[closed] is closed", t -> t.closed(new Pipe(t.loop, false)).shutdown());
    row(rows, "Stream.writeQueueSize of a closed stream", ISE, "Tcp[closed] is closed", t -> t.closed(new Tcp(t.loop)).writeQueueSize());
    row(rows, "Stream.readStart(null)", NPE, "reader", t -> new Tcp(t.loop).readStart(null));
    row(rows, "Stream.readStart(null allocator, reader)", NPE, "allocator", t -> new Tcp(t.loop).readStart(null, IGNORE));
    row(rows, "Stream.readStart(allocator, null)", NPE, "reader",
        t -> new Tcp(t.loop).readStart(() -> ByteBuffer.allocateDirect(8), null));
    row(rows, "Stream.readStart with an allocator that returns null", IAE, "returned null",
        t -> new Tcp(t.loop).readStart(() -> null, IGNORE));
    row(rows, "Stream.readStart into a heap buffer", IAE, "HeapByteBuffer",
        t -> new Tcp(t.loop).readStart(() -> ByteBuffer.allocate(8), IGNORE));
    row(rows, "Stream.readStart into a read-only buffer", IAE, "read-only",
        t -> new Tcp(t.loop).readStart(() -> ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), IGNORE));
    row(rows, "Stream.readStart into a zero-length buffer", IAE, "cap=0",
        t -> new Tcp(t.loop).readStart(() -> ByteBuffer.allocateDirect(0), IGNORE));
    row(rows, "Stream.readStart into a slice with no room left", IAE, "lim=0",
        t -> new Tcp(t.loop).readStart(() -> ByteBuffer.allocateDirect(8).position(8).slice(), IGNORE));
    row(rows, "Stream.readStart into a duplicate whose position is its limit", IAE, "pos=8 lim=8",
        t -> new Tcp(t.loop).readStart(() -> ByteBuffer.allocateDirect(8).duplicate().position(8), IGNORE));
    row(rows, "Stream.readStart of a closed stream", ISE, "Tcp[closed] is closed", t -> t.closed(new Tcp(t.loop)).readStart(IGNORE));
    row(rows, "Stream.listen backlog -1", IAE, "-1", t -> new Tcp(t.loop).listen(-1, e -> {}));
    row(rows, "Stream.listen(backlog, null)", NPE, "onConnection", t -> new Tcp(t.loop).listen(1, null));
    row(rows, "Stream.accept(null)", NPE, "client", t -> new Tcp(t.loop).accept(null));
    row(rows, "Stream.accept into a stream of another loop", IAE, "belongs to another loop",
        t -> new Tcp(t.loop).accept(new Tcp(t.otherLoop())));
    row(rows, "Stream.accept a TCP connection into a pipe", IAE, "cannot accept into Pipe[open]",
        t -> new Tcp(t.loop).accept(new Pipe(t.loop, false)));
    row(rows, "Stream.accept into a closed stream", ISE, "Tcp[closed] is closed",
        t -> new Tcp(t.loop).accept(t.closed(new Tcp(t.loop))));
    row(rows, "Stream.setSendBufferSize(0)", IAE, "0", t -> new Tcp(t.loop).setSendBufferSize(0));
    row(rows, "Stream.setReceiveBufferSize(-1)", IAE, "-1", t -> new Tcp(t.loop).setReceiveBufferSize(-1));
    row(rows, "Stream.fileno of a TCP handle with no socket yet", UVE, "EBADF", t -> new Tcp(t.loop).fileno());
    row(rows, "Stream.isReadable on another thread", ISE, OTHER_THREAD, t -> {
      Pipe pipe = new Pipe(t.loop, false);
      t.onOtherThread(pipe::isReadable);
    });

    row(rows, "Tcp.bind(null)", NPE, "address", t -> new Tcp(t.loop).bind(null));
    row(rows, "Tcp.bind(unresolved address)", IAE, "no-such-host.invalid", t -> new Tcp(t.loop).bind(UNRESOLVED));
    row(rows, "Tcp.bind unknown flags 8", IAE, "8", t -> new Tcp(t.loop).bind(LOOPBACK, 8));
    row(rows, "Tcp.bind to an address no interface has", UVE, "192.0.2.1:80", t -> new Tcp(t.loop).bind(FOREIGN));
    row(rows, "Tcp.connect(null, callback)", NPE, "address", t -> new Tcp(t.loop).connect(null, e -> {}));
    row(rows, "Tcp.connect(unresolved address)", IAE, "no-such-host.invalid", t -> new Tcp(t.loop).connect(UNRESOLVED));
    row(rows, "Tcp.connect of a closed handle", ISE, "Tcp[closed] is closed",
        t -> t.closed(new Tcp(t.loop)).connect(new InetSocketAddress(address(127, 0, 0, 1), 9)));
    row(rows, "Tcp.keepAlive enabled with delay 0", IAE, "0", t -> new Tcp(t.loop).keepAlive(true, 0));
    row(rows, "Tcp.keepAlive enabled with delay Integer.MIN_VALUE", IAE, "-2147483648",
        t -> new Tcp(t.loop).keepAlive(true, Integer.MIN_VALUE));
    row(rows, "Tcp.noDelay of a closed handle", ISE, "Tcp[closed] is closed", t -> t.closed(new Tcp(t.loop)).noDelay(true));
    row(rows, "Tcp.closeReset of a closed handle", ISE, "Tcp[closed] is closed", t -> t.closed(new Tcp(t.loop)).closeReset(null));
    row(rows, "Tcp.localAddress on another thread", ISE, OTHER_THREAD, t -> {
      Tcp tcp = new Tcp(t.loop);
      t.onOtherThread(tcp::localAddress);
    });

    row(rows, "Pipe.bind(null)", NPE, "name", t -> new Pipe(t.loop, false).bind(null));
    row(rows, "Pipe.bind(\"\")", IAE, "pipe name is empty", t -> new Pipe(t.loop, false).bind(""));
    row(rows, "Pipe.connect(null, callback)", NPE, "name", t -> new Pipe(t.loop, false).connect(null, e -> {}));
    row(rows, "Pipe.connect(\"\")", IAE, "pipe name is empty", t -> new Pipe(t.loop, false).connect(""));
    row(rows, "Pipe.chmod(0)", IAE, "got 0", t -> new Pipe(t.loop, false).chmod(0));
    row(rows, "Pipe.chmod(4)", IAE, "got 4", t -> new Pipe(t.loop, false).chmod(4));
    row(rows, "Pipe.pendingInstances(0)", IAE, "got 0", t -> new Pipe(t.loop, false).pendingInstances(0));
    row(rows, "Pipe.pendingCount of a closed pipe", ISE, "Pipe[closed] is closed", t -> t.closed(new Pipe(t.loop, true)).pendingCount());
    row(rows, "Pipe.write with a handle over a pipe that is not IPC", IAE, "Pipe[open] is not an IPC pipe",
        t -> new Pipe(t.loop, false).write(ByteBuffer.allocateDirect(1), new Tcp(t.loop), null));
    row(rows, "Pipe.write with a handle and no bytes", IAE, "lim=0",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocateDirect(0), new Tcp(t.loop), null));
    row(rows, "Pipe.write with a handle and a slice with nothing left", IAE, "lim=0",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocateDirect(4).position(4).slice(), new Tcp(t.loop), null));
    row(rows, "Pipe.write with a handle and a heap buffer", IAE, "HeapByteBuffer",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocate(1), new Tcp(t.loop), null));
    row(rows, "Pipe.write with a handle and null data", NPE, "data", t -> new Pipe(t.loop, true).write(null, new Tcp(t.loop), null));
    row(rows, "Pipe.write with a null handle", NPE, "handle",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocateDirect(1), null, null));
    row(rows, "Pipe.write with a handle of another loop", IAE, "belongs to another loop",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocateDirect(1), new Tcp(t.otherLoop()), null));
    row(rows, "Pipe.write passing the pipe itself", IAE, "cannot pass itself", t -> {
      Pipe pipe = new Pipe(t.loop, true);
      pipe.write(ByteBuffer.allocateDirect(1), pipe, null);
    });
    row(rows, "Pipe.write with a closed handle", ISE, "Tcp[closed] is closed",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocateDirect(1), t.closed(new Tcp(t.loop)), null));
  }

  // --- Tty and Poll, over a pseudo-terminal that no handle owns (POSIX) ------------------------------

  private static void tty(List<Case> rows) {
    if (OS.current() == OS.WINDOWS) return;
    row(rows, "Pipe.write passing a Tty", IAE, "only a Tcp or a Pipe can be passed",
        t -> new Pipe(t.loop, true).write(ByteBuffer.allocateDirect(1), new Tty(t.loop, t.terminal(false)), null));
    row(rows, "Tty.setMode(null)", NPE, "mode", t -> new Tty(t.loop, t.terminal(false)).setMode(null));
    row(rows, "Tty.setMode of a closed tty", ISE, "Tty[closed] is closed",
        t -> t.closed(new Tty(t.loop, t.terminal(false))).setMode(Tty.Mode.NORMAL));
    row(rows, "Tty.windowSize on another thread", ISE, OTHER_THREAD, t -> {
      Tty tty = new Tty(t.loop, t.terminal(false));
      t.onOtherThread(tty::windowSize);
    });
  }

  /** Linux only: epoll watches a pseudo-terminal, where kqueue may refuse one. */
  private static void poll(List<Case> rows) {
    if (OS.current() != OS.LINUX) return;
    row(rows, "Poll.start with unknown events 16", IAE, "16", t -> new Poll(t.loop, t.terminal(true)).start(16, (e, x) -> {}));
    row(rows, "Poll.start with events -1", IAE, "-1", t -> new Poll(t.loop, t.terminal(true)).start(-1, (e, x) -> {}));
    row(rows, "Poll.start(events, null)", NPE, "callback", t -> new Poll(t.loop, t.terminal(true)).start(Poll.READABLE, null));
    row(rows, "Poll.start of a closed handle", ISE, "Poll[closed] is closed",
        t -> t.closed(new Poll(t.loop, t.terminal(true))).start(Poll.READABLE, (e, x) -> {}));
    row(rows, "Poll.stop on another thread", ISE, OTHER_THREAD, t -> {
      Poll poll = new Poll(t.loop, t.terminal(true));
      t.onOtherThread(poll::stop);
    });
  }

  // --- Udp ------------------------------------------------------------------------------------

  private static void udp(List<Case> rows) {
    row(rows, "Udp.bind(null)", NPE, "address", t -> new Udp(t.loop).bind(null));
    row(rows, "Udp.bind(unresolved address)", IAE, "no-such-host.invalid", t -> new Udp(t.loop).bind(UNRESOLVED));
    row(rows, "Udp.bind unknown flags 2", IAE, "2", t -> new Udp(t.loop).bind(LOOPBACK, 2));
    row(rows, "Udp.bind to an address no interface has", UVE, "192.0.2.1:80", t -> new Udp(t.loop).bind(FOREIGN));
    row(rows, "Udp.connect(null)", NPE, "address", t -> new Udp(t.loop).connect(null));
    row(rows, "Udp.connect(unresolved address)", IAE, "no-such-host.invalid", t -> new Udp(t.loop).connect(UNRESOLVED));
    row(rows, "Udp.send(null, ...)", NPE, "data", t -> new Udp(t.loop).send(null, LOOPBACK));
    row(rows, "Udp.send to an unresolved address", IAE, "no-such-host.invalid",
        t -> new Udp(t.loop).send(ByteBuffer.allocate(1), UNRESOLVED, e -> {}));
    row(rows, "Udp.send of a closed handle", ISE, "Udp[closed] is closed",
        t -> t.closed(new Udp(t.loop)).send(ByteBuffer.allocate(1), LOOPBACK));
    row(rows, "Udp.trySend(null, ...)", NPE, "data", t -> new Udp(t.loop).trySend(null, LOOPBACK));
    row(rows, "Udp.trySend of a heap buffer", IAE, "HeapByteBuffer", t -> new Udp(t.loop).trySend(ByteBuffer.allocate(1), LOOPBACK));
    row(rows, "Udp.trySend to an unresolved address", IAE, "no-such-host.invalid",
        t -> new Udp(t.loop).trySend(ByteBuffer.allocateDirect(1), UNRESOLVED));
    row(rows, "Udp.recvStart(null)", NPE, "receiver", t -> new Udp(t.loop).recvStart(null));
    row(rows, "Udp.setTtl(0)", IAE, "got 0", t -> new Udp(t.loop).setTtl(0));
    row(rows, "Udp.setTtl(256)", IAE, "got 256", t -> new Udp(t.loop).setTtl(256));
    row(rows, "Udp.setMulticastTtl(-1)", IAE, "got -1", t -> new Udp(t.loop).setMulticastTtl(-1));
    row(rows, "Udp.setMulticastTtl(Integer.MAX_VALUE)", IAE, "2147483647", t -> new Udp(t.loop).setMulticastTtl(Integer.MAX_VALUE));
    row(rows, "Udp.setMembership(null group)", NPE, "group", t -> new Udp(t.loop).setMembership(null, null, true));
    row(rows, "Udp.setMembership of a group that is not an address", UVE, "not-an-address",
        t -> new Udp(t.loop).setMembership("not-an-address", null, true));
    row(rows, "Udp.setMembership on an interface that is not an address", UVE, "not-an-interface",
        t -> new Udp(t.loop).setMembership("239.1.2.3", "not-an-interface", true));
    row(rows, "Udp.setSourceMembership(group, iface, null source)", NPE, "source",
        t -> new Udp(t.loop).setSourceMembership("232.1.2.3", null, null, true));
    row(rows, "Udp.setSourceMembership of a source that is not an address", UVE, "not-a-source",
        t -> new Udp(t.loop).setSourceMembership("232.1.2.3", null, "not-a-source", true));
    row(rows, "Udp.setMulticastInterface(null)", NPE, "iface", t -> new Udp(t.loop).setMulticastInterface(null));
    row(rows, "Udp.setMulticastInterface of a name that is not an address", UVE, "not-an-interface",
        t -> new Udp(t.loop).setMulticastInterface("not-an-interface"));
    row(rows, "Udp.recvStop on another thread", ISE, OTHER_THREAD, t -> {
      Udp udp = new Udp(t.loop);
      t.onOtherThread(udp::recvStop);
    });
  }

  // --- FsEvent and FsPoll ------------------------------------------------------------------------

  private static void watchers(List<Case> rows) {
    row(rows, "FsEvent.start(null path)", NPE, "path", t -> new FsEvent(t.loop).start(null, 0, (f, e, x) -> {}));
    row(rows, "FsEvent.start with a NUL in the path", IAE, "a\\0b", t -> new FsEvent(t.loop).start("a\0b", 0, (f, e, x) -> {}));
    row(rows, "FsEvent.start with unknown flags 8", IAE, "8", t -> new FsEvent(t.loop).start(t.file(), 8, (f, e, x) -> {}));
    row(rows, "FsEvent.start(path, flags, null)", NPE, "listener", t -> new FsEvent(t.loop).start(t.file(), 0, null));
    row(rows, "FsEvent.start of a missing path", UVE, "missing", t -> new FsEvent(t.loop).start(t.missing(), 0, (f, e, x) -> {}));
    row(rows, "FsEvent.start while already watching", ISE, "already watching", t -> {
      FsEvent watcher = new FsEvent(t.loop);
      watcher.start(t.file(), 0, (f, e, x) -> {});
      watcher.start(t.file(), 0, (f, e, x) -> {});
    });
    row(rows, "FsEvent.start of a closed handle", ISE, "FsEvent[closed] is closed",
        t -> t.closed(new FsEvent(t.loop)).start(t.file(), 0, (f, e, x) -> {}));
    row(rows, "FsEvent.path on another thread", ISE, OTHER_THREAD, t -> {
      FsEvent watcher = new FsEvent(t.loop);
      t.onOtherThread(watcher::path);
    });
    row(rows, "FsPoll.start(null path)", NPE, "path", t -> new FsPoll(t.loop).start(null, 10, (a, b, e) -> {}));
    row(rows, "FsPoll.start with a NUL in the path", IAE, "a\\0b", t -> new FsPoll(t.loop).start("a\0b", 10, (a, b, e) -> {}));
    row(rows, "FsPoll.start interval 0", IAE, "got 0", t -> new FsPoll(t.loop).start(t.file(), 0, (a, b, e) -> {}));
    row(rows, "FsPoll.start interval Integer.MIN_VALUE", IAE, "-2147483648",
        t -> new FsPoll(t.loop).start(t.file(), Integer.MIN_VALUE, (a, b, e) -> {}));
    row(rows, "FsPoll.start(path, interval, null)", NPE, "listener", t -> new FsPoll(t.loop).start(t.file(), 10, null));
    row(rows, "FsPoll.start while already polling", ISE, "already polling", t -> {
      FsPoll poller = new FsPoll(t.loop);
      poller.start(t.file(), 10, (a, b, e) -> {});
      poller.start(t.file(), 10, (a, b, e) -> {});
    });
    row(rows, "FsPoll.stop of a closed handle", ISE, "FsPoll[closed] is closed", t -> t.closed(new FsPoll(t.loop)).stop());
  }

  // --- Fs: sync, callback and Promise forms ------------------------------------------------------

  private static void fs(List<Case> rows) {
    row(rows, "Fs.openSync(null)", NPE, "path", t -> Fs.openSync((String) null, Fs.O_RDONLY, 0));
    row(rows, "Fs.openSync with a NUL in the path", IAE, "a\\0b", t -> Fs.openSync("a\0b", Fs.O_RDONLY, 0));
    row(rows, "Fs.openSync mode -1", IAE, "got -1", t -> Fs.openSync(t.file(), Fs.O_RDONLY, -1));
    row(rows, "Fs.openSync mode 010000", IAE, "got 010000", t -> Fs.openSync(t.file(), Fs.O_RDONLY, 010000));
    row(rows, "Fs.openSync of a missing file", UVE, "missing", t -> Fs.openSync(t.missing(), Fs.O_RDONLY, 0));
    row(rows, "Fs.openSync of a path on another file system", IAE, "not on the default file system",
        t -> Fs.openSync(FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules"), Fs.O_RDONLY, 0));
    row(rows, "Fs.open(path, flags, mode, null)", NPE, "callback", t -> t.loop.fs().open(t.file(), Fs.O_RDONLY, 0, null));
    row(rows, "Fs.open promise with a NUL in the path", IAE, "a\\0b", t -> t.loop.fs().open("a\0b", Fs.O_RDONLY, 0));
    row(rows, "Fs.open on a closed loop", ISE, CLOSED_LOOP, t -> t.closedFs().open(t.file(), Fs.O_RDONLY, 0));
    row(rows, "Fs.open on another thread", ISE, OTHER_THREAD, t -> {
      Fs fs = t.loop.fs();
      t.onOtherThread(() -> fs.open(t.file(), Fs.O_RDONLY, 0));
    });
    row(rows, "Cancelable.cancel of an fs operation on another thread", ISE, OTHER_THREAD, t -> {
      Cancelable stat = t.loop.fs().stat(t.file(), (v, e) -> {});
      t.onOtherThread(stat::cancel);
    });
    row(rows, "Fs.stat while the loop closes", ISE, CLOSING_LOOP, t -> t.duringTeardown(() -> t.loop.fs().stat(t.file())));

    row(rows, "Fs.readSync fd -1", IAE, "got -1", t -> Fs.readSync(-1, ByteBuffer.allocate(1), -1));
    row(rows, "Fs.readSync fd Integer.MAX_VALUE", UVE, "EBADF", t -> Fs.readSync(Integer.MAX_VALUE, ByteBuffer.allocate(1), -1));
    row(rows, "Fs.readSync((ByteBuffer) null)", NPE, "buffer", t -> Fs.readSync(0, (ByteBuffer) null, -1));
    row(rows, "Fs.readSync(no buffers)", IAE, "got 0", t -> Fs.readSync(0, new ByteBuffer[0], -1));
    row(rows, "Fs.readSync(65 buffers)", IAE, "got 65", t -> Fs.readSync(0, buffers(65), -1));
    row(rows, "Fs.readSync with a null buffer among others", NPE, "buffers[1]",
        t -> Fs.readSync(0, new ByteBuffer[] {ByteBuffer.allocate(1), null}, -1));
    row(rows, "Fs.readSync into a read-only heap buffer", IAE, "read-only",
        t -> Fs.readSync(t.openFile(), ByteBuffer.allocate(4).asReadOnlyBuffer(), 0));
    row(rows, "Fs.readSync into a read-only direct slice", IAE, "read-only",
        t -> Fs.readSync(t.openFile(), ByteBuffer.allocateDirect(8).position(2).slice().asReadOnlyBuffer(), 0));
    row(rows, "Fs.readSync position -2", IAE, "got -2", t -> Fs.readSync(0, ByteBuffer.allocate(1), -2));
    row(rows, "Fs.readSync position Long.MIN_VALUE", IAE, "-9223372036854775808",
        t -> Fs.readSync(0, ByteBuffer.allocate(1), Long.MIN_VALUE));
    row(rows, "Fs.readSync position Long.MAX_VALUE", IAE, "position 9223372036854775807 plus 1 bytes",
        t -> Fs.readSync(t.openFile(), ByteBuffer.allocate(1), Long.MAX_VALUE));
    row(rows, "Fs.write promise form ending past 2^63-1", IAE, "position 9223372036854775805 plus 4 bytes",
        t -> t.loop.fs().write(t.openFile(), ByteBuffer.allocateDirect(4), Long.MAX_VALUE - 2));
    row(rows, "Fs.read callback form into a read-only buffer", IAE, "read-only",
        t -> t.loop.fs().read(0, ByteBuffer.allocate(1).asReadOnlyBuffer(), -1, (n, e) -> {}));
    row(rows, "Fs.read promise form fd -1", IAE, "got -1", t -> t.loop.fs().read(-1, ByteBuffer.allocate(1), -1));
    row(rows, "Fs.writeSync fd -1", IAE, "got -1", t -> Fs.writeSync(-1, ByteBuffer.allocate(1), -1));
    row(rows, "Fs.writeSync((ByteBuffer[]) null)", NPE, "buffers", t -> Fs.writeSync(0, (ByteBuffer[]) null, -1));
    row(rows, "Fs.writeSync position -5", IAE, "got -5", t -> Fs.writeSync(0, ByteBuffer.allocate(1), -5));
    row(rows, "Fs.write promise form with 65 buffers", IAE, "got 65", t -> t.loop.fs().write(0, buffers(65), -1));
    row(rows, "Fs.write callback form(null callback)", NPE, "callback",
        t -> t.loop.fs().write(t.openFile(), ByteBuffer.allocate(1), 0, null));

    row(rows, "Fs.unlinkSync with a NUL in the path", IAE, "a\\0b", t -> Fs.unlinkSync("a\0b"));
    row(rows, "Fs.unlink promise form(null)", NPE, "path", t -> t.loop.fs().unlink((String) null));
    row(rows, "Fs.unlinkSync of a missing file", UVE, "missing", t -> Fs.unlinkSync(t.missing()));
    row(rows, "Fs.mkdirSync mode -1", IAE, "got -1", t -> Fs.mkdirSync(t.child("d"), -1));
    row(rows, "Fs.mkdirSync mode Integer.MAX_VALUE", IAE, "got 017777777777", t -> Fs.mkdirSync(t.child("d"), Integer.MAX_VALUE));
    row(rows, "Fs.mkdir callback form mode 010000", IAE, "got 010000", t -> t.loop.fs().mkdir(t.child("d"), 010000, (v, e) -> {}));
    row(rows, "Fs.mkdtempSync with a NUL in the template", IAE, "template contains a NUL", t -> Fs.mkdtempSync("x\0XXXXXX"));
    row(rows, "Fs.mkstempSync(null)", NPE, "template", t -> Fs.mkstempSync((String) null));
    row(rows, "Fs.mkstemp promise form with a NUL", IAE, "template contains a NUL", t -> t.loop.fs().mkstemp("x\0XXXXXX"));
    row(rows, "Fs.rmdirSync with a NUL in the path", IAE, "a\\0b", t -> Fs.rmdirSync("a\0b"));
    row(rows, "Fs.opendirSync with a NUL in the path", IAE, "a\\0b", t -> Fs.opendirSync("a\0b"));
    row(rows, "Fs.opendirSync of a missing directory", UVE, "missing", t -> Fs.opendirSync(t.missing()));
    row(rows, "Fs.readdirSync(null)", NPE, "dir", t -> Fs.readdirSync(null, 1));
    row(rows, "Fs.readdirSync entries 0", IAE, "got 0", t -> Fs.readdirSync(t.openDir(), 0));
    row(rows, "Fs.readdirSync entries -1", IAE, "got -1", t -> Fs.readdirSync(t.openDir(), -1));
    row(rows, "Fs.readdirSync of a closed directory", ISE, "is closed", t -> {
      Dir closed = Fs.opendirSync(t.dir.toString());
      Fs.closedirSync(closed);
      Fs.readdirSync(closed, 1);
    });
    row(rows, "Fs.closedirSync of a closed directory", ISE, "is closed", t -> {
      Dir closed = Fs.opendirSync(t.dir.toString());
      Fs.closedirSync(closed);
      Fs.closedirSync(closed);
    });
    row(rows, "Fs.readdir promise form entries 0", IAE, "got 0", t -> t.loop.fs().readdir(t.openDir(), 0));
    row(rows, "Fs.scandirSync with a NUL in the path", IAE, "a\\0b", t -> Fs.scandirSync("a\0b"));
    row(rows, "Fs.scandir callback form(null callback)", NPE, "callback", t -> t.loop.fs().scandir(t.dir.toString(), null));
    row(rows, "Fs.statSync with a NUL in the path", IAE, "a\\0b", t -> Fs.statSync("a\0b"));
    row(rows, "Fs.statSync of a missing path", UVE, "missing", t -> Fs.statSync(t.missing()));
    row(rows, "Fs.fstatSync fd -1", IAE, "got -1", t -> Fs.fstatSync(-1));
    row(rows, "Fs.lstatSync(null)", NPE, "path", t -> Fs.lstatSync((String) null));
    row(rows, "Fs.statfsSync with a NUL in the path", IAE, "a\\0b", t -> Fs.statfsSync("a\0b"));
    row(rows, "Fs.renameSync(path, null)", NPE, "dest", t -> Fs.renameSync(t.file(), (String) null));
    row(rows, "Fs.renameSync with a NUL in the destination", IAE, "dest contains a NUL", t -> Fs.renameSync(t.file(), "a\0b"));
    row(rows, "Fs.renameSync of a missing path", UVE, "missing", t -> Fs.renameSync(t.missing(), t.child("to")));
    row(rows, "Fs.fsyncSync fd -1", IAE, "got -1", t -> Fs.fsyncSync(-1));
    row(rows, "Fs.fdatasyncSync fd Integer.MIN_VALUE", IAE, "-2147483648", t -> Fs.fdatasyncSync(Integer.MIN_VALUE));
    row(rows, "Fs.ftruncateSync fd -1", IAE, "got -1", t -> Fs.ftruncateSync(-1, 0));
    row(rows, "Fs.ftruncateSync length -1", IAE, "got -1", t -> Fs.ftruncateSync(0, -1));
    row(rows, "Fs.copyfileSync unknown flags 8", IAE, "8", t -> Fs.copyfileSync(t.file(), t.child("copy"), 8));
    row(rows, "Fs.copyfileSync with a NUL in the destination", IAE, "dest contains a NUL", t -> Fs.copyfileSync(t.file(), "a\0b", 0));
    row(rows, "Fs.sendfileSync out -1", IAE, "got -1", t -> Fs.sendfileSync(-1, 0, 0, 1));
    row(rows, "Fs.sendfileSync in -1", IAE, "got -1", t -> Fs.sendfileSync(1, -1, 0, 1));
    row(rows, "Fs.sendfileSync offset -1", IAE, "got -1", t -> Fs.sendfileSync(1, 0, -1, 1));
    row(rows, "Fs.sendfileSync length Long.MIN_VALUE", IAE, "-9223372036854775808", t -> Fs.sendfileSync(1, 0, 0, Long.MIN_VALUE));
    row(rows, "Fs.accessSync mode 8", IAE, "8", t -> Fs.accessSync(t.file(), 8));
    row(rows, "Fs.accessSync mode -1", IAE, "-1", t -> Fs.accessSync(t.file(), -1));
    row(rows, "Fs.chmodSync mode -1", IAE, "got -1", t -> Fs.chmodSync(t.file(), -1));
    row(rows, "Fs.fchmodSync fd -1", IAE, "got -1", t -> Fs.fchmodSync(-1, 0644));
    row(rows, "Fs.fchmodSync mode 010000", IAE, "got 010000", t -> Fs.fchmodSync(0, 010000));
    row(rows, "Fs.chmod promise form with a NUL", IAE, "a\\0b", t -> t.loop.fs().chmod("a\0b", 0644));
    row(rows, "Fs.utimeSync atime NaN", IAE, "NaN", t -> Fs.utimeSync(t.file(), Double.NaN, 0));
    row(rows, "Fs.utimeSync mtime +Infinity", IAE, "Infinity", t -> Fs.utimeSync(t.file(), 0, Double.POSITIVE_INFINITY));
    row(rows, "Fs.utimeSync atime -Infinity", IAE, "-Infinity", t -> Fs.utimeSync(t.file(), Double.NEGATIVE_INFINITY, 0));
    row(rows, "Fs.utimeSync mtime 1e300", IAE, "1.0E300", t -> Fs.utimeSync(t.file(), 0, 1e300));
    row(rows, "Fs.utime promise form atime NaN", IAE, "NaN", t -> t.loop.fs().utime(t.file(), Double.NaN, 0));
    row(rows, "Fs.futimeSync mtime NaN", IAE, "NaN", t -> Fs.futimeSync(t.openFile(), 0, Double.NaN));
    row(rows, "Fs.futime callback form atime -1e19", IAE, "-1.0E19", t -> t.loop.fs().futime(0, -1e19, 0, (v, e) -> {}));
    row(rows, "Fs.lutimeSync atime +Infinity", IAE, "Infinity", t -> Fs.lutimeSync(t.file(), Double.POSITIVE_INFINITY, 0));
    row(rows, "Fs.utimeSync with a NUL in the path", IAE, "a\\0b", t -> Fs.utimeSync("a\0b", 0, 0));
    row(rows, "Fs.linkSync with a NUL in the path", IAE, "a\\0b", t -> Fs.linkSync("a\0b", t.child("link")));
    row(rows, "Fs.symlinkSync unknown flags 4", IAE, "4", t -> Fs.symlinkSync(t.file(), t.child("link"), 4));
    row(rows, "Fs.readlinkSync with a NUL in the path", IAE, "a\\0b", t -> Fs.readlinkSync("a\0b"));
    row(rows, "Fs.readlinkSync of a file that is no link", UVE, "present'", t -> Fs.readlinkSync(t.file()));
    row(rows, "Fs.realpathSync(null)", NPE, "path", t -> Fs.realpathSync((String) null));
    row(rows, "Fs.chownSync with a NUL in the path", IAE, "a\\0b", t -> Fs.chownSync("a\0b", -1, -1));
    row(rows, "Fs.fchownSync fd -1", IAE, "got -1", t -> Fs.fchownSync(-1, -1, -1));
    row(rows, "Fs.lchownSync(null)", NPE, "path", t -> Fs.lchownSync((String) null, -1, -1));
  }

  // --- Fs whole-file and whole-tree operations ---------------------------------------------------

  private static void fsWholeFiles(List<Case> rows) {
    row(rows, "Fs.readFileSync(null)", NPE, "path", t -> Fs.readFileSync((String) null));
    row(rows, "Fs.readFileSync with a NUL in the path", IAE, "a\\0b", t -> Fs.readFileSync("a\0b"));
    row(rows, "Fs.readFileSync of a missing file", UVE, "missing", t -> Fs.readFileSync(t.missing()));
    row(rows, "Fs.readFileStringSync(path, null)", NPE, "charset", t -> Fs.readFileStringSync(t.file(), null));
    row(rows, "Fs.readFile(path, null callback)", NPE, "callback", t -> t.loop.fs().readFile(t.file(), null));
    row(rows, "Fs.readFile promise form with a NUL", IAE, "a\\0b", t -> t.loop.fs().readFile("a\0b"));
    row(rows, "Fs.readFile on a closed loop", ISE, CLOSED_LOOP, t -> t.closedFs().readFile(t.file()));
    row(rows, "Cancelable.cancel of a readFile on another thread", ISE, OTHER_THREAD, t -> {
      Cancelable read = t.loop.fs().readFile(t.file(), (v, e) -> {});
      t.onOtherThread(read::cancel);
    });
    row(rows, "Fs.readFileString(path, null charset)", NPE, "charset", t -> t.loop.fs().readFileString(t.file(), null));
    row(rows, "Fs.writeFileSync(path, null bytes)", NPE, "data", t -> Fs.writeFileSync(t.file(), (byte[]) null));
    row(rows, "Fs.writeFileSync with a NUL in the path", IAE, "a\\0b", t -> Fs.writeFileSync("a\0b", new byte[1]));
    row(rows, "Fs.writeFileSync(path, text, null charset)", NPE, "charset", t -> Fs.writeFileSync(t.file(), "x", null));
    row(rows, "Fs.writeFile promise form with a NUL", IAE, "a\\0b", t -> t.loop.fs().writeFile("a\0b", new byte[1]));
    row(rows, "Fs.writeFile on another thread", ISE, OTHER_THREAD, t -> {
      Fs fs = t.loop.fs();
      t.onOtherThread(() -> fs.writeFile(t.file(), new byte[1]));
    });
    row(rows, "Fs.appendFileSync(null)", NPE, "path", t -> Fs.appendFileSync((String) null, new byte[1]));
    row(rows, "Fs.appendFile callback form(null data)", NPE, "data", t -> t.loop.fs().appendFile(t.file(), (byte[]) null, (v, e) -> {}));
    row(rows, "Fs.mkdirRecursiveSync mode -1", IAE, "got -1", t -> Fs.mkdirRecursiveSync(t.child("a/b"), -1));
    row(rows, "Fs.mkdirRecursiveSync with a NUL in the path", IAE, "a\\0b", t -> Fs.mkdirRecursiveSync("a\0b", 0755));
    row(rows, "Fs.mkdirRecursive promise form mode 010000", IAE, "got 010000", t -> t.loop.fs().mkdirRecursive(t.child("a"), 010000));
    row(rows, "Fs.rmRecursiveSync with a NUL in the path", IAE, "a\\0b", t -> Fs.rmRecursiveSync("a\0b"));
    row(rows, "Fs.rmRecursiveSync of a missing path", UVE, "missing", t -> Fs.rmRecursiveSync(t.missing()));
    row(rows, "Fs.rmRecursive while the loop closes", ISE, CLOSING_LOOP, t -> t.duringTeardown(() -> t.loop.fs().rmRecursive(t.missing())));
  }

  // --- Dns ------------------------------------------------------------------------------------

  private static void dns(List<Case> rows) {
    row(rows, "Dns.getAddrInfo(null loop)", NPE, "loop", t -> Dns.getAddrInfo(null, "localhost", null, Dns.Hints.DEFAULT));
    row(rows, "Dns.getAddrInfo(null hints)", NPE, "hints", t -> Dns.getAddrInfo(t.loop, "localhost", null, null));
    row(rows, "Dns.getAddrInfo(null host, null service)", IAE, "host and service are both null",
        t -> Dns.getAddrInfo(t.loop, null, null, Dns.Hints.DEFAULT));
    row(rows, "Dns.getAddrInfo with a NUL in the host", IAE, "local\\0host",
        t -> Dns.getAddrInfo(t.loop, "local\0host", null, Dns.Hints.DEFAULT));
    row(rows, "Dns.getAddrInfo with a NUL in the service", IAE, "80\\0",
        t -> Dns.getAddrInfo(t.loop, null, "80\0", Dns.Hints.DEFAULT));
    row(rows, "Dns.getAddrInfo(..., null callback)", NPE, "callback",
        t -> Dns.getAddrInfo(t.loop, "localhost", null, Dns.Hints.DEFAULT, null));
    row(rows, "Dns.getAddrInfo on a closed loop", ISE, CLOSED_LOOP,
        t -> Dns.getAddrInfo(t.closedLoop(), "localhost", null, Dns.Hints.DEFAULT, (a, e) -> {}));
    row(rows, "Dns.getAddrInfo on another thread", ISE, OTHER_THREAD,
        t -> t.onOtherThread(() -> Dns.getAddrInfo(t.loop, "localhost", null, Dns.Hints.DEFAULT, (a, e) -> {})));
    row(rows, "Cancelable.cancel of a lookup on another thread", ISE, OTHER_THREAD, t -> {
      Cancelable lookup = Dns.getAddrInfo(t.loop, "localhost", null, Dns.Hints.DEFAULT, (a, e) -> {});
      t.onOtherThread(lookup::cancel);
    });
    row(rows, "Dns.Hints family 5", IAE, "got 5", t -> new Dns.Hints(5, Dns.SocketType.ANY, 0, 0));
    row(rows, "Dns.Hints.family(-4)", IAE, "got -4", t -> Dns.Hints.family(-4));
    row(rows, "Dns.Hints(null socket type)", NPE, "socketType", t -> new Dns.Hints(0, null, 0, 0));
    row(rows, "Dns.Hints protocol -1", IAE, "got -1", t -> new Dns.Hints(0, Dns.SocketType.ANY, -1, 0));
    row(rows, "Dns.Hints flags Integer.MIN_VALUE", IAE, "-2147483648",
        t -> new Dns.Hints(0, Dns.SocketType.ANY, 0, Integer.MIN_VALUE));
    row(rows, "Dns.getNameInfo(null address)", NPE, "address", t -> Dns.getNameInfo(t.loop, null, 0));
    row(rows, "Dns.getNameInfo(unresolved address)", IAE, "no-such-host.invalid", t -> Dns.getNameInfo(t.loop, UNRESOLVED, 0));
    row(rows, "Dns.getNameInfo flags -1", IAE, "got -1", t -> Dns.getNameInfo(t.loop, LOOPBACK, -1));
    row(rows, "Dns.getNameInfo(..., null callback)", NPE, "callback", t -> Dns.getNameInfo(t.loop, LOOPBACK, 0, null));
  }

  // --- Promise --------------------------------------------------------------------------------

  private static void promises(List<Case> rows) {
    row(rows, "Promise.resolve(null loop, value)", NPE, "loop", t -> Promise.resolve(null, 1));
    row(rows, "Promise.reject(loop, null)", NPE, "reason", t -> Promise.reject(t.loop, null));
    row(rows, "Promise.from(loop, null)", NPE, "stage", t -> Promise.from(t.loop, null));
    row(rows, "Promise.resolve on a closed loop", ISE, CLOSED_LOOP, t -> Promise.resolve(t.closedLoop(), 1));
    row(rows, "Promise.from on another thread", ISE, OTHER_THREAD,
        t -> t.onOtherThread(() -> Promise.from(t.loop, new CompletableFuture<Integer>())));
    row(rows, "Promise.then(null)", NPE, "onFulfilled", t -> Promise.resolve(t.loop, 1).then(null));
    row(rows, "Promise.then(handler, null)", NPE, "onRejected", t -> Promise.resolve(t.loop, 1).then(v -> v, null));
    row(rows, "Promise.thenAccept(null)", NPE, "action", t -> Promise.resolve(t.loop, 1).thenAccept(null));
    row(rows, "Promise.thenCompose(null)", NPE, "fn", t -> Promise.resolve(t.loop, 1).thenCompose(null));
    row(rows, "Promise.catchError(null)", NPE, "onRejected", t -> Promise.resolve(t.loop, 1).catchError(null));
    row(rows, "Promise.finallyDo(null)", NPE, "action", t -> Promise.resolve(t.loop, 1).finallyDo(null));
    row(rows, "Promise.then on another thread", ISE, OTHER_THREAD, t -> {
      Promise<Integer> promise = Promise.resolve(t.loop, 1);
      t.onOtherThread(() -> promise.then(v -> v));
    });
    row(rows, "Promise.then once its loop is closed", ISE, CLOSED_LOOP, t -> t.resolverOfClosedLoop().promise().then(v -> v));
    row(rows, "Promise.finallyDo once its loop is closed", ISE, CLOSED_LOOP,
        t -> t.resolverOfClosedLoop().promise().finallyDo(NOTHING));
    row(rows, "Promise.Resolver.resolve once its loop is closed", ISE, CLOSED_LOOP, t -> t.resolverOfClosedLoop().resolve(1));
    row(rows, "Promise.Resolver.reject once its loop is closed", ISE, CLOSED_LOOP,
        t -> t.resolverOfClosedLoop().reject(new Exception("late")));
    row(rows, "Promise.Resolver.adopt once its loop is closed", ISE, CLOSED_LOOP, t -> {
      Loop closed = Loop.create();
      Promise.Resolver<Integer> resolver = closed.promise();
      Promise<Integer> other = Promise.resolve(closed, 1);
      closed.close();
      resolver.adopt(other);
    });
    row(rows, "Promise.value of a pending promise", ISE, "Promise[pending] is not fulfilled",
        t -> t.loop.<Integer>promise().promise().value());
    row(rows, "Promise.reason of a fulfilled promise", ISE, "Promise[fulfilled: 1] is not rejected",
        t -> Promise.resolve(t.loop, 1).reason());
    row(rows, "Promise.Settled.value of a rejection", ISE, "rejected: java.lang.Exception: nope", t -> {
      Promise<List<Promise.Settled<Object>>> all =
          Promise.allSettled(t.loop, List.of(Promise.reject(t.loop, new Exception("nope"))));
      t.loop.run();
      all.value().get(0).value();
    });
    row(rows, "Promise.Resolver.resolve on another thread", ISE, OTHER_THREAD, t -> {
      Promise.Resolver<Integer> resolver = t.loop.promise();
      t.onOtherThread(() -> resolver.resolve(1));
    });
    row(rows, "Promise.Resolver.reject(null)", NPE, "reason", t -> t.loop.promise().reject(null));
    row(rows, "Promise.Resolver.adopt(null)", NPE, "other", t -> t.loop.<Integer>promise().adopt(null));
    row(rows, "Promise.Resolver.adopt of its own promise", IAE, "cannot adopt itself", t -> {
      Promise.Resolver<Integer> resolver = t.loop.promise();
      resolver.adopt(resolver.promise());
    });
    row(rows, "Promise.Resolver.adopt of another loop's promise", IAE, "belongs to another loop",
        t -> t.loop.<Integer>promise().adopt(Promise.resolve(t.otherLoop(), 1)));
    row(rows, "Promise.all(loop, null)", NPE, "promises", t -> Promise.all(t.loop, null));
    row(rows, "Promise.all with a null element", NPE, "promises[1]",
        t -> Promise.all(t.loop, Arrays.asList(Promise.resolve(t.loop, 1), null)));
    row(rows, "Promise.race with another loop's promise", IAE, "promises[0] belongs to another loop",
        t -> Promise.race(t.loop, List.of(Promise.resolve(t.otherLoop(), 1))));
    row(rows, "Promise.any(null loop)", NPE, "loop", t -> Promise.any(null, List.of()));
    row(rows, "Promise.allSettled on a closed loop", ISE, CLOSED_LOOP, t -> Promise.allSettled(t.closedLoop(), List.of()));
  }

  // --- Timeout and Immediate (setTimeout and friends) ------------------------------------------

  private static void timersAndImmediates(List<Case> rows) {
    row(rows, "Loop.setTimeout(null)", NPE, "callback", t -> t.loop.setTimeout(null, 1));
    row(rows, "Loop.setInterval(null)", NPE, "callback", t -> t.loop.setInterval(null, 1));
    row(rows, "Loop.setImmediate(null)", NPE, "callback", t -> t.loop.setImmediate(null));
    row(rows, "Loop.setTimeout on a closed loop", ISE, CLOSED_LOOP, t -> t.closedLoop().setTimeout(NOTHING, 1));
    row(rows, "Loop.setImmediate while the loop closes", ISE, CLOSING_LOOP, t -> t.duringTeardown(() -> t.loop.setImmediate(NOTHING)));
    row(rows, "Loop.setInterval on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> t.loop.setInterval(NOTHING, 1)));
    row(rows, "Loop.clearTimeout on another thread", ISE, OTHER_THREAD, t -> {
      Timeout timeout = t.loop.setTimeout(NOTHING, 1);
      t.onOtherThread(() -> t.loop.clearTimeout(timeout));
    });
    row(rows, "Loop.clearImmediate on another thread", ISE, OTHER_THREAD, t -> {
      Immediate immediate = t.loop.setImmediate(NOTHING);
      t.onOtherThread(() -> t.loop.clearImmediate(immediate));
    });
    row(rows, "Timeout.refresh once its loop is closed", ISE, CLOSED_LOOP, t -> {
      Loop other = Loop.create();
      Timeout timeout = other.setTimeout(NOTHING, 1);
      other.close();
      timeout.refresh();
    });
    row(rows, "Timeout.refresh while the loop closes", ISE, CLOSING_LOOP, t -> {
      Timeout timeout = t.loop.setTimeout(NOTHING, 1);
      t.duringTeardown(timeout::refresh);
    });
    row(rows, "Timeout.unref once its loop is closed", ISE, CLOSED_LOOP, t -> {
      Loop other = Loop.create();
      Timeout timeout = other.setInterval(NOTHING, 1);
      other.close();
      timeout.unref();
    });
    row(rows, "Timeout.ref while the loop closes", ISE, CLOSING_LOOP, t -> {
      Timeout timeout = t.loop.setInterval(NOTHING, 1).unref();
      t.duringTeardown(timeout::ref);
    });
    row(rows, "Immediate.unref once its loop is closed", ISE, CLOSED_LOOP, t -> {
      Loop other = Loop.create();
      Immediate immediate = other.setImmediate(NOTHING);
      other.close();
      immediate.unref();
    });
    row(rows, "Immediate.ref while the loop closes", ISE, CLOSING_LOOP, t -> {
      Immediate immediate = t.loop.setImmediate(NOTHING).unref();
      t.duringTeardown(immediate::ref);
    });
    row(rows, "Timeout.close on another thread", ISE, OTHER_THREAD, t -> {
      Timeout timeout = t.loop.setTimeout(NOTHING, 1);
      t.onOtherThread(timeout::close);
    });
    row(rows, "Timeout.unref on another thread", ISE, OTHER_THREAD, t -> {
      Timeout timeout = t.loop.setInterval(NOTHING, 1);
      t.onOtherThread(timeout::unref);
    });
    row(rows, "Immediate.ref on another thread", ISE, OTHER_THREAD, t -> {
      Immediate immediate = t.loop.setImmediate(NOTHING);
      t.onOtherThread(immediate::ref);
    });
    row(rows, "Immediate.hasRef on another thread", ISE, OTHER_THREAD, t -> {
      Immediate immediate = t.loop.setImmediate(NOTHING);
      t.onOtherThread(immediate::hasRef);
    });
  }

  // --- Uv, UvException, UvError -------------------------------------------------------------

  private static void uv(List<Case> rows) {
    row(rows, "Uv.randomSync(-1)", IAE, "got -1", t -> Uv.randomSync(-1));
    row(rows, "Uv.randomSync(Integer.MAX_VALUE), more than an array holds", IAE, "2147483647",
        t -> Uv.randomSync(Integer.MAX_VALUE));
    row(rows, "Uv.random(null loop, 1)", NPE, "loop", t -> Uv.random(null, 1));
    row(rows, "Uv.random(loop, Integer.MIN_VALUE)", IAE, "-2147483648", t -> Uv.random(t.loop, Integer.MIN_VALUE));
    row(rows, "Uv.random(loop, Integer.MAX_VALUE)", IAE, "2147483647", t -> Uv.random(t.loop, Integer.MAX_VALUE));
    row(rows, "Uv.random on a closed loop", ISE, CLOSED_LOOP, t -> Uv.random(t.closedLoop(), 1));
    row(rows, "Uv.random on another thread", ISE, OTHER_THREAD, t -> t.onOtherThread(() -> Uv.random(t.loop, 1)));
    row(rows, "new UvException(0, syscall)", IAE, "0", t -> new UvException(0, "open"));
    row(rows, "new UvException(Integer.MAX_VALUE, ...)", IAE, "2147483647", t -> new UvException(Integer.MAX_VALUE, "open", "/x", null));
    row(rows, "UvError.valueOf of an unknown name", IAE, "ENOPE", t -> UvError.valueOf("ENOPE"));
  }

  // --- fixtures -------------------------------------------------------------------------------

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static ByteBuffer[] buffers(int count) {
    ByteBuffer[] buffers = new ByteBuffer[count];
    for (int i = 0; i < count; i++) buffers[i] = ByteBuffer.allocate(1);
    return buffers;
  }

  /** An existing file, "present", in the test's directory. */
  private String file() throws Exception {
    Path file = dir.resolve("present");
    if (!Files.exists(file)) Files.write(file, "data".getBytes(UTF_8));
    return file.toString();
  }

  /** A path in the test's directory that does not exist. */
  private String missing() {
    return dir.resolve("missing").toString();
  }

  private String child(String name) {
    return dir.resolve(name).toString();
  }

  /** The file's descriptor, open for reading and writing until the test ends. */
  private int openFile() throws Exception {
    int fd = Fs.openSync(file(), Fs.O_RDWR, 0);
    descriptors.add(fd);
    return fd;
  }

  /** The test's directory, opened as a {@link Dir} until the test ends. */
  private Dir openDir() throws UvException {
    Dir opened = Fs.opendirSync(dir.toString());
    dirs.add(opened);
    return opened;
  }

  /**
   * A new pseudo-terminal's master side: a terminal no uv4j handle owns. With {@code keep} the
   * test closes it at the end; without, the handle given it closes it.
   */
  private int terminal(boolean keep) throws UvException {
    int fd = Fs.openSync("/dev/ptmx", Fs.O_RDWR | Fs.O_NOCTTY, 0);
    if (keep) descriptors.add(fd);
    return fd;
  }

  /** A loop of this thread that is already closed. */
  private Loop closedLoop() throws UvException {
    Loop closed = Loop.create();
    closed.close();
    return closed;
  }

  /** The resolver of a promise still pending when its loop closed. */
  private Promise.Resolver<Integer> resolverOfClosedLoop() throws UvException {
    Loop closed = Loop.create();
    Promise.Resolver<Integer> resolver = closed.promise();
    closed.close();
    return resolver;
  }

  /** The fs operations of a loop that is already closed. */
  private Fs closedFs() throws UvException {
    Loop closed = Loop.create();
    Fs fs = closed.fs();
    closed.close();
    return fs;
  }

  /** A second loop of this thread, closed when the test ends. */
  private Loop otherLoop() throws UvException {
    if (otherLoop == null) otherLoop = Loop.create();
    return otherLoop;
  }

  private <H extends Handle> H closed(H handle) {
    handle.close();
    return handle;
  }

  private void immediate(Runnable callback) {
    loop.setImmediate(callback);
  }

  /** Runs {@code call} on another thread and throws what it threw there. */
  private void onOtherThread(OtherThread.Call call) throws Throwable {
    Throwable thrown = OtherThread.thrownBy(call);
    if (thrown != null) throw thrown;
  }

  /** Runs the loop until {@code body} has run as the callback {@code arm} registers; throws what it threw. */
  private void fromCallback(Arm arm, OtherThread.Call body) throws Throwable {
    fromCallback(arm, body, () -> loop.run());
  }

  /** Runs the loop to completion with {@code body} in an exit listener; throws what it threw. */
  private void fromExitListener(OtherThread.Call body) throws Throwable {
    fromCallback(callback -> loop.onExit(code -> callback.run()), body, () -> loop.runToCompletion());
  }

  /** Runs the loop to completion with {@code body} in a before-exit listener; throws what it threw. */
  private void fromBeforeExitListener(OtherThread.Call body) throws Throwable {
    fromCallback(callback -> loop.onBeforeExit(code -> callback.run()), body, () -> loop.runToCompletion());
  }

  private void fromCallback(Arm arm, OtherThread.Call body, Runnable runLoop) throws Throwable {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    arm.arm(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    runLoop.run();
    if (thrown.get() != null) throw thrown.get();
  }

  /** Closes the loop with {@code body} run by a close callback during the teardown; throws what it threw. */
  private void duringTeardown(OtherThread.Call body) throws Throwable {
    fromCallback(callback -> new Timer(loop).close(callback), body, loop::close);
  }
}
