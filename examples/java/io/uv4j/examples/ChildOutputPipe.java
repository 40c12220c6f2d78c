package io.uv4j.examples;

import io.uv4j.ChildProcess;
import io.uv4j.Completion;
import io.uv4j.Loop;
import io.uv4j.Pipe;
import io.uv4j.Promise;
import io.uv4j.SpawnOptions;
import io.uv4j.Stdio;
import io.uv4j.Stream;
import io.uv4j.Tty;
import io.uv4j.UvException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Runs a command and pipes its stdout into a stream of this process (its own stdout, when run
 * as a program) with backpressure done by hand: reading the child's pipe stops while more than a
 * high-water mark of bytes wait to be written to the destination, and starts again once a write
 * callback finds nothing waiting. The child, whose writes then block on its full pipe, goes only
 * as fast as the destination takes its output, and this process holds at most the mark plus one
 * read of it.
 *
 * <p>Every byte read is written from the loop's read buffer as it is; uv4j copies only what the
 * destination cannot take at once. The child's stdin is the null device and its stderr is this
 * process's.
 *
 * <p>Usage: {@code ChildOutputPipe COMMAND [ARGUMENT...]}, with this process's stdout a terminal,
 * pipe or socket (a regular file cannot be watched by the loop: pipe through {@code cat} to
 * write one). It reports on stderr how the command ended, how many bytes went through and how
 * often reading paused, and exits with the command's status, or 128 plus the number of the
 * signal that ended it.
 */
public final class ChildOutputPipe {
  /** The mark used by {@link #main}: reading pauses while more than this many bytes wait. */
  public static final long DEFAULT_HIGH_WATER_MARK = 256 * 1024;

  private final Stream destination;
  private final long highWaterMark;
  private final Promise.Resolver<ChildProcess.Exit> done;
  private final Stream.Reader reader = new Relay();
  private final Completion afterWrite = this::afterWrite;
  private ChildProcess child;
  private Pipe source;
  private Runnable onPause = () -> {};
  private ChildProcess.Exit exit;
  private boolean sourceEnded;
  private boolean paused;
  private boolean failed;
  private int writesPending;
  private long bytes;
  private int pauses;
  private long peakQueued;

  private ChildOutputPipe(Loop loop, Stream destination, long highWaterMark) {
    this.destination = destination;
    this.highWaterMark = highWaterMark;
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
            + ", " + relay.bytesRelayed() + " bytes relayed, reading paused " + relay.pauses() + " times]");
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
   * Spawns {@code command} and relays its stdout into {@code destination}, pausing while more than
   * {@code highWaterMark} bytes wait to be written there. The child's pipe closes at its end and
   * the child's handle once it exits; {@code destination} stays open, for the caller to close.
   *
   * @param loop the loop the child, its pipe and {@code destination} run on, owned by this thread
   * @param command the program, then its arguments
   * @param destination an open, writable stream of {@code loop}
   * @param highWaterMark bytes waiting to be written above which reading pauses
   * @return the relay under way
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code command} is empty or holds a NUL, {@code
   *     highWaterMark} is not positive, or {@code destination} belongs to another loop
   * @throws IllegalStateException if {@code loop} or {@code destination} is closed, or called from
   *     another thread
   * @throws UvException if the command cannot be started, or its output cannot be read
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
    ChildOutputPipe relay = new ChildOutputPipe(loop, destination, highWaterMark);
    relay.child = ChildProcess.spawn(loop, options, (status, signal) -> relay.exited(new ChildProcess.Exit(status, signal)));
    relay.source = relay.child.stdout();
    try {
      relay.source.readStart(relay.reader);
    } catch (UvException | RuntimeException e) {
      // the child's handle still closes at its exit
      relay.source.close();
      throw e;
    }
    return relay;
  }

  /**
   * How the relay ends.
   *
   * @return fulfilled with how the child ended, once it has and every byte of its output has been
   *     written to the destination; rejected with the {@link UvException} if reading the child's
   *     output or writing it failed (the child's pipe is then closed, and the child left to end)
   */
  public Promise<ChildProcess.Exit> done() {
    return done.promise();
  }

  /**
   * Sets what to run each time reading pauses, on the loop thread: a progress display, or a test
   * that waits for backpressure before it consumes the destination. Replaces the one set before.
   *
   * @param listener run after reading has stopped
   * @throws NullPointerException if {@code listener} is null
   */
  public void onPause(Runnable listener) {
    onPause = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Bytes read from the child so far, each handed to the destination.
   *
   * @return the count of bytes relayed
   */
  public long bytesRelayed() {
    return bytes;
  }

  /**
   * How often reading paused because the destination was behind.
   *
   * @return the count of pauses so far
   */
  public int pauses() {
    return pauses;
  }

  /**
   * The most bytes seen waiting to be written to the destination, just after a write: at most the
   * high-water mark plus one read.
   *
   * @return the largest write-queue size seen
   */
  public long peakQueued() {
    return peakQueued;
  }

  /** Reads the child's stdout into the destination. */
  private final class Relay implements Stream.Reader {
    @Override
    public void onData(ByteBuffer data) {
      bytes += data.remaining();
      writesPending++;
      // every write has a callback: it tells of a failure, and of when the queue has emptied
      destination.write(data, afterWrite);
      long queued = destination.writeQueueSize();
      peakQueued = Math.max(peakQueued, queued);
      if (queued > highWaterMark) {
        source.readStop();
        paused = true;
        pauses++;
        onPause.run();
      }
    }

    @Override
    public void onEnd() {
      sourceEnded = true;
      source.close();
      finishIfDone();
    }

    @Override
    public void onError(UvException error) {
      fail(error);
    }
  }

  private void afterWrite(UvException error) throws UvException {
    writesPending--;
    if (error != null) {
      fail(error);
    } else if (paused && !failed && destination.writeQueueSize() == 0) {
      paused = false;
      source.readStart(reader);
    }
    finishIfDone();
  }

  private void exited(ChildProcess.Exit how) {
    exit = how;
    child.close();
    finishIfDone();
  }

  private void fail(UvException error) {
    if (failed) return;
    failed = true;
    if (!source.isClosing()) source.close();
    done.reject(error);
  }

  private void finishIfDone() {
    if (exit != null && sourceEnded && writesPending == 0 && !failed) done.resolve(exit);
  }
}
