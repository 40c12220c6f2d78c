package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GraalVM reachability metadata the jar carries lets a native image run the shim: JNI access
 * to everything the C code in {@code native/} looks up, and the native libraries as resources.
 */
class NativeImageMetadataTest {
  private static final String METADATA = "META-INF/native-image/io.uv4j/uv4j/reachability-metadata.json";

  @Test
  void metadataInTheBuildIsOneValidJsonObject() throws IOException {
    assertInstanceOf(Map.class, Json.parse(metadataText()));
  }

  @Test
  void everyClassTheShimLooksUpIsJniAccessible() throws IOException {
    Set<String> registered = jniTypes().stream().map(type -> (String) type.get("type"))
        .collect(Collectors.toSet());

    Set<String> missing = new TreeSet<>(shim().classes());
    missing.removeAll(registered);

    assertTrue(missing.isEmpty(), METADATA + " lacks a jniAccessible reflection entry for " + missing);
  }

  @Test
  void everyMethodTheShimLooksUpIsRegisteredWithItsParameterTypes() throws IOException {
    Set<JniLookups.Method> registered = new LinkedHashSet<>();
    for (Map<String, Object> type : jniTypes()) {
      for (Object method : list(type, "methods")) {
        Map<String, Object> entry = object(method, "a method of " + type.get("type"));
        List<String> parameterTypes = new ArrayList<>();
        for (Object parameterType : list(entry, "parameterTypes")) parameterTypes.add((String) parameterType);
        registered.add(new JniLookups.Method((String) type.get("type"), (String) entry.get("name"), parameterTypes));
      }
    }

    Set<String> missing = missing(shim().methods(), registered);

    assertTrue(missing.isEmpty(), METADATA + " lacks the JNI methods " + missing);
  }

  @Test
  void everyFieldTheShimLooksUpIsRegistered() throws IOException {
    Set<JniLookups.Field> registered = new LinkedHashSet<>();
    for (Map<String, Object> type : jniTypes()) {
      for (Object field : list(type, "fields")) {
        Map<String, Object> entry = object(field, "a field of " + type.get("type"));
        registered.add(new JniLookups.Field((String) type.get("type"), (String) entry.get("name")));
      }
    }

    Set<String> missing = missing(shim().fields(), registered);

    assertTrue(missing.isEmpty(), METADATA + " lacks the JNI fields " + missing);
  }

  @Test
  void resourceGlobsCoverEveryNativeLibraryInTheBuildIncludingThisPlatforms()
      throws IOException, URISyntaxException {
    List<Pattern> globs = new ArrayList<>();
    for (Object resource : list(metadata(), "resources")) {
      Object glob = object(resource, "a resource entry").get("glob");
      if (glob instanceof String text) globs.add(globPattern(text));
    }
    List<String> libraries = nativeLibraries();

    List<String> uncovered = libraries.stream()
        .filter(library -> globs.stream().noneMatch(glob -> glob.matcher(library).matches()))
        .collect(Collectors.toList());

    String thisPlatforms = "/" + System.mapLibraryName("uv4j");
    assertTrue(libraries.stream().anyMatch(library -> library.endsWith(thisPlatforms)),
        "the build holds no " + thisPlatforms + " to check: " + libraries);
    assertEquals(List.of(), uncovered, "resource globs of " + METADATA + " miss these libraries");
  }

  /** The lookups in the repository's C sources. */
  private static JniLookups shim() {
    return JniLookups.read(Paths.get("native"));
  }

  /** The metadata as the build packages it: read from the module's resources. */
  private static String metadataText() throws IOException {
    try (InputStream in = NativeImageMetadataTest.class.getResourceAsStream("/" + METADATA)) {
      assertNotNull(in, METADATA + " is not among the built resources");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Object> metadata() throws IOException {
    return object(Json.parse(metadataText()), "the metadata");
  }

  /** The reflection entries registered for JNI access, each with a type name. */
  private static List<Map<String, Object>> jniTypes() throws IOException {
    List<Map<String, Object>> types = new ArrayList<>();
    for (Object entry : list(metadata(), "reflection")) {
      Map<String, Object> type = object(entry, "a reflection entry");
      assertInstanceOf(String.class, type.get("type"), "a reflection entry without a type name: " + type);
      if (Boolean.TRUE.equals(type.get("jniAccessible"))) types.add(type);
    }
    assertFalse(types.isEmpty(), METADATA + " registers nothing for JNI");
    return types;
  }

  /**
   * Every file under {@code META-INF/native/} where the library's classes were loaded from (the
   * build's classes folder, or the jar), as resource names.
   */
  private static List<String> nativeLibraries() throws IOException, URISyntaxException {
    Path location = Paths.get(Loop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(location)) return resourcesUnder(location);
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return resourcesUnder(jar.getPath("/"));
    }
  }

  private static List<String> resourcesUnder(Path root) throws IOException {
    Path natives = root.resolve("META-INF").resolve("native");
    assertTrue(Files.isDirectory(natives), "no META-INF/native under " + root);
    try (Stream<Path> files = Files.walk(natives)) {
      return files.filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** A GraalVM resource glob: {@code *} stays within one path segment, {@code **} spans any. */
  private static Pattern globPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int at = 0; at < glob.length(); at++) {
      if (glob.startsWith("**", at)) {
        regex.append(".*");
        at++;
      } else if (glob.charAt(at) == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(at))));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static <T> Set<String> missing(Set<T> wanted, Set<T> registered) {
    return wanted.stream().filter(item -> !registered.contains(item)).map(Object::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    return assertInstanceOf(Map.class, value, what + " is not a JSON object: " + value);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> object, String member) {
    Object value = object.getOrDefault(member, List.of());
    return assertInstanceOf(List.class, value, "\"" + member + "\" is not a JSON array: " + value);
  }
}
