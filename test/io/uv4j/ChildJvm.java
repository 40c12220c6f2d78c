package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a probe's main class in a fresh JVM that loads the library this one loaded. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code args}, under -Xcheck:jni; fails unless it exits 0 within a
   * minute with no warning. Returns what it printed (stdout and stderr), stripped.
   */
  static String run(Class<?> main, String... args) throws Exception {
    return run(Map.of(), main, args);
  }

  /** As {@link #run(Class, String...)}, with {@code environment} added to the JVM's. */
  static String run(Map<String, String> environment, Class<?> main, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command(main, args)).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not exit");
    assertEquals(0, process.exitValue(), output);
    assertFalse(output.contains("WARNING"), output);
    return output.strip();
  }

  /** How a probe JVM ended: its exit status and what it printed on each stream. */
  record Ended(int status, String stdout, String stderr) {}

  /**
   * Runs {@code main} with {@code args}, under -Xcheck:jni, for a probe whose exit status is part
   * of what it shows; fails unless it exits within a minute.
   */
  static Ended runToEnd(Class<?> main, String... args) throws Exception {
    File stderr = File.createTempFile("probe", ".err");
    try {
      Process process = new ProcessBuilder(command(main, args)).redirectError(stderr).start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not exit");
      return new Ended(process.exitValue(), stdout,
          new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8));
    } finally {
      stderr.delete();
    }
  }

  private static List<String> command(Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // JDK 24 and later warn on System.load unless native access is granted
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xcheck:jni");
    // a sanitized build, say, when the tests run against one
    String library = System.getProperty("uv4j.library.path");
    if (library != null) command.add("-Duv4j.library.path=" + library);
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator + locationOf(Loop.class)
        + File.pathSeparator + locationOf(main));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  private static String locationOf(Class<?> type) throws Exception {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
