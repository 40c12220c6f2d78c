package io.uv4j.examples;

import io.uv4j.ChildProcess;
import io.uv4j.Loop;
import io.uv4j.Pipe;
import io.uv4j.Promise;
import io.uv4j.SpawnOptions;
import io.uv4j.Stdio;
import io.uv4j.Stream;
import io.uv4j.Tty;
import io.uv4j.UvException;
import java.util.List;
import java.util.Objects;

/**
 * Runs a command and pipes its stdout into a stream of this process (its own stdout, when run
 * as a program) with {@link Stream#pipe}, whose backpressure is the library's: once a write to
 * the destination returns false (its queue has reached the high-water mark), reading the child's
 * pipe stops until the destination drains. The child, whose writes then block on its full pipe,
 * goes only as fast as the destination takes its output, and this process holds at most the mark
 * plus one read of it.
 *
 * <p>Every byte read is written from the loop's read buffer as it is; uv4j copies only what the
 * destination cannot take at once. The child's stdin is the null device and its stderr is this
 * process's.
 *
 * <p>Usage: {@code ChildOutputPipe COMMAND [ARGUMENT...]}, with this process's stdout a terminal,
 * pipe or socket (a regular file cannot be watched by the loop: pipe through {@code cat} to
 * write one). It reports on stderr how the command ended and how often reading paused, and exits
 * with the command's status, or 128 plus the number of the signal that ended it.
 */
public final class ChildOutputPipe {
  /** The mark used by {@link #main}: reading pauses once a write leaves this many bytes waiting. */
  public static final long DEFAULT_HIGH_WATER_MARK = 256 * 1024;

  private final Promise.Resolver<ChildProcess.Exit> done;
  private ChildProcess child;
  private ChildProcess.Exit exit;
  /** The child's output has all reached the destination. */
  private boolean relayed;
  private int pauses;

  private ChildOutputPipe(Loop loop) {
    this.done = loop.promise();
  }

  /**
   * Runs the command given as arguments with its stdout piped into this process's stdout.
   *
   * @param args the program, then its arguments
   * @throws IllegalArgumentException if no command is given, an argument holds a NUL, or this
   *     process's stdout is a regular file or another descriptor the loop cannot watch
   * @throws UvException if the command cannot be started (no such program, not executable) or
   *     stdout cannot be opened
   */
  public static void main(String[] args) throws UvException {
    if (args.length == 0) throw new IllegalArgumentException("usage: ChildOutputPipe COMMAND [ARGUMENT...]");
    int code;
    try (Loop loop = Loop.create()) {
      Stream stdout = openStdout(loop);
      ChildOutputPipe relay = start(loop, List.of(args), stdout, DEFAULT_HIGH_WATER_MARK);
      Promise<Integer> exitCode = relay.done().then(how -> {
        stdout.close();
        System.err.println((how.signaled() ? "[ended by signal " + how.termSignal() : "[exit " + how.exitStatus())
            + ", reading paused " + relay.pauses() + " times]");
        return how.signaled() ? 128 + how.termSignal() : (int) how.exitStatus();
      }, failure -> {
        stdout.close();
        System.err.println("[relaying failed: " + failure.getMessage() + "]");
        return 1;
      });
      loop.run();
      code = exitCode.value();
    }
    System.exit(code);
  }

  private static Stream openStdout(Loop loop) throws UvException {
    if (Tty.isTty(1)) return new Tty(loop, 1);
    Pipe stdout = new Pipe(loop, false);
    try {
      stdout.open(1);
    } catch (UvException | RuntimeException e) {
      stdout.close();
      throw e;
    }
    return stdout;
  }

  /**
   * Spawns {@code command} and pipes its stdout into {@code destination}, whose high-water mark
   * becomes {@code highWaterMark}: reading pauses whenever a write brings that many bytes or more
   * to its queue. At the end of the child's output, {@code destination} is ended ({@link
   * Stream#shutdown()}; a pipe or terminal that cannot be is left as it is) but stays open, for
   * the caller to close; the child's pipe closes at its end and the child's handle once it exits.
   * If relaying fails, both the child's pipe and {@code destination} are closed.
   *
   * @param loop the loop the child, its pipe and {@code destination} run on, owned by this thread
   * @param command the program, then its arguments
   * @param destination an open, writable stream of {@code loop}
   * @param highWaterMark bytes waiting to be written at which reading pauses
   * @return the relay under way
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code command} is empty or holds a NUL, {@code
   *     highWaterMark} is not positive, or {@code destination} belongs to another loop
   * @throws IllegalStateException if {@code loop} or {@code destination} is closed, or called from
   *     another thread
   * @throws UvException if the command cannot be started
   */
  public static ChildOutputPipe start(Loop loop, List<String> command, Stream destination, long highWaterMark)
      throws UvException {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(destination, "destination");
    if (command.isEmpty()) throw new IllegalArgumentException("command is empty");
    if (highWaterMark <= 0) throw new IllegalArgumentException("highWaterMark must be > 0, got " + highWaterMark);
    if (destination.loop() != loop) throw new IllegalArgumentException(destination + " belongs to another loop");
    if (!destination.isWritable()) throw new IllegalArgumentException(destination + " is not writable");
    SpawnOptions options = SpawnOptions.builder(command.get(0))
        .args(command.subList(1, command.size()))
        .stdin(Stdio.ignore())
        .stdout(Stdio.pipeFromChild())
        .stderr(Stdio.inherit(2))
        .build();
    ChildOutputPipe relay = new ChildOutputPipe(loop);
    relay.child = ChildProcess.spawn(loop, options, (status, signal) -> relay.exited(new ChildProcess.Exit(status, signal)));
    destination.setHighWaterMark(highWaterMark);
    // every pause of the pipe ends in a drain of the destination
    destination.onDrain(() -> relay.pauses++);
    relay.child.stdout().pipe(destination).then(piped -> {
      relay.relayed = true;
      relay.finishIfDone();
      return null;
    }, failure -> {
      relay.done.reject(failure);
      return null;
    });
    return relay;
  }

  /**
   * How the relay ends.
   *
   * @return fulfilled with how the child ended, once it has and every byte of its output has been
   *     written to the destination; rejected with the {@link UvException} if reading the child's
   *     output or writing it failed (the child's pipe and the destination are then closed, and
   *     the child left to end)
   */
  public Promise<ChildProcess.Exit> done() {
    return done.promise();
  }

  /**
   * How often reading paused because the destination was behind, counted as it drains.
   *
   * @return the count of pauses ended so far
   */
  public int pauses() {
    return pauses;
  }

  private void exited(ChildProcess.Exit how) {
    exit = how;
    child.close();
    finishIfDone();
  }

  private void finishIfDone() {
    if (exit != null && relayed) done.resolve(exit);
  }
}
