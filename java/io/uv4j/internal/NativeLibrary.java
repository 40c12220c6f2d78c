package io.uv4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Finds and loads the uv4j shared library: {@code -Duv4j.library.path=<file>} if set, else the
 * library for this os and arch extracted from the jar ({@code META-INF/native/<os>-<arch>/}) to a
 * private temporary file (in {@code -Duv4j.tmpdir}, else {@code java.io.tmpdir}). On POSIX systems
 * that file is readable by its owner only and deleted as soon as it is loaded.
 */
public final class NativeLibrary {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

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
      Path file = extract(in, dir, fileName);
      try {
        loadFile(file, tried + " extracted to " + file);
      } finally {
        if (POSIX) deleteLoaded(file);
      }
    } catch (IOException e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError(
              "uv4j could not extract its native library for " + platform() + " (" + tried
                  + "): " + e + "; set -Duv4j.tmpdir to a writable, executable folder");
      error.initCause(e);
      throw error;
    }
  }

  /**
   * Copies {@code library} to a new file in {@code dir} named after {@code fileName}. On POSIX
   * systems only the owner may read, write or map it, from its creation on (mode 0700); elsewhere
   * (Windows) it has the folder's default access and is deleted when the JVM exits, since Windows
   * has no POSIX modes and cannot delete a DLL that is loaded.
   *
   * @return the new file; on POSIX the caller deletes it
   * @throws IOException if the file cannot be made or written
   */
  public static Path extract(InputStream library, Path dir, String fileName) throws IOException {
    int dot = fileName.lastIndexOf('.');
    String prefix = fileName.substring(0, dot) + "-";
    String suffix = fileName.substring(dot);
    Path file;
    if (POSIX) {
      file = Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      file = Files.createTempFile(dir, prefix, suffix);
      file.toFile().deleteOnExit();
    }
    // opened without re-creating, so the file keeps the mode it was created with
    try (OutputStream out = Files.newOutputStream(file)) {
      library.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /**
   * Removes the extracted file once System.load has mapped it (the mapping outlives the name), so
   * that not even a JVM killed with SIGKILL leaves it behind.
   */
  private static void deleteLoaded(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
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
