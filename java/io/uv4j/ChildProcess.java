package io.uv4j;

import io.uv4j.internal.Native;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A child process ({@code uv_process_t}), started by {@link #spawn(Loop, SpawnOptions,
 * ExitCallback)}. The loop learns of its exit (libuv watches {@code SIGCHLD} on Unix and reaps
 * only its own children by pid, so children of {@link java.lang.ProcessBuilder} are left to the
 * JVM) and reports the exit status and the terminating signal. The handle keeps the loop alive
 * until the child exits; {@link #unref()} lets the loop end sooner. The handle is not closed by
 * the exit: close it when done, for example in the exit callback. Closing it before the exit
 * stops watching the child, which is then never reaped by the loop.
 *
 * <p>The pipes created for {@link Stdio#pipeToChild()}, {@link Stdio#pipeFromChild()} and {@link
 * Stdio#duplexPipe()} entries are ordinary {@link Pipe}s of the same loop ({@link #pipe(int)}),
 * open and connected once spawn returns; they are closed on their own, not with this handle.
 *
 * <p>Where libuv forks (every Unix but macOS), a child also inherits every descriptor of this process
 * that is not marked close-on-exec, and so beyond its {@link Stdio} entries (a descriptor from 3
 * up whose entry is {@link Stdio#ignore()} is left as it is). libuv and uv4j open theirs with the
 * mark, but the JVM opens many without it (jar files, sockets, its children's pipes), which a
 * {@link ProcessBuilder} child does not get. uv4j does not mark them at each spawn: {@link
 * ProcessBuilder#start()} on another thread hands its spawn helper descriptors it has not marked,
 * and would then fail. Call {@link #disableStdioInheritance()} early, before other threads start
 * processes, to mark those open by then.
 * Conversely, a child spawned while {@link ProcessBuilder#start()} runs on another thread may
 * inherit that call's pipes, and the call then returns only once the child has exited. On
 * macOS libuv's {@code posix_spawn} keeps every descriptor but the entries from the child; on
 * Windows a child gets only the handles libuv passes.
 *
 * <p>On every Unix but macOS, libuv starts a child with {@code fork}, whose
 * cost grows with the memory this process has touched (the kernel copies its page tables, and
 * the child tears its copy down at {@code exec}); {@link ProcessBuilder} uses {@code posix_spawn}
 * there, which does not copy them. A JVM with a large touched heap therefore spawns much more
 * slowly through this class than through {@link ProcessBuilder}; a heap on transparent huge pages
 * ({@code -XX:+UseTransparentHugePages}) has far fewer page-table entries to copy.
 *
 * <p>Signals are numbers, as the OS defines them; 0 only checks that the process exists. On
 * Windows, libuv emulates {@code SIGTERM}, {@code SIGKILL} and {@code SIGINT} (15, 9 and 2) by
 * terminating the process.
 *
 * <p>Every method but {@link #pid()} and the static {@link #kill(int, int)} must be called on the
 * loop's thread.
 */
public final class ChildProcess extends Handle {
  /**
   * How a child ended: its exit status, or the signal that terminated it.
   *
   * @param exitStatus the status it exited with (on Unix 0..255, on Windows the 32-bit exit
   *     code); 0 when a signal terminated it
   * @param termSignal the number of the signal that terminated it, or 0 if it exited
   */
  public record Exit(long exitStatus, int termSignal) {
    /** {@return whether a signal terminated the child} */
    public boolean signaled() {
      return termSignal != 0;
    }
  }

  /** Told, on the loop thread, that the child ended. */
  @FunctionalInterface
  public interface ExitCallback {
    /**
     * The child ended.
     *
     * @param exitStatus its exit status; 0 when a signal terminated it
     * @param termSignal the signal that terminated it, or 0 if it exited
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void onExit(long exitStatus, int termSignal) throws Exception;
  }

  /** Known once uv_spawn has succeeded; kept after the exit and the close. */
  private int pid;
  private final Pipe[] pipes;
  private final ExitCallback onExit;
  private Promise.Resolver<Exit> exitResolver;
  private Exit exit;

  private ChildProcess(Loop loop, Pipe[] pipes, ExitCallback onExit) {
    super(loop);
    this.pipes = pipes;
    this.onExit = onExit;
  }

  /**
   * Spawns a child; its exit is reported by {@link #exit()}.
   *
   * @param loop the loop that watches the child
   * @param options the program, arguments and the rest
   * @return the running child
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a {@link Stdio#inherit(Stream)} stream belongs to another
   *     loop
   * @throws IllegalStateException if the loop or an inherited stream is closed, if a stream
   *     inherited as fd 0, 1 or 2 has writes queued (on Unix), or if called from another thread
   * @throws UvException if the child cannot be started, naming the file and any working
   *     directory: {@code ENOENT} (no such program, or no such working directory), {@code EACCES}
   *     (not executable), {@code EINVAL} (an inherited stream has no descriptor yet), {@code
   *     ENOTSUP} (uid or gid on Windows), {@code EPERM} (uid or gid not allowed) ...
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public static ChildProcess spawn(Loop loop, SpawnOptions options) throws UvException {
    return spawn(loop, options, null);
  }

  /**
   * Spawns a child and tells {@code onExit} how it ended; {@link #exit()} reports it as well.
   *
   * @param loop the loop that watches the child
   * @param options the program, arguments and the rest
   * @param onExit told on the loop thread when the child ends; may be {@code null}
   * @return the running child
   * @throws NullPointerException if {@code loop} or {@code options} is null
   * @throws IllegalArgumentException if a {@link Stdio#inherit(Stream)} stream belongs to another
   *     loop
   * @throws IllegalStateException if the loop or an inherited stream is closed, if a stream
   *     inherited as fd 0, 1 or 2 has writes queued (on Unix), or if called from another thread
   * @throws UvException if the child cannot be started, naming the file and any working
   *     directory: {@code ENOENT} (no such program, or no such working directory), {@code EACCES}
   *     (not executable), {@code EINVAL} (an inherited stream has no descriptor yet), {@code
   *     ENOTSUP} (uid or gid on Windows), {@code EPERM} (uid or gid not allowed) ...
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public static ChildProcess spawn(Loop loop, SpawnOptions options, ExitCallback onExit) throws UvException {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(options, "options");
    long l = loop.checkUsable();
    List<Stdio> stdio = options.stdio();
    int[] stdioFlags = new int[stdio.size()];
    long[] stdioData = new long[stdio.size()];
    for (int fd = 0; fd < stdio.size(); fd++) {
      Stdio entry = stdio.get(fd);
      stdioFlags[fd] = entry.flags();
      Stream shared = entry.stream();
      if (shared != null) {
        if (shared.loop != loop) throw new IllegalArgumentException(shared + " for fd " + fd + " belongs to another loop");
        stdioData[fd] = shared.open();
        if (becomesBlocking(fd)) shared.checkCanHandOver(fd);
      } else {
        stdioData[fd] = entry.fd();
      }
    }
    Pipe[] pipes = new Pipe[stdio.size()];
    try {
      for (int fd = 0; fd < stdio.size(); fd++) {
        if (stdio.get(fd).isPipe()) {
          pipes[fd] = new Pipe(loop, stdio.get(fd).isIpc());
          stdioData[fd] = pipes[fd].ptr;
        }
      }
    } catch (RuntimeException | Error e) {
      closeAll(pipes);
      throw e;
    }
    long[] spawned = new long[2];
    ChildProcess child = new ChildProcess(loop, pipes, onExit);
    int rc = Native.processSpawn(l, child, encode(options.file()), encodeAll(options.argv()),
        options.env() == null ? null : encodeEnv(options.env()), options.cwd() == null ? null : encode(options.cwd()),
        options.flags(), options.uid(), options.gid(), stdioFlags, stdioData, spawned);
    // libuv opens the created pipes even when the program could not be run
    for (Pipe pipe : pipes) {
      if (pipe != null) pipe.noteDescriptor();
    }
    if (spawned[0] == 0) {
      closeAll(pipes);
      throw new OutOfMemoryError("uv4j: no memory to spawn " + options.file() + " (ENOMEM)");
    }
    child.bind(spawned[0]);
    if (rc < 0) {
      child.close();
      closeAll(pipes);
      String note = options.cwd() == null ? null : "cwd '" + options.cwd() + "'";
      throw new UvException(rc, "spawn", options.file(), null, note);
    }
    child.pid = (int) spawned[1];
    for (int fd = 0; fd < stdio.size(); fd++) {
      Stream shared = stdio.get(fd).stream();
      if (shared != null && becomesBlocking(fd)) shared.handOver("child " + child.pid + " as its fd " + fd);
    }
    return child;
  }

  /** Whether libuv makes an inherited descriptor blocking for the child: stdio, on Unix. */
  private static boolean becomesBlocking(int fd) {
    return fd <= 2 && !Stream.WINDOWS;
  }

  private static void closeAll(Pipe[] pipes) {
    for (Pipe pipe : pipes) {
      if (pipe != null) pipe.close();
    }
  }

  private static byte[] encode(String text) {
    return PathCodec.encode(text, text);
  }

  private static byte[][] encodeAll(List<String> texts) {
    byte[][] out = new byte[texts.size()][];
    for (int i = 0; i < out.length; i++) out[i] = encode(texts.get(i));
    return out;
  }

  private static byte[][] encodeEnv(Map<String, String> env) {
    byte[][] out = new byte[env.size()][];
    int i = 0;
    for (Map.Entry<String, String> variable : env.entrySet()) out[i++] = encode(variable.getKey() + "=" + variable.getValue());
    return out;
  }

  /**
   * The child's process id.
   *
   * @return the pid, also after the child exited and the handle closed (the OS may by then have
   *     given it to another process)
   */
  public int pid() {
    return pid;
  }

  /**
   * The pipe created for the child's descriptor {@code fd}.
   *
   * @param fd the child's descriptor
   * @return the {@link Pipe} at this process's end, also after this handle closed
   * @throws IllegalArgumentException if no pipe was created for {@code fd} (its entry was not a
   *     pipe, or there was none)
   */
  public Pipe pipe(int fd) {
    if (fd < 0 || fd >= pipes.length || pipes[fd] == null) {
      throw new IllegalArgumentException("no pipe was created for fd " + fd + " of " + this);
    }
    return pipes[fd];
  }

  /**
   * The pipe to the child's stdin; same as {@code pipe(0)}.
   *
   * @return the pipe this process writes the child's input to
   * @throws IllegalArgumentException if stdin was not given a pipe
   */
  public Pipe stdin() {
    return pipe(0);
  }

  /**
   * The pipe from the child's stdout; same as {@code pipe(1)}.
   *
   * @return the pipe this process reads the child's output from
   * @throws IllegalArgumentException if stdout was not given a pipe
   */
  public Pipe stdout() {
    return pipe(1);
  }

  /**
   * The pipe from the child's stderr; same as {@code pipe(2)}.
   *
   * @return the pipe this process reads the child's error output from
   * @throws IllegalArgumentException if stderr was not given a pipe
   */
  public Pipe stderr() {
    return pipe(2);
  }

  /**
   * How the child ended, once it has.
   *
   * @return a promise fulfilled with the exit status and terminating signal when the loop learns
   *     of the exit; it stays pending if the handle is closed first
   * @throws IllegalStateException if called from another thread, or if closed before the child
   *     exited
   */
  public Promise<Exit> exit() {
    loop.checkThread();
    if (exitResolver == null) {
      if (exit == null) open();
      exitResolver = loop.promise();
      if (exit != null) exitResolver.resolve(exit);
    }
    return exitResolver.promise();
  }

  /**
   * Whether the loop has learned that the child ended.
   *
   * @return true once the exit was reported
   * @throws IllegalStateException if called from another thread
   */
  public boolean hasExited() {
    loop.checkThread();
    return exit != null;
  }

  /**
   * Sends {@code signal} to the child ({@code uv_process_kill}).
   *
   * @param signal the signal's number; 0 only checks that the child is running
   * @throws IllegalArgumentException if {@code signal} is negative
   * @throws UvException {@code ESRCH} if the child has exited (its pid may already name another
   *     process, so nothing is sent), {@code EINVAL} if the OS has no such signal, {@code
   *     ENOSYS} on Windows for a signal libuv cannot emulate
   * @throws IllegalStateException if closed or called from another thread
   */
  public void kill(int signal) throws UvException {
    checkSignal(signal);
    long p = open();
    if (exit != null) throw new UvException(UvError.ESRCH.errno(), "kill", null, null, "pid " + pid + " already exited");
    UvException.check(Native.processKill(p, signal), "kill");
  }

  /**
   * Sends {@code signal} to process {@code pid}, which need not be a child ({@code uv_kill}).
   * Safe from any thread.
   *
   * @param pid the process id
   * @param signal the signal's number; 0 only checks that the process exists
   * @throws IllegalArgumentException if {@code pid} is not positive (0 and negative ids stand for
   *     process groups on Unix, which this does not signal) or {@code signal} is negative
   * @throws UvException {@code ESRCH} if there is no such process, {@code EPERM} if this process
   *     may not signal it, {@code EINVAL} if the OS has no such signal
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void kill(int pid, int signal) throws UvException {
    if (pid <= 0) throw new IllegalArgumentException("pid must be > 0, got " + pid);
    checkSignal(signal);
    Native.ensureLoaded();
    int rc = Native.kill(pid, signal);
    if (rc < 0) throw new UvException(rc, "kill", null, null, "pid " + pid);
  }

  /**
   * Keeps the descriptors this process has open now from reaching any child it starts later,
   * uv4j's or {@link ProcessBuilder}'s, unless the child's stdio names one ({@code
   * uv_disable_stdio_inheritance}). On Linux and macOS a child otherwise inherits every descriptor
   * the JVM opened without close-on-exec, such as the files behind a {@code FileInputStream}; this
   * marks each descriptor close-on-exec, from 0 up to the first unused number above 15 (a
   * descriptor above such a gap keeps its flag). On Windows it makes the handles this process
   * inherited uninheritable. Descriptors opened afterwards are not affected.
   *
   * <p>Call it early, before other threads start processes: a {@code ProcessBuilder.start()} on
   * another thread at the same moment may fail, because the JDK passes descriptors to its spawn
   * helper across {@code exec}. Safe from any thread.
   *
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void disableStdioInheritance() {
    Native.ensureLoaded();
    Native.disableStdioInheritance();
  }

  private static void checkSignal(int signal) {
    if (signal < 0) throw new IllegalArgumentException("signal must be >= 0, got " + signal);
  }

  @Override
  void onNativeEvent(int event, long arg) throws Throwable {
    if (event != Native.EVENT_FIRED) {
      super.onNativeEvent(event, arg);
      return;
    }
    exit = new Exit(arg >>> 32, (int) arg);
    if (exitResolver != null) exitResolver.resolve(exit);
    if (onExit != null) onExit.onExit(exit.exitStatus(), exit.termSignal());
  }

  @Override
  void suppressed(int event, long arg) {
    // a later kill() must still know that the pid is no longer the child's
    if (event == Native.EVENT_FIRED) exit = new Exit(arg >>> 32, (int) arg);
  }

  @Override
  String describe(int event) {
    return event == Native.EVENT_FIRED ? "ChildProcess exit" : super.describe(event);
  }

  @Override
  public String toString() {
    return "ChildProcess[pid " + pid + "]";
  }
}
