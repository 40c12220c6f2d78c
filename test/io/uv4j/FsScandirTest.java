package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.FsForms.Form;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * scandir of a large directory of long names: libuv frees each name when it hands out the next,
 * so every name must come back exactly as it is on disk, however busy the allocator is meanwhile.
 */
class FsScandirTest extends LoopTestBase {
  private static final int ENTRIES = 2000;
  private static final int MIN_NAME_BYTES = 150;
  private static final int MAX_NAME_BYTES = 250;
  /** Characters of one to four UTF-8 bytes, so names cross the native boundary in every width. */
  private static final String[] PIECES = {"a", "Z", "7", "_", "é", "ß", "日", "本", "𝄞", "😀"};
  /** scandirs in flight at once: several per pool thread, so the pool stays busy throughout. */
  private static final int CONCURRENT_SCANDIRS = 4 * PoolSize.get();

  @TempDir static Path dir;
  private static Set<String> names;


  @BeforeAll
  static void fillTheDirectory() throws Exception {
    SplittableRandom random = new SplittableRandom(8);
    names = new HashSet<>();
    for (int i = 0; i < ENTRIES; i++) {
      String name = longName(i, random);
      Files.createFile(dir.resolve(name));
      names.add(name);
    }
  }

  /** A unique name of MIN_NAME_BYTES to MAX_NAME_BYTES UTF-8 bytes; every other one is ASCII only. */
  private static String longName(int index, SplittableRandom random) {
    StringBuilder name = new StringBuilder(String.format("%04d-", index));
    int target = random.nextInt(MIN_NAME_BYTES, MAX_NAME_BYTES + 1);
    int pieces = index % 2 == 0 ? 4 : PIECES.length;
    int bytes = name.length();
    while (bytes < target) {
      String piece = PIECES[random.nextInt(pieces)];
      int size = piece.getBytes(UTF_8).length;
      if (bytes + size > target) piece = "x";
      name.append(piece);
      bytes += piece.getBytes(UTF_8).length;
    }
    return name.toString();
  }

  /** Fails unless {@code entries} lists every file of the directory once, by its exact name. */
  private static void assertEveryNameExactly(List<Dirent> entries) {
    List<String> strangers = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (Dirent entry : entries) {
      if (!names.contains(entry.name())) strangers.add(entry.name());
      listed.add(entry.name());
      assertEquals(Dirent.Type.FILE, entry.type(), entry.name());
    }
    assertTrue(strangers.isEmpty(), strangers.size() + " of " + entries.size() + " names are not on disk, such as "
        + strangers.subList(0, Math.min(3, strangers.size())));
    assertEquals(ENTRIES, entries.size(), "entries listed");
    assertEquals(names, listed);
  }

  @EachForm
  void scandirReturnsEveryLongNameOfALargeDirectoryExactly(Form form) throws Exception {
    assertEveryNameExactly(new FsForms(form, loop).scandir(dir.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Form.class, names = {"CALLBACK", "PROMISE"})
  void scandirsCompletingWhileOthersKeepThePoolBusyEachReturnEveryNameExactly(Form form) {
    List<List<Dirent>> results = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_SCANDIRS; i++) {
      if (form == Form.CALLBACK) {
        loop.fs().scandir(dir.toString(), (entries, error) -> {
          if (error != null) errors.add(error);
          else results.add(entries);
        });
      } else {
        loop.fs().scandir(dir.toString()).thenAccept(results::add).catchError(error -> {
          errors.add(error);
          return null;
        });
      }
    }
    Timer watchdog = Watchdog.arm(loop, 60_000);
    loop.run();
    watchdog.close();
    assertEquals(List.of(), errors);
    assertEquals(CONCURRENT_SCANDIRS, results.size(), "scandirs completed");
    for (List<Dirent> entries : results) assertEveryNameExactly(entries);
  }
}
