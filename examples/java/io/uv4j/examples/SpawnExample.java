package io.uv4j.examples;

import io.uv4j.ChildProcess;
import io.uv4j.Loop;
import io.uv4j.Pipe;
import io.uv4j.Promise;
import io.uv4j.SpawnOptions;
import io.uv4j.Stdio;
import io.uv4j.Stream;
import io.uv4j.UvException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a command with its stdout and stderr piped back to this process, which prints each line
 * as it arrives, marked with the stream it came from, and then how the command ended.
 *
 * <p>Usage: {@code SpawnExample COMMAND [ARGUMENT...]}; exits with the command's status, or 128
 * plus the number of the signal that ended it.
 */
public final class SpawnExample {
  private SpawnExample() {}

  /**
   * Runs the command given as arguments and relays its output to this process's stdout.
   *
   * @param args the program, then its arguments
   * @throws IllegalArgumentException if no command is given, or an argument holds a NUL
   * @throws UvException if the command cannot be started (no such program, not executable)
   */
  public static void main(String[] args) throws UvException {
    if (args.length == 0) throw new IllegalArgumentException("usage: SpawnExample COMMAND [ARGUMENT...]");
    int code;
    try (Loop loop = Loop.create()) {
      Promise<ChildProcess.Exit> exit = relay(loop, List.of(args), System.out::println);
      loop.run();
      ChildProcess.Exit how = exit.value();
      System.out.println(how.signaled() ? "[ended by signal " + how.termSignal() + "]" : "[exit " + how.exitStatus() + "]");
      code = how.signaled() ? 128 + how.termSignal() : (int) how.exitStatus();
    }
    System.exit(code);
  }

  /**
   * Spawns {@code command} with stdin on the null device and stdout and stderr piped, and hands
   * {@code lines} each line it writes, prefixed {@code "[out] "} or {@code "[err] "}. Both pipes
   * close at their end and the child's handle once it exits, so the loop's run ends when the
   * command has ended and said everything.
   *
   * @param loop the loop the child and its pipes run on, owned by this thread
   * @param command the program, then its arguments
   * @param lines told of every line on the loop thread, without its line break
   * @return fulfilled with how the command ended
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code command} is empty or holds a NUL
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   * @throws UvException if the command cannot be started
   */
  public static Promise<ChildProcess.Exit> relay(Loop loop, List<String> command, Consumer<String> lines) throws UvException {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(lines, "lines");
    if (command.isEmpty()) throw new IllegalArgumentException("command is empty");
    SpawnOptions options = SpawnOptions.builder(command.get(0))
        .args(command.subList(1, command.size()))
        .stdout(Stdio.pipeFromChild())
        .stderr(Stdio.pipeFromChild())
        .build();
    ChildProcess child = ChildProcess.spawn(loop, options);
    relayLines(child.stdout(), "[out] ", lines);
    relayLines(child.stderr(), "[err] ", lines);
    return child.exit().finallyDo(child::close);
  }

  /** Reads {@code pipe} to its end, handing on each complete line; a last unfinished one goes at the end. */
  private static void relayLines(Pipe pipe, String prefix, Consumer<String> lines) throws UvException {
    StringBuilder pending = new StringBuilder();
    pipe.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        pending.append(StandardCharsets.UTF_8.decode(data));
        int end;
        while ((end = pending.indexOf("\n")) >= 0) {
          lines.accept(prefix + pending.substring(0, end));
          pending.delete(0, end + 1);
        }
      }

      @Override
      public void onEnd() {
        if (pending.length() > 0) lines.accept(prefix + pending);
        pipe.close();
      }
    });
  }
}
