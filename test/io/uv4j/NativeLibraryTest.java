package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.internal.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and loading the native library. */
class NativeLibraryTest {
  /** The output and exit status of a fresh JVM running {@link LoaderProbe}. */
  private record Probe(int exitCode, String output) {}

  @Test
  void libraryPathToAMissingFileGivesUnsatisfiedLinkErrorNamingThePath(@TempDir Path dir)
      throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve(System.mapLibraryName("uv4j"));

    Probe probe = runProbe("-Duv4j.library.path=" + missing);

    assertEquals(3, probe.exitCode(), probe.output());
    assertTrue(probe.output().startsWith("UnsatisfiedLinkError: "), probe.output());
    assertTrue(probe.output().contains(missing.toString()), probe.output());
  }

  @Test
  void freshJvmLoadsTheLibraryFromTheJarResources() throws Exception {
    Probe probe = runProbe();

    assertEquals(0, probe.exitCode(), probe.output());
    assertEquals("loaded 1.50.0", probe.output().strip());
  }

  @Test
  void libraryIsAResourceUnderMetaInfNativeOsArch() throws IOException {
    String resource =
        "/META-INF/native/" + expectedPlatform() + "/" + System.mapLibraryName("uv4j");

    try (InputStream in = Uv.class.getResourceAsStream(resource)) {
      assertNotNull(in, "no resource " + resource);
      assertTrue(in.read() >= 0, resource + " is empty");
    }
  }

  @Test
  void platformIsTheFolderNameTheBuildUses() {
    assertEquals(expectedPlatform(), NativeLibrary.platform());
  }

  /** The os-arch folder name, worked out independently of the loader for common platforms. */
  private static String expectedPlatform() {
    String osName = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String os =
        osName.startsWith("linux") ? "linux"
            : osName.startsWith("mac") ? "macos"
            : osName.startsWith("windows") ? "windows"
            : osName;
    String archName = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String arch =
        archName.equals("amd64") || archName.equals("x86_64") ? "x86_64"
            : archName.equals("aarch64") || archName.equals("arm64") ? "aarch64"
            : archName;
    return os + "-" + arch;
  }

  private static Probe runProbe(String... jvmOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // JDK 24 and later warn on System.load unless native access is granted
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(locationOf(Uv.class) + File.pathSeparator + locationOf(LoaderProbe.class));
    command.add(LoaderProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not exit");
    return new Probe(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static String locationOf(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
