package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FsEvent (the OS's change notifications) and FsPoll (stat at an interval) in a temp directory.
 * Every run has a watchdog, so that a missed event fails the test instead of hanging it.
 */
class FsWatchTest extends LoopTestBase {
  private static final String OS = System.getProperty("os.name").toLowerCase();
  private static final boolean RECURSIVE_SUPPORTED = OS.startsWith("mac") || OS.startsWith("windows");
  private static final long WATCHDOG_MS = 10_000;

  @TempDir Path dir;

  /** One event as the listener saw it. */
  private record Seen(String filename, int events) {
    boolean is(String name, int bit) {
      return name.equals(filename) && (events & bit) != 0;
    }
  }

  private void runGuarded() {
    Timer watchdog = Watchdog.arm(loop, WATCHDOG_MS);
    loop.run();
    watchdog.close();
  }

  /** Watches {@code dir}, runs {@code action} once watching, and stops at the first event that {@code done} accepts. */
  private List<Seen> watchUntil(Path watched, Runnable action, java.util.function.Predicate<List<Seen>> done) throws Exception {
    List<Seen> seen = new ArrayList<>();
    FsEvent watcher = new FsEvent(loop);
    watcher.start(watched.toString(), 0, (filename, events, error) -> {
      if (error != null) throw error;
      seen.add(new Seen(filename, events));
      if (done.test(seen)) watcher.close();
    });
    action.run();
    runGuarded();
    assertTrue(watcher.isClosing(), "the awaited event never came: " + seen);
    return seen;
  }

  private static Runnable io(IoAction action) {
    return () -> {
      try {
        action.run();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws Exception;
  }

  /** A path of more than 4096 bytes below {@code dir}: more than Linux's PATH_MAX, so that no OS call accepts it. */
  private String pathLongerThan4096Bytes() {
    Path path = dir;
    while (path.toString().getBytes(UTF_8).length <= 4096) path = path.resolve("d".repeat(200));
    return path.toString();
  }

  // --- FsEvent --------------------------------------------------------------------------------

  @Test
  void fsEventSeesAFileCreatedInTheWatchedDirectory() throws Exception {
    List<Seen> seen = watchUntil(dir, io(() -> Files.createFile(dir.resolve("born"))),
        s -> s.stream().anyMatch(e -> e.is("born", FsEvent.RENAME)));
    assertTrue(seen.stream().allMatch(e -> "born".equals(e.filename())), seen.toString());
  }

  @Test
  void fsEventSeesAChangeToAFileInTheWatchedDirectory() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[] {1});
    List<Seen> seen = watchUntil(dir, io(() -> Files.write(f, new byte[] {2}, StandardOpenOption.APPEND)),
        s -> s.stream().anyMatch(e -> e.is("f", FsEvent.CHANGE)));
    assertTrue(seen.stream().allMatch(e -> "f".equals(e.filename())), seen.toString());
  }

  @Test
  void fsEventSeesBothNamesOfARename() throws Exception {
    Path from = Files.write(dir.resolve("before"), new byte[] {1});
    List<Seen> seen = watchUntil(dir, io(() -> Files.move(from, dir.resolve("after"))),
        s -> s.stream().anyMatch(e -> e.is("before", FsEvent.RENAME)) && s.stream().anyMatch(e -> e.is("after", FsEvent.RENAME)));
    assertEquals(2, seen.size(), seen.toString());
  }

  @Test
  void fsEventOnAFileSeesItsContentsChange() throws Exception {
    Path f = Files.write(dir.resolve("watched"), new byte[] {1});
    List<Seen> seen = watchUntil(f, io(() -> Files.write(f, "more".getBytes(UTF_8), StandardOpenOption.APPEND)),
        s -> s.stream().anyMatch(e -> e.is("watched", FsEvent.CHANGE)));
    assertFalse(seen.isEmpty());
  }

  @Test
  void fsEventPathIsTheWatchedPathWhileWatchingAndNullOtherwise() throws Exception {
    FsEvent watcher = new FsEvent(loop);
    assertNull(watcher.path());
    watcher.start(dir.toString(), 0, (filename, events, error) -> {});
    assertEquals(dir.toString(), watcher.path());
    watcher.stop();
    assertNull(watcher.path());
    watcher.close();
  }

  @Test
  void fsEventPathReadsBackAPathLongerThanItsFirstBuffer() throws Exception {
    Path deep = Files.createDirectories(dir.resolve("d".repeat(120)).resolve("e".repeat(120)).resolve("f".repeat(120)));
    FsEvent watcher = new FsEvent(loop);
    watcher.start(deep.toString(), 0, (filename, events, error) -> {});
    assertEquals(deep.toString(), watcher.path());
    watcher.close();
  }

  @Test
  void fsEventOfAPathLongerThan4096BytesFailsWithTheErrorTheOsGivesForIt() throws Exception {
    String path = pathLongerThan4096Bytes();
    UvException stat = assertThrows(UvException.class, () -> Fs.statSync(path));
    FsEvent watcher = new FsEvent(loop);
    UvException e = assertThrows(UvException.class, () -> watcher.start(path, 0, (f, ev, err) -> {}));
    assertEquals(stat.code(), e.code());
    assertEquals(path, e.path());
    watcher.close();
  }

  @Test
  void fsEventStoppedHearsNothingMoreAndLetsTheLoopEnd() throws Exception {
    List<Seen> seen = new ArrayList<>();
    FsEvent watcher = new FsEvent(loop);
    watcher.start(dir.toString(), 0, (filename, events, error) -> seen.add(new Seen(filename, events)));
    watcher.stop();
    assertFalse(watcher.isActive());
    Files.createFile(dir.resolve("unseen"));
    runGuarded();
    assertEquals(List.of(), seen);
    watcher.close();
  }

  @Test
  void fsEventOfAMissingPathFailsWithEnoent() throws Exception {
    FsEvent watcher = new FsEvent(loop);
    String missing = dir.resolve("missing").toString();
    UvException e = assertThrows(UvException.class, () -> watcher.start(missing, 0, (f, ev, err) -> {}));
    assertEquals("ENOENT", e.code());
    assertEquals(missing, e.path());
    assertFalse(watcher.isActive());
    watcher.close();
  }

  @Test
  void fsEventRecursiveWatchingSeesNestedFilesOrIsRefusedWithEnosys() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    FsEvent watcher = new FsEvent(loop);
    if (!RECURSIVE_SUPPORTED) {
      // inotify watches one directory; libuv would silently watch only the top one
      UvException e =
          assertThrows(UvException.class, () -> watcher.start(dir.toString(), FsEvent.RECURSIVE, (f, ev, err) -> {}));
      assertEquals("ENOSYS", e.code());
      assertEquals(dir.toString(), e.path());
      assertFalse(watcher.isActive());
      watcher.close();
      return;
    }
    List<String> names = new ArrayList<>();
    watcher.start(dir.toString(), FsEvent.RECURSIVE, (filename, events, error) -> {
      names.add(filename);
      if (filename != null && filename.replace('\\', '/').endsWith("sub/nested")) watcher.close();
    });
    Files.createFile(sub.resolve("nested"));
    runGuarded();
    assertTrue(watcher.isClosing(), "no event for the nested file: " + names);
  }

  // --- FsPoll ---------------------------------------------------------------------------------

  /** One change as the poll listener saw it. */
  private record Change(Stat previous, Stat current, UvException error) {}

  /** Polls {@code path}, runs {@code action} once polling has its first status, stops when {@code done} says. */
  private List<Change> pollUntil(Path path, Runnable action, java.util.function.Predicate<List<Change>> done) throws Exception {
    List<Change> changes = new ArrayList<>();
    FsPoll poll = new FsPoll(loop);
    poll.start(path.toString(), 10, (previous, current, error) -> {
      changes.add(new Change(previous, current, error));
      if (done.test(changes)) poll.close();
    });
    // the first poll takes the baseline; a change before it would go unseen
    Timer watchdog = Watchdog.arm(loop, WATCHDOG_MS);
    while (!pollTimerArmed()) loop.run(RunMode.ONCE);
    watchdog.close();
    action.run();
    runGuarded();
    assertTrue(poll.isClosing(), "the awaited change never came: " + changes);
    return changes;
  }

  /**
   * Whether libuv's own timer of a poll is armed: it is an internal handle, which libuv arms only
   * once the poll's first status is back, so from then on a change is seen.
   */
  private boolean pollTimerArmed() throws IOException {
    StringBuilder active = new StringBuilder();
    loop.printActiveHandles(active);
    return active.toString().contains("I] timer");
  }

  @Test
  void fsPollSeesTheSizeAndModificationTimeChange() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[10]);
    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.ofEpochSecond(1_000_000_000L)));
    List<Change> changes = pollUntil(f, io(() -> Files.write(f, new byte[5], StandardOpenOption.APPEND)), c -> true);
    Change change = changes.get(0);
    assertNull(change.error());
    assertEquals(10, change.previous().size());
    assertEquals(15, change.current().size());
    assertEquals(Instant.ofEpochSecond(1_000_000_000L), change.previous().mtime());
    assertTrue(change.current().mtime().isAfter(change.previous().mtime()), change.toString());
  }

  @Test
  void fsPollSeesAModificationTimeChangeAlone() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[3]);
    List<Change> changes = pollUntil(f, io(() -> Fs.utimeSync(f.toString(), 1_200_000_000, 1_200_000_000)), c -> true);
    Change change = changes.get(0);
    assertEquals(3, change.current().size());
    assertEquals(Instant.ofEpochSecond(1_200_000_000L), change.current().mtime());
  }

  @Test
  void fsPollReportsAFileDisappearingAsEnoent() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[7]);
    List<Change> changes = pollUntil(f, io(() -> Files.delete(f)), c -> true);
    Change change = changes.get(0);
    assertEquals("ENOENT", change.error().code());
    assertEquals(f.toString(), change.error().path());
    assertEquals(7, change.previous().size());
    assertEquals(0, change.current().size());
    assertEquals(0, change.current().mode(), "a missing file's status is all zero");
  }

  @Test
  void fsPollReportsAMissingFileAndThenItsAppearance() throws Exception {
    Path f = dir.resolve("later");
    List<Change> changes = pollUntil(f, io(() -> Files.write(f, new byte[4])), c -> c.get(c.size() - 1).error() == null);
    assertEquals(2, changes.size(), changes.toString());
    assertEquals("ENOENT", changes.get(0).error().code(), "a path missing at the start is reported at once");
    Change appeared = changes.get(1);
    assertEquals(0, appeared.previous().mode());
    assertTrue(appeared.current().isFile());
    assertEquals(4, appeared.current().size());
  }

  @Test
  void fsPollOfAPathLongerThan4096BytesStartsAndHearsTheErrorTheOsGivesForIt() throws Exception {
    String path = pathLongerThan4096Bytes();
    UvException stat = assertThrows(UvException.class, () -> Fs.statSync(path));
    List<UvException> errors = new ArrayList<>();
    FsPoll poll = new FsPoll(loop);
    poll.start(path, 10, (previous, current, error) -> {
      errors.add(error);
      poll.close();
    });
    runGuarded();
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(stat.code(), errors.get(0).code());
    assertEquals(path, errors.get(0).path());
  }

  @Test
  void fsPollPathReadsBackAPathLongerThan4096Bytes() throws Exception {
    String path = pathLongerThan4096Bytes();
    FsPoll poll = new FsPoll(loop);
    poll.start(path, 1000, (previous, current, error) -> {});
    assertEquals(path, poll.path());
    poll.close();
  }

  @Test
  void fsPollPathIsThePolledPathWhilePollingAndNullOtherwise() throws Exception {
    FsPoll poll = new FsPoll(loop);
    assertNull(poll.path());
    poll.start(dir.toString(), 1000, (previous, current, error) -> {});
    assertEquals(dir.toString(), poll.path());
    poll.stop();
    assertNull(poll.path());
    poll.close();
  }
}
