package io.uv4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds and loads the uv4j shared library: {@code -Duv4j.library.path=<file>} if set, else the
 * library for this os and arch extracted from the jar ({@code META-INF/native/<os>-<arch>/}) to a
 * private temporary file (in {@code -Duv4j.tmpdir}, else {@code java.io.tmpdir}).
 */
public final class NativeLibrary {
  private static boolean loaded;

  private NativeLibrary() {}

  /**
   * Loads the library once; later calls return at once.
   *
   * @throws UnsatisfiedLinkError if no library for this platform can be found or loaded; the
   *     message names the detected os/arch and every place tried
   */
  public static synchronized void load() {
    if (loaded) return;
    String explicit = System.getProperty("uv4j.library.path");
    if (explicit != null && !explicit.isEmpty()) {
      loadFile(Paths.get(explicit).toAbsolutePath(), "-Duv4j.library.path=" + explicit);
    } else {
      loadFromJar();
    }
    loaded = true;
  }

  /** The folder name for this platform, as the build names it: {@code linux-x86_64} etc. */
  public static String platform() {
    return os() + "-" + arch();
  }

  static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.startsWith("linux")) return "linux";
    if (name.startsWith("mac") || name.startsWith("darwin")) return "macos";
    if (name.startsWith("windows")) return "windows";
    return name.replaceAll("[^a-z0-9]", "");
  }

  static String arch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64":
      case "x86_64":
      case "x64":
        return "x86_64";
      case "aarch64":
      case "arm64":
        return "aarch64";
      default:
        return arch.replaceAll("[^a-z0-9_]", "");
    }
  }

  private static void loadFromJar() {
    String fileName = System.mapLibraryName("uv4j");
    String resource = "/META-INF/native/" + platform() + "/" + fileName;
    String tried = "classpath resource " + resource;
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "uv4j has no native library for os=" + os() + " arch=" + arch() + " (os.name="
                + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                + "); tried " + tried + "; set -Duv4j.library.path=<file> to use another build");
      }
      String dirProperty = System.getProperty("uv4j.tmpdir");
      Path dir = Paths.get(dirProperty != null ? dirProperty : System.getProperty("java.io.tmpdir"));
      Files.createDirectories(dir);
      int dot = fileName.lastIndexOf('.');
      Path file = Files.createTempFile(dir, fileName.substring(0, dot) + "-", fileName.substring(dot));
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      loadFile(file, tried + " extracted to " + file);
    } catch (IOException e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError(
              "uv4j could not extract its native library for " + platform() + " (" + tried
                  + "): " + e + "; set -Duv4j.tmpdir to a writable, executable folder");
      error.initCause(e);
      throw error;
    }
  }

  private static void loadFile(Path file, String tried) {
    try {
      System.load(file.toString());
    } catch (UnsatisfiedLinkError e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError(
              "uv4j could not load its native library for os=" + os() + " arch=" + arch()
                  + " from " + tried + ": " + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }
}
