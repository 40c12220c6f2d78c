package io.uv4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds and loads the uv4j shared library. In this order:
 *
 * <ol>
 *   <li>{@code -Duv4j.library.path=<file>}, when set: that file and nothing else, so that a build
 *       chosen on purpose is never silently replaced by another;
 *   <li>the jar's library for this platform, {@code META-INF/native/<platform>/<file>}, extracted
 *       to a private temporary file (in {@code -Duv4j.tmpdir}, else {@code java.io.tmpdir}); on
 *       POSIX systems that file is readable by its owner only and deleted as soon as it is loaded;
 *   <li>{@code System.loadLibrary("uv4j")}, which searches {@code java.library.path}.
 * </ol>
 *
 * <p>The platform is {@code <os>-<arch>}, where the os of a Linux whose C library is musl (Alpine)
 * is {@code linux-musl}: a library linked against glibc does not load there, nor the other way
 * round.
 */
public final class NativeLibrary {
  private static final String NATIVE_ROOT = "META-INF/native/";
  private static final String LIBRARY_PATH_PROPERTY = "uv4j.library.path";
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private static boolean loaded;

  private NativeLibrary() {}

  /**
   * Loads the library once; later calls return at once.
   *
   * @throws UnsatisfiedLinkError if no library can be loaded; the message names this platform,
   *     every way tried and why it failed, and the platforms the jar has libraries for
   */
  public static synchronized void load() {
    if (loaded) return;
    String explicit = System.getProperty(LIBRARY_PATH_PROPERTY);
    if (explicit != null && !explicit.isEmpty()) {
      loadExplicit(explicit);
    } else {
      String platform = platform();
      List<String> failures = new ArrayList<>();
      failures.add("-D" + LIBRARY_PATH_PROPERTY + ": not set");
      if (!loadFromJar(platform, failures) && !loadFromLibraryPath(failures)) {
        throw new UnsatisfiedLinkError(notFoundMessage(platform, failures));
      }
    }
    loaded = true;
  }

  /**
   * The platform folder name for this JVM, as the build names it: {@code linux-x86_64}, {@code
   * linux-musl-aarch64}, {@code macos-aarch64}, {@code windows-x86_64}...
   *
   * @return {@code <os>-<arch>}
   */
  public static String platform() {
    String osName = System.getProperty("os.name", "");
    return platform(osName, System.getProperty("os.arch", ""), isLinux(osName) && runsOnMusl());
  }

  /**
   * The platform folder name for an {@code os.name} and {@code os.arch}: {@code linux}, {@code
   * macos} or {@code windows} (other systems: their name in lower case, letters and digits only),
   * then {@code -x86_64}, {@code -aarch64} (other architectures: {@code os.arch} in lower case).
   *
   * @param osName the {@code os.name} system property
   * @param osArch the {@code os.arch} system property
   * @param musl whether the C library is musl; considered on Linux only
   * @return {@code <os>-<arch>}, with {@code linux-musl} as the os of Linux on musl
   */
  public static String platform(String osName, String osArch, boolean musl) {
    return os(osName, musl) + "-" + arch(osArch);
  }

  /**
   * Whether this process runs on musl, from the files Linux maps into it: one of them is the C
   * library, and musl's is a file other than glibc's {@code libc.so.6}. A process whose {@code
   * /proc/self/maps} cannot be read is taken to run on glibc.
   *
   * @return true if {@code /proc/self/maps} shows musl
   */
  public static boolean runsOnMusl() {
    try (Stream<String> maps = Files.lines(Paths.get("/proc/self/maps"))) {
      return mapsMusl(maps);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Whether lines of a Linux {@code /proc/<pid>/maps} file show musl's C library mapped: a file
   * named {@code ld-musl-<arch>.so.1} or {@code libc.musl-<arch>.so.1} (Alpine), or {@code libc.so}
   * (where musl is installed as its own makefile installs it, as on Debian: glibc's {@code libc.so}
   * is a linker script, never mapped). The maps name the file a symbolic link leads to, not the
   * link.
   *
   * @param mapsLines the lines of the file
   * @return true if one of them maps musl's C library
   */
  public static boolean mapsMusl(Stream<String> mapsLines) {
    return mapsLines
        .map(line -> line.substring(line.lastIndexOf('/') + 1))
        .anyMatch(
            name -> name.startsWith("ld-musl-") || name.startsWith("libc.musl-") || name.equals("libc.so"));
  }

  /**
   * The platform folders that hold native libraries in a jar file or a classes directory: the
   * names of the folders under its {@code META-INF/native/} that hold a file.
   *
   * @param location a jar file, or a directory such as a build's classes directory
   * @return the folder names, sorted; empty if it has no {@code META-INF/native/}
   * @throws IOException if the jar or directory cannot be read
   * @throws UncheckedIOException if a folder of the directory cannot be read
   */
  public static List<String> platformsIn(Path location) throws IOException {
    if (Files.isDirectory(location)) {
      Path root = location.resolve(NATIVE_ROOT);
      if (!Files.isDirectory(root)) return List.of();
      try (Stream<Path> children = Files.list(root)) {
        return children
            .filter(NativeLibrary::holdsAFile)
            .map(child -> child.getFileName().toString())
            .sorted()
            .collect(Collectors.toList());
      }
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      return jar.stream()
          .filter(entry -> !entry.isDirectory())
          .map(ZipEntry::getName)
          .filter(name -> name.startsWith(NATIVE_ROOT))
          .map(name -> name.substring(NATIVE_ROOT.length()))
          .filter(path -> path.indexOf('/') > 0) // in a folder, not a file beside the folders
          .map(path -> path.substring(0, path.indexOf('/')))
          .distinct()
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static boolean holdsAFile(Path folder) {
    if (!Files.isDirectory(folder)) return false;
    try (Stream<Path> children = Files.list(folder)) {
      return children.anyMatch(Files::isRegularFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isLinux(String osName) {
    return osName.toLowerCase(Locale.ROOT).startsWith("linux");
  }

  private static String os(String osName, boolean musl) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.startsWith("linux")) return musl ? "linux-musl" : "linux";
    if (name.startsWith("mac") || name.startsWith("darwin")) return "macos";
    if (name.startsWith("windows")) return "windows";
    return name.replaceAll("[^a-z0-9]", "");
  }

  private static String arch(String osArch) {
    String arch = osArch.toLowerCase(Locale.ROOT);
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

  private static void loadExplicit(String explicit) {
    Path file = Paths.get(explicit).toAbsolutePath();
    try {
      System.load(file.toString());
    } catch (UnsatisfiedLinkError e) {
      String absolute = file.toString().equals(explicit) ? "" : " (" + file + ")";
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError(
              "uv4j could not load its native library from -D" + LIBRARY_PATH_PROPERTY + "="
                  + explicit + absolute + ": " + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }

  /** Loads the jar's library for {@code platform}; if it cannot, adds why to {@code failures}. */
  private static boolean loadFromJar(String platform, List<String> failures) {
    String fileName = System.mapLibraryName("uv4j");
    String resource = NATIVE_ROOT + platform + "/" + fileName;
    try (InputStream in = NativeLibrary.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        failures.add(resource + ": not in the jar");
        return false;
      }
      String dirProperty = System.getProperty("uv4j.tmpdir");
      Path dir = Paths.get(dirProperty != null ? dirProperty : System.getProperty("java.io.tmpdir"));
      Files.createDirectories(dir);
      Path file = extract(in, dir, fileName);
      try {
        System.load(file.toString());
        return true;
      } catch (UnsatisfiedLinkError e) {
        failures.add(resource + ", extracted to " + file + ": " + e.getMessage());
        return false;
      } finally {
        if (POSIX) deleteLoaded(file);
      }
    } catch (IOException e) {
      failures.add(
          resource + ": could not be extracted (" + e
              + "); -Duv4j.tmpdir may name a writable folder that allows executables");
      return false;
    }
  }

  /** Loads uv4j from {@code java.library.path}; if it cannot, adds why to {@code failures}. */
  private static boolean loadFromLibraryPath(List<String> failures) {
    try {
      System.loadLibrary("uv4j");
      return true;
    } catch (UnsatisfiedLinkError e) {
      // the JDK's message names java.library.path and its value
      failures.add("System.loadLibrary(\"uv4j\"): " + e.getMessage());
      return false;
    }
  }

  private static String notFoundMessage(String platform, List<String> failures) {
    StringBuilder message =
        new StringBuilder("uv4j has no native library that loads on ")
            .append(platform)
            .append(" (os.name=")
            .append(System.getProperty("os.name"))
            .append(", os.arch=")
            .append(System.getProperty("os.arch"))
            .append("). Tried");
    for (int i = 0; i < failures.size(); i++) {
      message.append(i == 0 ? " " : "; ").append(i + 1).append(". ").append(failures.get(i));
    }
    return message
        .append(". ")
        .append(jarContents())
        .append(". Set -D")
        .append(LIBRARY_PATH_PROPERTY)
        .append("=<file> to load a library built for ")
        .append(platform)
        .append('.')
        .toString();
  }

  /** Which platform folders the jar (or classes directory) holding this class has, in words. */
  private static String jarContents() {
    CodeSource source = NativeLibrary.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "The jar's platform folders cannot be listed: where uv4j's classes come from is unknown";
    }
    Path location;
    try {
      location = Paths.get(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      return "The jar's platform folders cannot be listed: uv4j's classes come from "
          + source.getLocation() + ", not a file";
    }
    try {
      List<String> platforms = platformsIn(location);
      return platforms.isEmpty()
          ? location + " has no native library at all (no folder under " + NATIVE_ROOT + ")"
          : location + " has libraries for " + String.join(", ", platforms);
    } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
      return "The platform folders of " + location + " cannot be listed: " + e;
    }
  }

  /**
   * Copies {@code library} to a new file in {@code dir} named after {@code fileName}. On POSIX
   * systems only the owner may read, write or map it, from its creation on (mode 0700); elsewhere
   * (Windows) it has the folder's default access and is deleted when the JVM exits, since Windows
   * has no POSIX modes and cannot delete a DLL that is loaded.
   *
   * @param library the library's bytes
   * @param dir the folder to create the file in
   * @param fileName the library's file name, whose stem and extension the new file keeps
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
}
