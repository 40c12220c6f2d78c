package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.FsForms.Form;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory trees built, listed and removed with the plain operations; directory streams. */
class FsDirTest extends LoopTestBase {
  @TempDir Path dir;

  private FsForms on(Form form) {
    return new FsForms(form, loop);
  }

  /** Every path under {@code root}, relative to it, with a trailing "/" for directories. */
  private static Set<String> nioTree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p) + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The same listing through scandir. */
  private static Set<String> scandirTree(FsForms ops, String root, String prefix) throws UvException {
    Set<String> out = new TreeSet<>();
    for (Dirent entry : ops.scandir(root)) {
      String relative = prefix + entry.name();
      if (entry.type() == Dirent.Type.DIR) {
        out.add(relative + "/");
        out.addAll(scandirTree(ops, root + "/" + entry.name(), relative + "/"));
      } else {
        out.add(relative);
      }
    }
    return out;
  }

  /** The same listing through opendir and readdir, three entries at a time. */
  private static Set<String> readdirTree(FsForms ops, String root, String prefix) throws UvException {
    Set<String> out = new TreeSet<>();
    Dir d = ops.opendir(root);
    List<Dirent> batch;
    while (!(batch = ops.readdir(d, 3)).isEmpty()) {
      assertTrue(batch.size() <= 3, batch.toString());
      for (Dirent entry : batch) {
        String relative = prefix + entry.name();
        if (entry.type() == Dirent.Type.DIR) {
          out.add(relative + "/");
          out.addAll(readdirTree(ops, root + "/" + entry.name(), relative + "/"));
        } else {
          out.add(relative);
        }
      }
    }
    ops.closedir(d);
    return out;
  }

  /** Removes everything under {@code root} with unlink and rmdir, deepest first. */
  private static void removeTree(FsForms ops, String root) throws UvException {
    for (Dirent entry : ops.scandir(root)) {
      String child = root + "/" + entry.name();
      if (ops.lstat(child).isDirectory()) {
        removeTree(ops, child);
        ops.rmdir(child);
      } else {
        ops.unlink(child);
      }
    }
  }

  @EachForm
  void aTreeIsBuiltListedTheSameByScandirAndReaddirAndRemoved(Form form) throws Exception {
    FsForms ops = on(form);
    String root = dir.resolve("tree").toString();
    ops.mkdir(root, 0755);
    Set<String> made = new TreeSet<>();
    for (String sub : List.of("a", "a/b", "a/b/c", "d", "e")) {
      ops.mkdir(root + "/" + sub, 0755);
      made.add(sub + "/");
    }
    for (String name : List.of("top.txt", "a/one", "a/b/two", "a/b/c/three", "a/b/c/four", "d/five", "a/six", "a/seven")) {
      int fd = ops.open(root + "/" + name, Fs.O_WRONLY | Fs.O_CREAT, 0644);
      ops.write(fd, new ByteBuffer[] {ByteBuffer.wrap(name.getBytes(UTF_8))}, -1);
      ops.close(fd);
      made.add(name);
    }
    ops.symlink("a/b", root + "/link-to-b", 0);
    made.add("link-to-b");

    assertEquals(made, nioTree(Path.of(root)));
    assertEquals(made, scandirTree(ops, root, ""));
    assertEquals(made, readdirTree(ops, root, ""));
    assertEquals("a/b/c/four", Files.readString(Path.of(root, "a/b/c/four")));

    removeTree(ops, root);
    assertEquals(List.of(), ops.scandir(root));
    ops.rmdir(root);
    assertFalse(Files.exists(Path.of(root)));
  }

  @EachForm
  void readdirWithRoomForMoreThanThereAreReturnsThemAllAtOnce(Form form) throws Exception {
    for (int i = 0; i < 3; i++) Files.createFile(dir.resolve("f" + i));
    FsForms ops = on(form);
    Dir d = ops.opendir(dir.toString());
    assertEquals(3, ops.readdir(d, 100).size());
    assertEquals(List.of(), ops.readdir(d, 100));
    assertEquals(List.of(), ops.readdir(d, 100), "the end stays the end");
    ops.closedir(d);
  }

  @Test
  void readdirOfAThousandEntriesInBatchesSeesEachOnce() throws Exception {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Files.createFile(dir.resolve("entry-" + i));
      expected.add("entry-" + i);
    }
    Dir d = Fs.opendirSync(dir.toString());
    List<String> seen = new ArrayList<>();
    List<Dirent> batch;
    while (!(batch = Fs.readdirSync(d, 64)).isEmpty()) {
      for (Dirent entry : batch) seen.add(entry.name());
    }
    Fs.closedirSync(d);
    assertEquals(1000, seen.size());
    assertEquals(expected, new HashSet<>(seen));
  }

  @Test
  void readdirNeverListsDotAndDotDot() throws Exception {
    Dir d = Fs.opendirSync(dir.toString());
    List<Dirent> batch = Fs.readdirSync(d, 10);
    Fs.closedirSync(d);
    assertEquals(List.of(), batch);
  }

  @EachForm
  void opendirOfAMissingDirectoryFailsWithEnoent(Form form) {
    String missing = dir.resolve("missing").toString();
    UvException e = assertThrows(UvException.class, () -> on(form).opendir(missing));
    assertEquals("ENOENT", e.code());
    assertEquals("opendir", e.syscall());
    assertEquals(missing, e.path());
  }

  @EachForm
  void opendirOfAFileFailsWithEnotdir(Form form) throws Exception {
    Path f = Files.createFile(dir.resolve("f"));
    UvException e = assertThrows(UvException.class, () -> on(form).opendir(f.toString()));
    assertEquals("ENOTDIR", e.code());
  }

  @Test
  void scandirAndStatTellSocketsLinksAndDevicesApart() throws Exception {
    Path socket = dir.resolve("sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.createSymbolicLink(dir.resolve("link"), Path.of("sock"));
      assertEquals(
          Set.of(new Dirent("sock", Dirent.Type.SOCKET), new Dirent("link", Dirent.Type.LINK)),
          new HashSet<>(Fs.scandirSync(dir.toString())));
      assertTrue(Fs.statSync(socket.toString()).isSocket());
      assertTrue(Fs.lstatSync(dir.resolve("link").toString()).isSymbolicLink());
    }
    Stat devNull = Fs.statSync("/dev/null");
    assertTrue(devNull.isCharacterDevice());
    assertTrue(devNull.rdev() != 0);
    assertFalse(devNull.isFile() || devNull.isBlockDevice() || devNull.isFifo());
  }

  @Test
  void closingTheDirInsideTheReaddirCallbackThatReturnedEntriesIsSafe() throws Exception {
    for (int i = 0; i < 8; i++) Files.createFile(dir.resolve("f" + i));
    Dir d = Fs.opendirSync(dir.toString());
    List<Integer> sizes = new ArrayList<>();
    loop.fs().readdir(d, 4, (entries, error) -> {
      sizes.add(entries.size());
      Fs.closedirSync(d);
    });
    loop.run();
    assertEquals(List.of(4), sizes);
    assertTrue(d.isClosed());
  }

  @Test
  void closingTheDirAsynchronouslyFromTheReaddirCallbackIsSafe() throws Exception {
    for (int i = 0; i < 8; i++) Files.createFile(dir.resolve("f" + i));
    List<String> events = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      Dir d = Fs.opendirSync(dir.toString());
      loop.fs().readdir(d, 8, (entries, error) -> {
        events.add("read " + entries.size());
        loop.fs().closedir(d, (nothing, e) -> events.add("closed " + (e == null)));
      });
      loop.run();
      assertTrue(d.isClosed());
    }
    assertEquals(400, events.size());
    for (int i = 0; i < 400; i += 2) assertEquals(List.of("read 8", "closed true"), events.subList(i, i + 2));
  }

  @Test
  void aDirFromTheSyncFormServesTheAsynchronousForms() throws Exception {
    Files.createFile(dir.resolve("only"));
    Dir d = Fs.opendirSync(dir.toString());
    Promise<List<Dirent>> batch = loop.fs().readdir(d, 5);
    loop.run();
    assertEquals(List.of(new Dirent("only", Dirent.Type.FILE)), batch.value());
    Promise<Void> closed = loop.fs().closedir(d);
    assertTrue(d.isClosed(), "closing takes the Dir at once");
    loop.run();
    assertTrue(closed.isFulfilled());
    assertTrue(d.toString().contains("closed"), d.toString());
  }
}
