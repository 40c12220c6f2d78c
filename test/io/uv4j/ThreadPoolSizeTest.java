package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadPoolSizeTest {
  @Test
  void aSizeBelowOneIsRefusedWithIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Uv.setThreadPoolSize(0));
    assertEquals("thread pool size must be 1..1024, got 0", e.getMessage());
  }

  @Test
  void aSizeAboveLibuvsMaximumIsRefusedWithIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Uv.setThreadPoolSize(1025));
    assertEquals("thread pool size must be 1..1024, got 1025", e.getMessage());
  }

  @Test
  void onceThePoolHasStartedItsSizeIsRefusedNamingTheSizeItHas() throws Exception {
    try (Loop loop = Loop.create()) {
      loop.queueWork(() -> 1);
      loop.run();
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Uv.setThreadPoolSize(2));
    assertEquals(
        "libuv's thread pool has started already, with " + PoolSize.get()
            + " threads; set its size before its first use",
        e.getMessage());
  }

  @Test
  void theSizeOfAStartedPoolIsTheOneLibuvRead() throws Exception {
    try (Loop loop = Loop.create()) {
      loop.queueWork(() -> 1);
      loop.run();
    }
    assertEquals(PoolSize.get(), Uv.threadPoolSize());
  }

  @Test
  void aSizeSetBeforeTheFirstUseIsThePoolsWhateverTheEnvironmentSays() throws Exception {
    // the probe JVM starts with UV_THREADPOOL_SIZE=8
    assertEquals("before=3 concurrent=3 after=libuv's thread pool has started already, with 3 threads;"
        + " set its size before its first use", probe(3));
  }

  /** Runs {@link PoolSizeProbe} in a fresh JVM, with UV_THREADPOOL_SIZE=8; returns its report. */
  private static String probe(int size) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // JDK 24 and later warn on System.load unless native access is granted
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xcheck:jni");
    // the probe loads the library this JVM loaded, such as a sanitized build
    String library = System.getProperty("uv4j.library.path");
    if (library != null) command.add("-Duv4j.library.path=" + library);
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator + locationOf(Uv.class) + File.pathSeparator
        + locationOf(PoolSizeProbe.class));
    command.add(PoolSizeProbe.class.getName());
    command.add(String.valueOf(size));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("UV_THREADPOOL_SIZE", "8");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not exit");
    assertEquals(0, process.exitValue(), output);
    assertFalse(output.contains("WARNING"), output);
    return output.strip();
  }

  private static String locationOf(Class<?> type) throws Exception {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
