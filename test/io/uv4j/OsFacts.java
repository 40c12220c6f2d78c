package io.uv4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.OS;

/** What other sources than libuv say about the OS: commands' output and files under /proc. */
final class OsFacts {
  private OsFacts() {}

  /** The standard output of a command that must succeed, without its final newline. */
  static String output(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    int status = process.waitFor();
    if (status != 0) throw new IOException(String.join(" ", command) + " exited with " + status);
    return new String(out, StandardCharsets.UTF_8).stripTrailing();
  }

  /** A file's text without its final newline. */
  static String read(String file) throws IOException {
    return Files.readString(Path.of(file)).stripTrailing();
  }

  /** The number on a "Key: value" line of a /proc status-like file, such as VmHWM's in KiB. */
  static long field(String file, String key) throws IOException {
    for (String line : Files.readAllLines(Path.of(file))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
      }
    }
    throw new IOException(key + " is not in " + file);
  }

  /** Field {@code n} (1-based, as proc(5) numbers them) of /proc/self/stat. */
  static long selfStat(int n) throws IOException {
    return stat("self", n);
  }

  /**
   * A process's nice value: from /proc on Linux (where ps hangs under the sanitizer's preloaded
   * runtime), else from ps.
   */
  static int nice(long pid) throws IOException, InterruptedException {
    if (OS.current() == OS.LINUX) return (int) stat(Long.toString(pid), 19);
    return Integer.parseInt(output("ps", "-o", "nice=", "-p", Long.toString(pid)).trim());
  }

  private static long stat(String process, int n) throws IOException {
    String stat = read("/proc/" + process + "/stat");
    // the command name, field 2, is in parentheses and may hold spaces
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(rest[n - 3]);
  }
}
