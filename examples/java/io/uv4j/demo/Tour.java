package io.uv4j.demo;

import io.uv4j.ChildProcess;
import io.uv4j.ChromeTraceWriter;
import io.uv4j.Dns;
import io.uv4j.Fs;
import io.uv4j.Loop;
import io.uv4j.LoopTracer;
import io.uv4j.LoopTracer.Phase;
import io.uv4j.Pipe;
import io.uv4j.Promise;
import io.uv4j.SpawnOptions;
import io.uv4j.Stdio;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.Uv;
import io.uv4j.UvException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * The event-loop tour: a main script on the loop thread starts a file read, a TCP request to
 * its own echo server, a DNS lookup, a timer and a SHA-256 on the thread pool, then runs the
 * loop. A {@link Recording} tracer notes every phase, callback, drain and pool job, so each
 * operation is reported with the mechanism libuv used, the thread that did the work, when its
 * completion ran and in which phase and iteration; {@code --svg FILE} draws the same run, and
 * {@code --trace FILE} writes it as Chrome trace-event JSON for Perfetto or {@code chrome://tracing}.
 */
public final class Tour {
  /** How much the file read and the hash work on. */
  record Sizes(int fileBytes, int hashBytes) {}

  private static final Sizes TOUR = new Sizes(4 << 20, 32 << 20);
  private static final Sizes WARM_UP = new Sizes(64 << 10, 1 << 20);
  private static final int HASH_CHUNK = 1 << 20;
  private static final long TIMER_MS = 25;
  private static final byte[] MESSAGE =
      "GET /through-the-kernel-and-back".getBytes(StandardCharsets.US_ASCII);
  private static final String POOL_C = "libuv pool thread (C)";

  /** How libuv carries an operation out. */
  enum Mechanism {
    BACKEND,
    POOL,
    TIMER,
    PROCESS
  }

  /** One request an operation made: when the script issued it and the callback it came back in. */
  static final class Step {
    final String what;
    final double issued;
    Recording.CallbackRun completion;

    Step(String what, double issued) {
      this.what = what;
      this.issued = issued;
    }
  }

  /** One operation of the tour and what the trace says of it. */
  static final class Operation {
    final String name;
    final Mechanism mechanism;
    final String how;
    /** The SVG lane its waits go on; null when the pool work itself is drawn. */
    final String lane;
    final boolean viaPromise;
    final List<Step> steps = new ArrayList<>();
    String worker;
    String result;
    Recording.CallbackRun completion;
    double tickAt = Double.NaN;
    double reactionAt = Double.NaN;

    Operation(String name, Mechanism mechanism, String how, String lane, boolean viaPromise) {
      this.name = name;
      this.mechanism = mechanism;
      this.how = how;
      this.lane = lane;
      this.viaPromise = viaPromise;
    }
  }

  private final PrintStream out;
  private final Loop loop;
  private final Recording rec;
  private final Sizes sizes;
  private final String backend;
  private final List<Operation> operations = new ArrayList<>();
  private int unreported;
  private Tcp server;

  private Tour(PrintStream out, Loop loop, Recording rec, Sizes sizes) {
    this.out = out;
    this.loop = loop;
    this.rec = rec;
    this.sizes = sizes;
    this.backend = backendName();
  }

  /**
   * Runs the tour, printing to standard output; exits with status 2 on bad arguments.
   *
   * @param args {@code --svg FILE} to also write the timeline, {@code --trace FILE} to also write
   *     the trace
   * @throws IOException if the temp file, the SVG or the trace cannot be written, or libuv refuses
   *     the echo server's socket (a {@link UvException})
   */
  public static void main(String[] args) throws IOException {
    int code = run(args, System.out);
    if (code != 0) System.exit(code);
  }

  /**
   * Runs the tour, printing to {@code out}.
   *
   * @param args {@code --svg FILE} to also write the timeline, {@code --trace FILE} to also write
   *     the trace
   * @param out where the tour prints its steps
   * @return the exit code: 0, or 2 for bad arguments
   * @throws IOException if the temp file, the SVG or the trace cannot be written, or libuv refuses
   *     the echo server's socket (a {@link UvException})
   */
  public static int run(String[] args, PrintStream out) throws IOException {
    Path svg = null;
    Path trace = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--svg") && i + 1 < args.length) {
        svg = Path.of(args[++i]);
      } else if (args[i].equals("--trace") && i + 1 < args.length) {
        trace = Path.of(args[++i]);
      } else {
        out.println("usage: Tour [--svg FILE] [--trace FILE]");
        return args[i].equals("--help") ? 0 : 2;
      }
    }
    Path file = Files.createTempFile("uv4j-tour-", ".bin");
    try {
      // a silent round with small sizes first loads and compiles the code paths, so that the
      // times printed show the loop at work rather than the JVM loading classes
      tour(new PrintStream(OutputStream.nullOutputStream()), file, WARM_UP, null, null);
      tour(out, file, TOUR, svg, trace);
    } finally {
      Files.deleteIfExists(file);
    }
    return 0;
  }

  private static void tour(PrintStream out, Path file, Sizes sizes, Path svg, Path trace) throws IOException {
    byte[] content = new byte[sizes.fileBytes()];
    new SplittableRandom(content.length).nextBytes(content);
    Files.write(file, content);
    CRC32 crc = new CRC32();
    crc.update(content);
    try (Loop loop = Loop.create();
        ChromeTraceWriter chrome = trace == null ? null : new ChromeTraceWriter(trace)) {
      Recording rec = new Recording(System.nanoTime());
      new Tour(out, loop, rec, sizes).go(file, crc.getValue(), svg, chrome);
    }
    if (trace != null) {
      out.println("Trace written to " + trace + ": open it in ui.perfetto.dev or chrome://tracing");
    }
  }

  private void go(Path file, long written, Path svg, ChromeTraceWriter chrome) throws IOException {
    loop.setTracer(chrome == null ? rec : new Tee(rec, chrome));
    loop.enableIdleTimeMetrics();
    out.printf("uv4j event-loop tour: libuv %s on %s (%s), I/O backend %s%n",
        Uv.versionString(), System.getProperty("os.name"), System.getProperty("os.arch"), backend);
    out.println("Times are ms since the script started (after a silent warm-up round). Iterations are");
    out.println("turns of the loop, counted as each enters the poll phase (0: timers run() fires before");
    out.println("its first poll). Everything runs on the loop thread \"" + rec.loopThread() + "\" unless it says otherwise.");
    out.println();
    out.println("The main script, before the loop runs:");
    out.printf("%9s  (before the clock started: %s of pseudo-random bytes written to %s)%n",
        "", mib(sizes.fileBytes()), file.getFileName());
    startEchoServer();
    readFile(file, written);
    tcpEcho(server.localAddress());
    dnsLookup();
    timer();
    hash();
    child();
    rec.scriptEnded();
    line(rec.now(), "the script returns; loop.run() takes over");
    out.println();
    out.println("Completions, as the loop thread ran them:");
    double runStart = rec.now();
    loop.run();
    double runEnd = rec.now();
    loop.setTracer(null);
    summary(runEnd - runStart, loop.metrics().loopCount(), loop.idleTime().toNanos() / 1e6);
    if (svg != null) {
      TimelineSvg.write(svg, rec, waits(), backend);
      out.println();
      out.println("Timeline written to " + svg);
    } else {
      out.println();
      out.println("With --svg FILE the run is also drawn as a timeline.");
    }
    if (chrome == null) out.println("With --trace FILE it is also written as a trace for Perfetto or chrome://tracing.");
  }

  /** Tells two tracers everything, the recording first. */
  private record Tee(LoopTracer first, LoopTracer second) implements LoopTracer {
    @Override
    public void phaseEntered(Phase phase) {
      first.phaseEntered(phase);
      second.phaseEntered(phase);
    }

    @Override
    public void phaseLeft(Phase phase) {
      first.phaseLeft(phase);
      second.phaseLeft(phase);
    }

    @Override
    public void callbackStarted(Phase phase, String what) {
      first.callbackStarted(phase, what);
      second.callbackStarted(phase, what);
    }

    @Override
    public void callbackEnded(Phase phase, String what) {
      first.callbackEnded(phase, what);
      second.callbackEnded(phase, what);
    }

    @Override
    public void drainStarted() {
      first.drainStarted();
      second.drainStarted();
    }

    @Override
    public void drainEnded() {
      first.drainEnded();
      second.drainEnded();
    }

    @Override
    public void poolWorkStarted(String what) {
      first.poolWorkStarted(what);
      second.poolWorkStarted(what);
    }

    @Override
    public void poolWorkEnded(String what) {
      first.poolWorkEnded(what);
      second.poolWorkEnded(what);
    }
  }

  // --- the operations ------------------------------------------------------------------------

  private Operation operation(String name, Mechanism mechanism, String how, String lane, boolean viaPromise) {
    Operation op = new Operation(name, mechanism, how, lane, viaPromise);
    operations.add(op);
    unreported++;
    return op;
  }

  private Step step(Operation op, String what) {
    Step step = new Step(what, rec.now());
    op.steps.add(step);
    return step;
  }

  /** The request's completion is running: note the callback it came back in. */
  private void arrived(Step step) {
    step.completion = rec.current();
  }

  private void startEchoServer() throws UvException, IOException {
    server = new Tcp(loop);
    server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
    server.listen(16, error -> {
      // a failed accept shows up as the client's connect error
      if (error != null) return;
      Tcp connection = new Tcp(loop);
      server.accept(connection);
      connection.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          connection.write(data, null);
        }

        @Override
        public void onEnd() {
          connection.close();
        }

        @Override
        public void onError(UvException e) {
          connection.close();
        }
      });
    });
    line(rec.now(), "echo server listening on " + address(server.localAddress()));
  }

  /** Reads the file through the pool and checks its CRC-32 against {@code written}'s. */
  private void readFile(Path file, long written) {
    Operation op = operation("file read", Mechanism.POOL,
        "libuv thread pool: blocking open, read and close calls, run off the loop thread",
        "thread pool (C)", true);
    op.worker = POOL_C;
    issued(op, "loop.fs() open, read, close of the temp file (Promise forms)");
    Fs fs = loop.fs();
    ByteBuffer buffer = ByteBuffer.allocateDirect(sizes.fileBytes());
    Step open = step(op, "fs.open");
    fs.open(file.toString(), Fs.O_RDONLY, 0)
        .thenCompose(fd -> {
          arrived(open);
          return readAll(op, fd, buffer).thenCompose(total -> {
            Step close = step(op, "fs.close");
            return fs.close(fd).then(ignored -> {
              arrived(close);
              return total;
            });
          });
        })
        .then(
            total -> {
              buffer.flip();
              CRC32 crc = new CRC32();
              crc.update(buffer);
              boolean same = crc.getValue() == written;
              finish(op, String.format("%d bytes read, CRC-32 %08x %s", total, crc.getValue(),
                  same ? "as written" : "but %08x was written".formatted(written)));
              return null;
            },
            error -> {
              finish(op, "failed: " + error.getMessage());
              return null;
            });
  }

  /** Reads until the buffer is full or the file ends; each read is one trip to the pool. */
  private Promise<Integer> readAll(Operation op, int fd, ByteBuffer buffer) {
    Step read = step(op, "fs.read");
    return loop.fs().read(fd, new ByteBuffer[] {buffer}, buffer.position()).thenCompose(n -> {
      arrived(read);
      buffer.position(buffer.position() + n);
      if (n == 0 || !buffer.hasRemaining()) return Promise.resolve(loop, buffer.position());
      return readAll(op, fd, buffer);
    });
  }

  private void tcpEcho(InetSocketAddress address) {
    Operation op = operation("tcp echo", Mechanism.BACKEND,
        "OS async I/O: a non-blocking socket that " + backend + " watches for the loop",
        "kernel (" + backend + ")", false);
    op.worker = "the kernel (TCP over loopback); no thread waits";
    issued(op, "connect to " + address(address) + ", send " + MESSAGE.length + " bytes, read the echo");
    Tcp client = new Tcp(loop);
    Step connect = step(op, "connect");
    client.connect(address, error -> {
      arrived(connect);
      if (error != null) {
        client.close();
        finish(op, "failed: " + error.getMessage());
        return;
      }
      ByteArrayOutputStream echoed = new ByteArrayOutputStream();
      Step echo = step(op, "echo");
      client.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          byte[] bytes = new byte[data.remaining()];
          data.get(bytes);
          echoed.write(bytes, 0, bytes.length);
          if (echoed.size() < MESSAGE.length) return;
          arrived(echo);
          client.close();
          finish(op, echoed.size() + " bytes echoed back by " + address(address));
        }

        @Override
        public void onEnd() {
          arrived(echo);
          client.close();
          finish(op, "failed: the server closed after " + echoed.size() + " bytes");
        }

        @Override
        public void onError(UvException e) {
          arrived(echo);
          client.close();
          finish(op, "failed: " + e.getMessage());
        }
      });
      client.write(MESSAGE, null);
    });
  }

  private void dnsLookup() {
    Operation op = operation("dns lookup", Mechanism.POOL,
        "libuv thread pool: the system's blocking getaddrinfo, run off the loop thread",
        "thread pool (C)", false);
    op.worker = POOL_C;
    issued(op, "Dns.getAddrInfo(\"localhost\")");
    Step lookup = step(op, "getaddrinfo localhost");
    Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.DEFAULT, (addresses, error) -> {
      arrived(lookup);
      if (error != null) {
        finish(op, "failed: " + error.getMessage());
      } else {
        finish(op, "localhost is " + addresses.stream()
            .map(a -> a.getAddress().getHostAddress())
            .distinct()
            .collect(Collectors.joining(", ")));
      }
    });
  }

  private void timer() {
    Operation op = operation("timer", Mechanism.TIMER,
        "libuv timer: one uv_timer_t serves every setTimeout; the poll sleeps until the nearest deadline",
        "timer heap", false);
    op.worker = "none: the poll's timeout is the deadline";
    issued(op, "loop.setTimeout(callback, " + TIMER_MS + ")");
    Step set = step(op, "setTimeout " + TIMER_MS + " ms");
    loop.setTimeout(() -> {
      arrived(set);
      finish(op, String.format(Locale.ROOT, "fired %.2f ms after setTimeout(…, %d)", rec.now() - set.issued, TIMER_MS));
    }, TIMER_MS);
  }

  private void hash() throws UvException {
    Operation op = operation("sha-256", Mechanism.POOL,
        "libuv thread pool: uv_queue_work runs the Java callable on a pool thread", null, false);
    int bytes = sizes.hashBytes();
    issued(op, "loop.queueWork(): SHA-256 of " + mib(bytes) + " of seeded pseudo-random bytes");
    Step work = step(op, "queueWork");
    loop.queueWork(() -> sha256(bytes), (digest, error) -> {
      arrived(work);
      Recording.PoolWork ran = lastPoolWork();
      op.worker = ran == null ? "a libuv pool thread"
          : String.format(Locale.ROOT, "%s (a libuv pool thread running Java), from %.2f to %.2f ms", ran.thread(), ran.start(), ran.end());
      finish(op, error != null ? "failed: " + error : "digest " + HexFormat.of().formatHex(digest, 0, 8) + "…");
    });
  }

  /**
   * Runs a short command in a child process and reads its output through a pipe; the report
   * waits for both the output's end and the exit, whichever the loop sees last.
   */
  private void child() throws UvException {
    List<String> command = System.getProperty("os.name").startsWith("Windows")
        ? List.of("cmd.exe", "/c", "ver")
        : List.of("/bin/sh", "-c", "uname -sr");
    Operation op = operation("child", Mechanism.PROCESS,
        "a child process (uv_spawn): its stdout is a pipe " + backend
            + " watches; its exit comes through libuv's SIGCHLD handler (a process-exit event on Windows)",
        "child process", false);
    issued(op, "ChildProcess.spawn(): " + String.join(" ", command) + ", its stdout piped to the loop");
    Step run = step(op, "child runs");
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder(command.get(0))
        .args(command.subList(1, command.size()).toArray(String[]::new))
        .stdout(Stdio.pipeFromChild())
        .build());
    op.worker = "child process " + child.pid() + ", its own program; no thread of this process waits";
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Pipe stdout = child.stdout();
    Promise.Resolver<Void> ended = loop.promise();
    stdout.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        printed.write(bytes, 0, bytes.length);
      }

      @Override
      public void onEnd() {
        stdout.close();
        ended.resolve(null);
      }

      @Override
      public void onError(UvException e) {
        stdout.close();
        ended.reject(e);
      }
    });
    child.exit().thenCompose(exit -> ended.promise().then(ignored -> exit)).then(
        exit -> {
          arrived(run);
          child.close();
          finish(op, String.format("exit status %d, printed \"%s\"", exit.exitStatus(),
              printed.toString(StandardCharsets.UTF_8).strip()));
          return null;
        },
        error -> {
          child.close();
          finish(op, "failed: " + error.getMessage());
          return null;
        });
  }

  private static byte[] sha256(int bytes) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(bytes);
    byte[] chunk = new byte[HASH_CHUNK];
    for (int done = 0; done < bytes; done += chunk.length) {
      random.nextBytes(chunk);
      sha.update(chunk);
    }
    return sha.digest();
  }

  private Recording.PoolWork lastPoolWork() {
    Recording.PoolWork last = null;
    for (Recording.PoolWork work : rec.poolWork()) {
      if (last == null || work.end() > last.end()) last = work;
    }
    return last;
  }

  // --- completions ---------------------------------------------------------------------------

  /**
   * The operation's outcome is known: note the callback it came in, then queue one next-tick and
   * one promise reaction, which run in the drain after that callback.
   */
  private void finish(Operation op, String result) {
    op.result = result;
    op.completion = rec.current();
    loop.nextTick(() -> {
      op.tickAt = rec.now();
      reportIfDrained(op);
    });
    Promise.resolve(loop, op).thenAccept(o -> {
      o.reactionAt = rec.now();
      reportIfDrained(o);
    });
  }

  private void reportIfDrained(Operation op) {
    if (Double.isNaN(op.tickAt) || Double.isNaN(op.reactionAt)) return;
    report(op);
    // the server is the last thing keeping the loop alive
    if (--unreported == 0) server.close();
  }

  private void report(Operation op) {
    Recording.CallbackRun cb = op.completion;
    out.printf(Locale.ROOT, "%9.2f  %s: %s%n", cb.start, op.name, op.result);
    detail("mechanism", op.how);
    detail("thread", op.worker);
    detail("completion", String.format(Locale.ROOT, "at %.2f ms: callback \"%s\" in the %s phase of iteration %d",
        cb.start, cb.what, cb.phase, cb.iteration));
    if (op.viaPromise) detail("", "the code awaiting it ran as a promise reaction in the drain after it");
    if (op.steps.size() > 1) {
      String label = "requests";
      for (Step step : op.steps) {
        Recording.CallbackRun c = step.completion;
        detail(label, c == null ? step.what + " issued at " + ms(step.issued) + ", no completion"
            : String.format(Locale.ROOT, "%-8s issued at %.2f ms, callback at %.2f ms, iteration %d",
                step.what, step.issued, c.start, c.iteration));
        label = "";
      }
    }
    boolean tickFirst = op.tickAt <= op.reactionAt;
    detail("drain", String.format(Locale.ROOT, "%s at %.2f ms, then %s at %.2f ms",
        tickFirst ? "nextTick" : "promise reaction", Math.min(op.tickAt, op.reactionAt),
        tickFirst ? "promise reaction" : "nextTick", Math.max(op.tickAt, op.reactionAt)));
  }

  private void summary(double runMs, long libuvIterations, double idleMs) {
    out.println();
    out.println("Summary:");
    String format = "  %-11s %-12s %-24s %11s  %-7s %9s%n";
    out.printf(Locale.ROOT, format, "operation", "mechanism", "work done by", "completion", "phase", "iteration");
    for (Operation op : operations) {
      Recording.CallbackRun cb = op.completion;
      out.printf(Locale.ROOT, format, op.name, shortMechanism(op), shortWorker(op),
          cb == null ? "-" : String.format(Locale.ROOT, "%.2f ms", cb.start),
          cb == null ? "-" : cb.phase, cb == null ? "-" : cb.iteration);
    }
    Map<Phase, Integer> byPhase = new EnumMap<>(Phase.class);
    double busy = 0;
    for (Recording.CallbackRun cb : rec.callbacks()) {
      byPhase.merge(cb.phase, 1, Integer::sum);
      busy += cb.end - cb.start;
    }
    for (Recording.Drain drain : rec.drains()) busy += drain.end() - drain.start();
    out.println();
    out.printf(Locale.ROOT, "  loop.run() took %.2f ms over %d iterations (libuv's own count: %d)%n",
        runMs, rec.iterations(), libuvIterations);
    out.printf(Locale.ROOT, "  %d callbacks by phase %s, %d drains%n",
        rec.callbacks().size(), byPhase, rec.drains().size());
    out.printf(Locale.ROOT, "  the loop thread spent %.2f ms in callbacks and drains, %.2f ms waiting in %s%n",
        busy, idleMs, backend);
  }

  private String shortMechanism(Operation op) {
    switch (op.mechanism) {
      case BACKEND:
        return backend;
      case POOL:
        return "thread pool";
      case PROCESS:
        return "process";
      default:
        return "timer";
    }
  }

  private static String shortWorker(Operation op) {
    switch (op.mechanism) {
      case BACKEND:
        return "kernel";
      case TIMER:
        return "none";
      case PROCESS:
        return "child process";
      default:
        return op.lane == null ? lastWord(op.worker) : POOL_C;
    }
  }

  private static String lastWord(String worker) {
    int space = worker.indexOf(' ');
    return space < 0 ? worker : worker.substring(0, space);
  }

  /** The spans the trace cannot see from inside: each request from issue to completion. */
  private List<TimelineSvg.Wait> waits() {
    List<TimelineSvg.Wait> waits = new ArrayList<>();
    for (Operation op : operations) {
      if (op.lane == null) continue;
      for (Step step : op.steps) {
        if (step.completion != null) {
          waits.add(new TimelineSvg.Wait(op.lane, step.what, step.issued, step.completion.start));
        }
      }
    }
    return waits;
  }

  // --- output --------------------------------------------------------------------------------

  private void issued(Operation op, String what) {
    line(rec.now(), String.format("%-10s %s", op.name, what));
  }

  private void line(double ms, String text) {
    out.printf(Locale.ROOT, "%9.2f  %s%n", ms, text);
  }

  private void detail(String label, String text) {
    out.printf("%11s %-11s%s%n", "", label, text);
  }

  private static String ms(double t) {
    return String.format(Locale.ROOT, "%.2f ms", t);
  }

  private static String mib(int bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }

  private static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** The poll backend libuv is built on for this OS (see libuv's src/unix and src/win). */
  static String backendName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) return "epoll";
    if (os.startsWith("mac") || os.contains("bsd")) return "kqueue";
    if (os.startsWith("windows")) return "IOCP";
    if (os.startsWith("sunos")) return "event ports";
    if (os.startsWith("aix")) return "pollset";
    return "the OS poller";
  }
}
