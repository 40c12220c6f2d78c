package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
  void theLibraryForThisPlatformIsAResourceInTheFolderTheLoaderLooksIn() throws IOException {
    String resource =
        "/META-INF/native/" + NativeLibrary.platform() + "/" + System.mapLibraryName("uv4j");

    try (InputStream in = Uv.class.getResourceAsStream(resource)) {
      assertNotNull(in, "no resource " + resource);
      assertTrue(in.read() >= 0, resource + " is empty");
    }
  }

  @ParameterizedTest(name = "{0} {1} musl={2}: {3}")
  @CsvSource({
    "Linux, amd64, false, linux-x86_64",
    "Linux, aarch64, false, linux-aarch64",
    "Linux, amd64, true, linux-musl-x86_64",
    "Linux, aarch64, true, linux-musl-aarch64",
    "Mac OS X, x86_64, false, macos-x86_64",
    "Mac OS X, aarch64, false, macos-aarch64",
    "Windows 11, amd64, false, windows-x86_64",
    "Windows 11, aarch64, false, windows-aarch64",
    "Windows Server 2022, amd64, true, windows-x86_64",
    "FreeBSD, riscv64, false, freebsd-riscv64"
  })
  void platformFolderIsNamedForTheOsTheArchAndOnLinuxTheCLibrary(
      String osName, String osArch, boolean musl, String folder) {
    assertEquals(folder, NativeLibrary.platform(osName, osArch, musl));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/lib/ld-musl-x86_64.so.1",
        "/lib/libc.musl-aarch64.so.1",
        "/usr/lib/x86_64-linux-musl/libc.so",
        "/usr/lib/libc.so"
      })
  void aProcessThatMapsMuslsCLibraryRunsOnMusl(String muslLibrary) {
    Stream<String> maps =
        Stream.of(
            "55d1c0a00000-55d1c0a01000 r--p 00000000 08:01 1234 /usr/lib/jvm/java-17-openjdk/bin/java",
            "7f3a2c000000-7f3a2c014000 r--p 00000000 08:01 5678 " + muslLibrary,
            "7ffd4e3f0000-7ffd4e411000 rw-p 00000000 00:00 0 [stack]");

    assertTrue(NativeLibrary.mapsMusl(maps));
  }

  @Test
  void aProcessThatMapsGlibcDoesNotRunOnMusl() {
    Stream<String> maps =
        Stream.of(
            "55d1c0a00000-55d1c0a01000 r--p 00000000 08:01 1234 /usr/lib/jvm/java-17-openjdk/bin/java",
            "7f3a2c000000-7f3a2c028000 r--p 00000000 08:01 5678 /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f3a2c200000-7f3a2c201000 r--p 00000000 08:01 9012 /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");

    assertFalse(NativeLibrary.mapsMusl(maps));
  }

  @Test
  void platformsOfAJarAreTheFoldersWithFilesUnderMetaInfNative(@TempDir Path dir)
      throws IOException {
    Path jar = dir.resolve("uv4j.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry :
          List.of(
              "io/uv4j/Uv.class",
              "META-INF/native/",
              "META-INF/native/windows-aarch64/",
              "META-INF/native/windows-aarch64/uv4j.dll",
              "META-INF/native/linux-musl-x86_64/libuv4j.so",
              "META-INF/native/linux-x86_64/libuv4j.so",
              "META-INF/native/README",
              "META-INF/native/empty-folder/")) {
        out.putNextEntry(new JarEntry(entry));
        out.closeEntry();
      }
    }

    assertEquals(
        List.of("linux-musl-x86_64", "linux-x86_64", "windows-aarch64"),
        NativeLibrary.platformsIn(jar));
  }

  @Test
  void platformsOfAClassesDirectoryAreTheFoldersWithFilesUnderMetaInfNative(@TempDir Path dir)
      throws IOException {
    for (String file :
        List.of(
            "io/uv4j/Uv.class",
            "META-INF/native/macos-aarch64/libuv4j.dylib",
            "META-INF/native/linux-aarch64/libuv4j.so",
            "META-INF/native/README")) {
      Files.createDirectories(dir.resolve(file).getParent());
      Files.createFile(dir.resolve(file));
    }
    Files.createDirectories(dir.resolve("META-INF/native/empty-folder"));

    assertEquals(List.of("linux-aarch64", "macos-aarch64"), NativeLibrary.platformsIn(dir));
  }

  @Test
  void withNoLibraryForThisPlatformTheErrorNamesThePlatformWhatWasTriedAndWhatTheJarHas()
      throws Exception {
    String missing =
        NativeLibrary.platform(System.getProperty("os.name"), "riscv64", NativeLibrary.runsOnMusl());
    String library = System.mapLibraryName("uv4j");

    Probe probe = runProbe("-Dos.arch=riscv64");

    String error = probe.output();
    assertEquals(3, probe.exitCode(), error);
    assertAll(
        () -> assertContains("no native library that loads on " + missing + " ", error),
        () -> assertContains("1. -Duv4j.library.path: not set", error),
        () -> assertContains("2. META-INF/native/" + missing + "/" + library + ": not in the jar", error),
        () -> assertContains("3. System.loadLibrary(\"uv4j\"): no uv4j in java.library.path", error),
        () -> assertTrue(listedPlatforms(error).contains(NativeLibrary.platform()), error));
  }

  @Test
  void withNoLibraryForThisPlatformInTheJarTheOneOnJavaLibraryPathIsLoaded(@TempDir Path dir)
      throws Exception {
    String library = System.mapLibraryName("uv4j");
    try (InputStream in =
        Uv.class.getResourceAsStream("/META-INF/native/" + NativeLibrary.platform() + "/" + library)) {
      Files.copy(in, dir.resolve(library));
    }

    Probe probe = runProbe("-Dos.arch=riscv64", "-Djava.library.path=" + dir);

    assertEquals(0, probe.exitCode(), probe.output());
    assertEquals("loaded 1.50.0", probe.output().strip());
  }

  private static void assertContains(String expected, String actual) {
    assertTrue(actual.contains(expected), () -> "no \"" + expected + "\" in: " + actual);
  }

  /** The platforms a loader error says the jar has libraries for. */
  private static List<String> listedPlatforms(String error) {
    Matcher listing = Pattern.compile(" has libraries for (.*?)\\. Set ").matcher(error);
    assertTrue(listing.find(), error);
    return List.of(listing.group(1).split(", "));
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
