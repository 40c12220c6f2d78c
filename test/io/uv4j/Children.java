package io.uv4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Children for the process tests (POSIX shell scripts), this platform's signal numbers, and reading a pipe to its end. */
final class Children {
  private Children() {}

  /** Options that run {@code script} with /bin/sh. */
  static SpawnOptions.Builder sh(String script, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-c";
    all[1] = script;
    System.arraycopy(args, 0, all, 2, args.length);
    return SpawnOptions.builder("/bin/sh").args(all);
  }

  /**
   * The number of the signal {@code name} (without "SIG") on this platform: a shell sends it to
   * itself, and the JVM reports a child a signal ended as 128 plus the signal's number.
   */
  static int signal(String name) {
    try {
      Process self = new ProcessBuilder("/bin/sh", "-c", "kill -" + name + " $$").start();
      if (!self.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("kill -" + name + " did not end the shell");
      int status = self.exitValue();
      if (status <= 128) throw new IllegalStateException("kill -" + name + " left the shell with status " + status);
      return status - 128;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Everything {@code pipe} reads until its end, as text, into {@code out}; closes the pipe at the end. */
  static void collect(Pipe pipe, StringBuilder out) throws UvException {
    pipe.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        out.append(StandardCharsets.UTF_8.decode(data));
      }

      @Override
      public void onEnd() {
        pipe.close();
      }
    });
  }
}
