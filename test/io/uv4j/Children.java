package io.uv4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Children for the process tests (POSIX shell scripts), and reading a pipe to its end. */
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
