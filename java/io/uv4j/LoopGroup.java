package io.uv4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N loops, each on a thread of its own that runs it until the group shuts down, as Netty's {@code
 * EventLoopGroup} is: {@link #next()} hands them out in turn, {@link #execute(Runnable)} sends a
 * task to the next one, and {@link #listenTcp} spreads one TCP server over all of them.
 *
 * <p>Threads are named {@code <name>-<index>}, ask for 2 MiB of stack, and are not daemons, so a program whose main method
 * returns keeps running until the group is shut down (call {@link #shutdown()} or {@link
 * #close()}). A loop's handles belong to its thread, as always: reach a loop from elsewhere with
 * {@link Loop#execute(Runnable)}.
 *
 * <p>What a callback or task on a member loop throws goes to the group's {@link
 * Loop.UncaughtExceptionHandler}, installed on every loop: the loop and its thread carry on. The
 * default handler prints the error, with the thread's name, to {@code System.err}. Code on a loop
 * may install a handler of its own on that loop; if one restores the loop's default ({@code
 * null}), an error then ends that run of the loop and the thread hands it to the group's handler
 * and runs the loop again.
 *
 * <p>Every method is safe from any thread, except that the blocking ones ({@link #listenTcp},
 * {@link #awaitTermination}, {@link #close()} and {@link TcpServer#close()}) refuse to run on a
 * loop of the group, where they would wait for themselves.
 */
public final class LoopGroup implements Executor, AutoCloseable {
  /**
   * The stack each loop thread asks for: a loop refuses to run with less than 512 KiB left, and a
   * JVM started with a small {@code -Xss} must not make every thread of the group fail that way.
   */
  private static final long THREAD_STACK_SIZE = 2 << 20;

  /** Numbers the groups made with the default name. */
  private static final AtomicInteger GROUPS = new AtomicInteger();

  /** The default handler: prints the error, naming the loop's thread, and lets the loop carry on. */
  private static final Loop.UncaughtExceptionHandler PRINT = (error, origin) -> {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println("uv4j: " + origin + " on loop thread '" + Thread.currentThread().getName() + "':");
    error.printStackTrace(out);
    out.flush();
    System.err.print(text);
  };

  /** How one group server shares the connections out among the loops. */
  public enum Distribution {
    /**
     * Every loop binds and listens on the port itself with {@link Tcp#REUSE_PORT}, and the kernel
     * spreads connections over the listeners (Linux, FreeBSD, DragonFly BSD, AIX, Solaris 11.4).
     */
    REUSE_PORT,
    /**
     * The first loop listens and accepts alone, keeps every Nth connection and passes the others
     * in turn to the other loops over IPC pipes (where libuv has no load-balanced {@code
     * SO_REUSEPORT}: macOS, Windows).
     */
    ACCEPTOR
  }

  /** One loop of the group and the thread that runs it. */
  private static final class Member {
    /** Set before the thread starts. */
    Thread thread;
    final CompletableFuture<Loop> started = new CompletableFuture<>();
    /** Set on the thread once its loop exists. */
    volatile Loop loop;
    /** Keeps the loop running while it has no handle of its own, until the loop closes. */
    Async keepAlive;
    /** Whether shutdown has stopped the loop; only its thread touches it. */
    boolean stopping;
  }

  private final String name;
  private final Loop.UncaughtExceptionHandler handler;
  private final Member[] members;
  private final List<Loop> loops;
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final AtomicInteger running;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private LoopGroup(int size, String name, Loop.UncaughtExceptionHandler handler) throws UvException {
    this.name = name;
    this.handler = handler;
    members = new Member[size];
    running = new AtomicInteger(size);
    for (int i = 0; i < size; i++) {
      Member member = new Member();
      member.thread = new Thread(null, () -> runMember(member), name + "-" + i, THREAD_STACK_SIZE);
      members[i] = member;
    }
    loops = startAll();
  }

  /**
   * A group with one loop per available processor, named {@code uv4j-group-N}, with the default
   * uncaught-exception handler.
   *
   * @return the running group
   * @throws UvException if a loop cannot be made (for example {@code EMFILE}); the loops made
   *     are shut down first
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static LoopGroup create() throws UvException {
    return create(Runtime.getRuntime().availableProcessors());
  }

  /**
   * A group of {@code size} loops, named {@code uv4j-group-N}, with the default uncaught-exception
   * handler.
   *
   * @param size how many loops (and threads), at least 1
   * @return the running group
   * @throws IllegalArgumentException if {@code size} is below 1
   * @throws UvException if a loop cannot be made (for example {@code EMFILE}); the loops made
   *     are shut down first
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static LoopGroup create(int size) throws UvException {
    return create(size, "uv4j-group-" + GROUPS.incrementAndGet(), PRINT);
  }

  /**
   * A group of {@code size} loops whose threads are named {@code <name>-0} to {@code
   * <name>-(size-1)}.
   *
   * @param size how many loops (and threads), at least 1
   * @param name the threads' name prefix
   * @param handler installed on every loop; told on the loop's thread of what its callbacks and
   *     tasks throw and of promise rejections nobody handled
   * @return the running group
   * @throws NullPointerException if {@code name} or {@code handler} is null
   * @throws IllegalArgumentException if {@code size} is below 1 or {@code name} is empty
   * @throws UvException if a loop cannot be made (for example {@code EMFILE}); the loops made
   *     are shut down first
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static LoopGroup create(int size, String name, Loop.UncaughtExceptionHandler handler) throws UvException {
    if (size < 1) throw new IllegalArgumentException("size must be >= 1, got " + size);
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) throw new IllegalArgumentException("name is empty");
    Objects.requireNonNull(handler, "handler");
    return new LoopGroup(size, name, handler);
  }

  /** Starts every thread and waits for its loop; on a failure, shuts down the loops made. */
  private List<Loop> startAll() throws UvException {
    for (Member member : members) member.thread.start();
    List<Loop> made = new ArrayList<>();
    Throwable failure = null;
    for (Member member : members) {
      try {
        made.add(joinUninterruptibly(member.started));
      } catch (ExecutionException e) {
        if (failure == null) failure = e.getCause();
        else failure.addSuppressed(e.getCause());
      }
    }
    if (failure == null) return Collections.unmodifiableList(made);
    shutdown();
    awaitAllThreads();
    if (failure instanceof UvException uv) throw uv;
    if (failure instanceof RuntimeException runtime) throw runtime;
    throw (Error) failure;
  }

  /** The body of a member's thread: makes its loop, runs it until shutdown, closes it. */
  private void runMember(Member member) {
    Loop loop = null;
    try {
      loop = Loop.create();
      loop.onUncaughtException(handler);
      member.keepAlive = new Async(loop, () -> {}, true);
      member.loop = loop;
    } catch (UvException | RuntimeException | Error e) {
      if (loop != null) loop.close();
      member.started.completeExceptionally(e);
      memberEnded();
      return;
    }
    member.started.complete(loop);
    do {
      try {
        loop.run();
      } catch (RuntimeException | Error e) {
        report(e);
      }
    } while (!member.stopping);
    try {
      loop.close();
    } catch (RuntimeException | Error e) {
      report(e);
    }
    memberEnded();
  }

  /** Hands an error a run of a loop threw to the group's handler; one the handler throws is printed. */
  private void report(Throwable error) {
    Throwable reported = error instanceof UncaughtException && error.getCause() != null ? error.getCause() : error;
    try {
      handler.uncaught(reported, ErrorOrigin.UNCAUGHT_EXCEPTION);
    } catch (Throwable fromHandler) {
      fromHandler.addSuppressed(reported);
      PRINT.uncaught(fromHandler, ErrorOrigin.UNCAUGHT_EXCEPTION);
    }
  }

  private void memberEnded() {
    if (running.decrementAndGet() == 0) terminated.complete(null);
  }

  /**
   * Shutdown on a member's loop: ends its run, after which its thread closes it. {@link
   * Loop#close()} closes every handle, its own timers included, which a loop that ran on until it
   * had nothing left would wait for forever (an interval, say).
   */
  private static void stopForShutdown(Member member) {
    member.stopping = true;
    member.loop.stop();
  }

  // --- the loops ----------------------------------------------------------------------------

  /**
   * The loops, in the order {@link #next()} hands them out. Safe from any thread.
   *
   * @return an unmodifiable list of the group's loops
   */
  public List<Loop> loops() {
    return loops;
  }

  /**
   * The next loop in turn (round-robin). Safe from any thread.
   *
   * @return one of the group's loops
   */
  public Loop next() {
    return loops.get(Math.floorMod(nextIndex.getAndIncrement(), loops.size()));
  }

  /**
   * Runs {@code task} on the next loop in turn (see {@link Loop#execute(Runnable)}). Safe from any
   * thread.
   *
   * @param task what to run on the loop's thread
   * @throws NullPointerException if {@code task} is null
   * @throws RejectedExecutionException if the group is shutting down or shut down
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (shuttingDown.get()) throw new RejectedExecutionException(this + " is shutting down; task not accepted: " + task);
    next().execute(task);
  }

  // --- shutting down ------------------------------------------------------------------------

  /**
   * Begins a graceful shutdown, once: each loop finishes the callback it is running, then closes
   * as {@link Loop#close()} does: it runs the tasks already accepted, closes every handle
   * (listeners, connections, timers; writes still queued fail with {@code ECANCELED}), cancels
   * requests still waiting for a pool thread, and runs until every close callback and completion
   * has run. New tasks are refused from now on. Safe from any thread, including the group's own;
   * later calls only return the future again.
   *
   * @return completed once every loop is closed; each thread then ends (see {@link
   *     #awaitTermination(Duration)})
   */
  public CompletableFuture<Void> shutdown() {
    if (shuttingDown.compareAndSet(false, true)) {
      for (Member member : members) {
        if (member.loop != null) member.loop.execute(() -> stopForShutdown(member));
      }
    }
    return terminated.copy();
  }

  /**
   * Whether {@link #shutdown()} has been called. Safe from any thread.
   *
   * @return true once shutting down has begun
   */
  public boolean isShutdown() {
    return shuttingDown.get();
  }

  /**
   * Waits until every thread of the group has ended, after {@link #shutdown()}.
   *
   * @param timeout how long to wait at most
   * @return true if every thread ended, false if the time ran out first
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalStateException if called on a thread of this group
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    refuseOnMemberThread("awaitTermination");
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Member member : members) {
      long left = deadline - System.nanoTime();
      if (left > 0) member.thread.join(TimeUnit.NANOSECONDS.toMillis(left), (int) (left % 1_000_000));
      if (member.thread.isAlive()) return false;
    }
    return true;
  }

  /**
   * Shuts the group down and waits until every thread has ended. An interrupt while waiting is
   * kept (the thread's interrupt status is set again once the wait is over).
   *
   * @throws IllegalStateException if called on a thread of this group
   */
  @Override
  public void close() {
    refuseOnMemberThread("close");
    shutdown();
    awaitAllThreads();
  }

  private void awaitAllThreads() {
    boolean interrupted = false;
    for (Member member : members) {
      while (true) {
        try {
          member.thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void refuseOnMemberThread(String method) {
    for (Member member : members) {
      if (member.thread == Thread.currentThread()) {
        throw new IllegalStateException(method + "() called on " + member.thread.getName()
            + ", a thread of " + this + ", would wait for itself");
      }
    }
  }

  @Override
  public String toString() {
    return "LoopGroup[" + name + ", " + members.length + " loops" + (shuttingDown.get() ? ", shut down]" : "]");
  }

  // --- a TCP server over the group ----------------------------------------------------------

  /** Told of each connection of a {@link #listenTcp} server, on the thread of the loop that owns it. */
  @FunctionalInterface
  public interface ConnectionHandler {
    /**
     * A connection was accepted; set it up (typically {@link Stream#readStart}).
     *
     * @param connection the accepted connection, a handle of the loop this runs on
     * @throws Exception anything; it goes to that loop's uncaught-exception handling (the
     *     group's handler)
     */
    void accept(Tcp connection) throws Exception;
  }

  /**
   * Listens for TCP connections on {@code address} with every loop of the group: each connection
   * is accepted into a {@link Tcp} of one loop and handed to {@code onConnection} on that loop's
   * thread. Where the OS balances {@code SO_REUSEPORT} listeners, every loop listens on the port
   * itself; elsewhere the first loop accepts and passes connections to the others in turn (see
   * {@link Distribution}). Port 0 picks one free port, and every loop serves that port.
   *
   * <p>An error accepting a connection (such as {@code EMFILE}) and what {@code onConnection}
   * throws go to the uncaught-exception handling of the loop it happened on. Blocks until every
   * loop listens.
   *
   * @param address a resolved local address; the wildcard address binds to every interface
   * @param backlog how many connections the OS may queue for each listener
   * @param onConnection told of each connection on the thread of the loop that owns it
   * @return the server, listening
   * @throws NullPointerException if {@code address} or {@code onConnection} is null
   * @throws IllegalArgumentException if {@code address} is unresolved or {@code backlog} is
   *     negative
   * @throws UvException if binding or listening fails (for example {@code EADDRINUSE}, naming
   *     the address); every listener made is closed first
   * @throws IllegalStateException if called on a thread of this group, or after {@link
   *     #shutdown()}
   * @throws RejectedExecutionException if the group shuts down while the loops start listening
   */
  public TcpServer listenTcp(InetSocketAddress address, int backlog, ConnectionHandler onConnection) throws UvException {
    return listenTcp(address, backlog, onConnection, null);
  }

  /**
   * As {@link #listenTcp(InetSocketAddress, int, ConnectionHandler)}; {@code forced}, if not null, picks
   * the distribution instead of the OS.
   */
  TcpServer listenTcp(InetSocketAddress address, int backlog, ConnectionHandler onConnection, Distribution forced)
      throws UvException {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) throw new IllegalArgumentException("address is unresolved: " + address);
    if (backlog < 0) throw new IllegalArgumentException("backlog must be >= 0, got " + backlog);
    Objects.requireNonNull(onConnection, "onConnection");
    refuseOnMemberThread("listenTcp");
    if (shuttingDown.get()) throw new IllegalStateException(this + " is shutting down");
    GroupListener listener = new GroupListener(this, backlog, onConnection);
    if (forced != Distribution.ACCEPTOR && listener.listenEverywhere(address, forced == Distribution.REUSE_PORT)) {
      return new TcpServer(listener, Distribution.REUSE_PORT);
    }
    listener.listenWithAcceptor(address);
    return new TcpServer(listener, Distribution.ACCEPTOR);
  }

  /**
   * A TCP server spread over a {@link LoopGroup}; closing it stops every listener, and leaves the
   * connections already handed out open. Every method is safe from any thread, but {@link
   * #close()} refuses to run on a loop of the group.
   */
  public static final class TcpServer implements AutoCloseable {
    private final GroupListener listener;
    private final Distribution distribution;

    TcpServer(GroupListener listener, Distribution distribution) {
      this.listener = listener;
      this.distribution = distribution;
    }

    /**
     * The address every loop serves.
     *
     * @return the bound address, with the port the OS picked if port 0 was asked for
     */
    public InetSocketAddress localAddress() {
      return listener.boundAddress();
    }

    /**
     * How connections are shared out among the loops.
     *
     * @return {@link Distribution#REUSE_PORT} where each loop listens itself, else {@link
     *     Distribution#ACCEPTOR}
     */
    public Distribution distribution() {
      return distribution;
    }

    /**
     * Closes the listeners (and the pipes that pass connections), each on its own loop; may be
     * called on the group's threads. Closing twice does nothing more.
     *
     * @return completed once every loop has closed them; at once if the group has shut down
     */
    public CompletableFuture<Void> closeAsync() {
      return listener.close();
    }

    /**
     * Closes the listeners and waits until every loop has closed them.
     *
     * @throws IllegalStateException if called on a thread of the group
     */
    @Override
    public void close() {
      listener.group().refuseOnMemberThread("TcpServer.close");
      try {
        joinUninterruptibly(closeAsync());
      } catch (ExecutionException e) {
        throw new IllegalStateException("closing " + this + " failed", e.getCause());
      }
    }

    @Override
    public String toString() {
      return "TcpServer[" + SocketAddresses.text(localAddress()) + ", " + distribution + "]";
    }
  }

  // --- package-private plumbing ---------------------------------------------------------------

  /** A task run on a loop's thread for a caller that waits for its value. */
  @FunctionalInterface
  interface LoopCall<T> {
    T call() throws UvException;
  }

  /** Runs {@code call} on {@code loop}'s thread and waits for its value, rethrowing what it threw. */
  <T> T onLoop(Loop loop, LoopCall<T> call) throws UvException {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        result.complete(call.call());
      } catch (UvException | RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return joinUninterruptibly(result);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UvException uv) throw uv;
      if (cause instanceof RuntimeException runtime) throw runtime;
      throw (Error) cause;
    }
  }

  /** Waits for {@code future}, keeping an interrupt for later. */
  static <T> T joinUninterruptibly(CompletableFuture<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
