package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.internal.NativeLibrary;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
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
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows cannot delete a loaded DLL")
  void noExtractedLibraryRemainsWhileTheJvmThatLoadedItStillRuns(@TempDir Path dir) throws Exception {
    Process probe = startProbe(List.of("-Duv4j.tmpdir=" + dir), "hold");
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("loaded 1.50.0", output.readLine());

      try (Stream<Path> left = Files.list(dir)) {
        assertEquals(List.of(), left.collect(Collectors.toList()));
      }
    } finally {
      probe.getOutputStream().close();
      assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not exit");
    }
    assertEquals(0, probe.exitValue());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no POSIX file modes")
  void theExtractedLibraryIsReadableWritableAndMappableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    byte[] library = {1, 2, 3};

    Path file = NativeLibrary.extract(new ByteArrayInputStream(library), dir, "libuv4j.so");

    assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(file));
    assertArrayEquals(library, Files.readAllBytes(file));
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
    Process process = startProbe(List.of(jvmOptions));
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not exit");
    return new Probe(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** Starts a fresh JVM running {@link LoaderProbe} with {@code probeArguments}. */
  private static Process startProbe(List<String> jvmOptions, String... probeArguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // JDK 24 and later warn on System.load unless native access is granted
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(locationOf(Uv.class) + File.pathSeparator + locationOf(LoaderProbe.class));
    command.add(LoaderProbe.class.getName());
    command.addAll(List.of(probeArguments));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String locationOf(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
