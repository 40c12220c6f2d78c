package io.uv4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A seeded fuzzer: runs seeds S, S+1, ... until the time is up, each a bounded sequence of random
 * API calls on fresh loops, with threads that use the sync file-system forms meanwhile. A seed
 * fails when a call throws what its documentation does not allow, a loop hangs or does not close,
 * a descriptor or thread leaks, a killed child is not reaped, a child ends other than as its
 * command says, or bytes arrive other than as sent. Usage:
 *
 * <pre>java -Xcheck:jni -cp target/classes:target/test-classes io.uv4j.Fuzzer --minutes N --seed S
 *     [--threads T] [--steps K] [--seeds COUNT] [--ops NAME,...] [--skip NAME,...]</pre>
 *
 * <p>Each seed's line is printed (and flushed) before and after it runs, so that a script can tell
 * which seed was running when the JVM died. {@code --ops} and {@code --skip} take operation names
 * or groups from {@link FuzzOps}, to replay a failure with fewer kinds of calls. Exits 0 if no seed
 * failed, 1 otherwise; a hung seed ends the run, and if the hang also blocks the process's exit,
 * the process kills itself (status 137) once it has printed its summary.
 */
public final class Fuzzer {
  /** How long a thread of a seed may take to finish once asked to. */
  static final long THREAD_BOUND_MS = 30_000;

  /** How long one seed may run before it counts as hung. */
  private static final long SEED_BOUND_MS = 180_000;

  /** How long exiting may take before the process kills itself. */
  private static final long EXIT_BOUND_MS = 20_000;

  private Fuzzer() {}

  /** What to run. */
  record Options(double minutes, long seed, long seeds, int threads, int steps, Set<String> ops, Set<String> skip) {
    static Options parse(String[] args) {
      double minutes = 1;
      long seed = 1;
      long seeds = Long.MAX_VALUE;
      int threads = 2;
      int steps = 1500;
      Set<String> ops = Set.of();
      Set<String> skip = Set.of();
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) throw new IllegalArgumentException("no value after " + args[i]);
        String value = args[i + 1];
        switch (args[i]) {
          case "--minutes" -> minutes = Double.parseDouble(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--seeds" -> seeds = Long.parseLong(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--steps" -> steps = Integer.parseInt(value);
          case "--ops" -> ops = names(value);
          case "--skip" -> skip = names(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (!(minutes > 0) || seeds < 1 || threads < 0 || steps < 1) {
        throw new IllegalArgumentException("need --minutes > 0, --seeds >= 1, --threads >= 0, --steps >= 1: " + String.join(" ", args));
      }
      return new Options(minutes, seed, seeds, threads, steps, ops, skip);
    }

    private static Set<String> names(String list) {
      Set<String> names = new HashSet<>(Arrays.asList(list.split(",")));
      Set<String> known = new HashSet<>();
      for (FuzzOp<?> op : FuzzOps.LOOP) known.addAll(List.of(op.name(), op.group()));
      for (FuzzOp<?> op : FuzzOps.SYNC_FS) known.addAll(List.of(op.name(), op.group()));
      for (String name : names) {
        if (!known.contains(name)) throw new IllegalArgumentException("no operation or group named " + name + "; known: " + known);
      }
      return Set.copyOf(names);
    }
  }

  /** What a run did. */
  record Summary(long calls, long firstSeed, long lastSeed, int failures) {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fuzz: " + e.getMessage());
      System.exit(2);
      return;
    }
    Summary summary = run(options, System.out);
    exit(summary.failures() == 0 ? 0 : 1);
  }

  /**
   * Exits with {@code status}. A hung seed may leave libuv's thread-pool lock held, and libuv's
   * exit-time cleanup then waits for it forever: past a bound, the process kills itself instead.
   */
  private static void exit(int status) throws IOException {
    Thread guard =
        new Thread(
            () -> {
              try {
                Thread.sleep(EXIT_BOUND_MS);
                System.err.println("fuzz: exit is blocked (a hung seed holds a lock libuv needs at exit); killing the process");
                new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start();
              } catch (InterruptedException | IOException e) {
                throw new IllegalStateException("could not kill a process whose exit is blocked", e);
              }
            },
            "fuzz-exit-guard");
    guard.setDaemon(true);
    guard.start();
    System.exit(status);
  }

  /** Runs seeds until the time or the seed count is used up, or one hangs; prints as it goes. */
  static Summary run(Options options, PrintStream out) throws Exception {
    warmUp();
    long deadline = System.nanoTime() + (long) (options.minutes() * 60e9);
    long calls = 0;
    int failures = 0;
    long seed = options.seed();
    long last = seed;
    for (long n = 0; n < options.seeds() && (n == 0 || System.nanoTime() < deadline); n++, seed++) {
      last = seed;
      out.println("seed " + seed + ": start");
      out.flush();
      List<String> descriptorsBefore = openDescriptors();
      Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
      FuzzSeed run = new FuzzSeed(seed, options);
      Thread thread = new Thread(run::run, "fuzz-" + seed + "-loop");
      thread.setDaemon(true);
      thread.start();
      thread.join(SEED_BOUND_MS);
      boolean hung = thread.isAlive();
      if (hung) {
        run.fail("hang: the seed still runs after " + SEED_BOUND_MS + " ms; its threads:\n" + stacksOf("fuzz-" + seed + "-"), null);
      } else {
        run.joinThreads(THREAD_BOUND_MS);
        List<String> leaked = openDescriptors();
        for (String target : descriptorsBefore) leaked.remove(target);
        if (!leaked.isEmpty()) run.fail("descriptors opened and not closed: " + leaked, null);
        for (Thread left : Thread.getAllStackTraces().keySet()) {
          // libuv's thread pool starts once per process and stays
          if (!threadsBefore.contains(left) && !left.getName().startsWith("uv4j-pool-")) {
            run.fail("a thread outlived its seed:\n" + stackOf(left), null);
          }
        }
      }
      List<String> seedFailures = run.failures();
      calls += run.calls();
      failures += seedFailures.size();
      for (String failure : seedFailures) out.print(failure);
      out.println("seed " + seed + ": " + run.calls() + " calls, " + (seedFailures.isEmpty() ? "ok" : seedFailures.size() + " failures"));
      out.flush();
      if (hung) break;
    }
    out.println("fuzz: " + calls + " calls, seeds " + options.seed() + ".." + last + ", " + failures + " failures");
    out.flush();
    return new Summary(calls, options.seed(), last, failures);
  }

  /** Makes what libuv and the JDK set up once per process, so that it is not counted as a leak. */
  private static void warmUp() throws Exception {
    Loop loop = Loop.create();
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.listen(1, error -> {});
    Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.DEFAULT, (addresses, error) -> server.close());
    loop.run();
    loop.close();
    Fs.statSync(Path.of(".").toAbsolutePath().toString());
    StackEdge.depth();
    // the JDK's file channels keep a socket pair, made at their first use
    Path file = Files.createTempFile("uv4j-fuzz-warm-up", null);
    Files.writeString(file, "warm-up");
    Files.delete(file);
  }

  /**
   * What this process's descriptors point at, of the kinds uv4j and the fuzzer make: sockets,
   * pipes, epoll and event descriptors, the seeds' files. Not what the JVM opens on its own (class
   * files, jars, cgroup limits it rereads).
   */
  static List<String> openDescriptors() throws IOException {
    List<String> targets = new ArrayList<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          boolean ours = target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:");
          if (ours || target.contains(FuzzSeed.SCRATCH_PREFIX)) targets.add(target);
        } catch (IOException gone) {
          // the listing's own descriptor closes while it is read
        }
      }
    }
    return targets;
  }

  static String stackOf(Thread thread) {
    StringBuilder stack = new StringBuilder("  \"" + thread.getName() + "\" " + thread.getState() + "\n");
    for (StackTraceElement frame : thread.getStackTrace()) stack.append("      at ").append(frame).append('\n');
    return stack.toString();
  }

  private static String stacksOf(String namePrefix) {
    StringBuilder stacks = new StringBuilder();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(namePrefix) || thread.getName().startsWith("uv4j-pool-")) stacks.append(stackOf(thread));
    }
    return stacks.toString();
  }
}
