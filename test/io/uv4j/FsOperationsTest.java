package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.uv4j.FsForms.Form;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each file-system operation does, checked in each of its three forms: sync, callback and
 * Promise. The reference for what is on disk is java.nio, independent of libuv.
 */
class FsOperationsTest extends LoopTestBase {
  private static final boolean LINUX = System.getProperty("os.name").toLowerCase().startsWith("linux");

  @TempDir Path dir;

  private FsForms on(Form form) {
    return new FsForms(form, loop);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private Path file(String name, String content) throws Exception {
    return Files.write(dir.resolve(name), content.getBytes(UTF_8));
  }

  private static ByteBuffer[] buffers(ByteBuffer... buffers) {
    return buffers;
  }

  private static ByteBuffer heap(String text) {
    return ByteBuffer.wrap(text.getBytes(UTF_8));
  }

  private static ByteBuffer direct(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  private static String text(ByteBuffer buffer, int from, int length) {
    byte[] out = new byte[length];
    buffer.duplicate().position(from).get(out);
    return new String(out, UTF_8);
  }

  private static String content(Path file) throws Exception {
    return new String(Files.readAllBytes(file), UTF_8);
  }

  private static int nioInt(Path file, String attribute) throws Exception {
    return (Integer) Files.getAttribute(file, "unix:" + attribute, LinkOption.NOFOLLOW_LINKS);
  }

  private static void assertWithinAMillisecond(double seconds, Instant actual) {
    Instant expected = Instant.ofEpochSecond((long) Math.floor(seconds), Math.round((seconds - Math.floor(seconds)) * 1e9));
    Duration off = Duration.between(expected, actual).abs();
    assertTrue(off.compareTo(Duration.ofMillis(1)) < 0, "expected " + expected + ", got " + actual);
  }

  // --- open, close ------------------------------------------------------------------------------

  @EachForm
  void openWithCreateMakesAnEmptyFileAndReturnsADescriptor(Form form) throws Exception {
    int fd = on(form).open(path("new"), Fs.O_WRONLY | Fs.O_CREAT, 0600);
    assertTrue(fd > 2, "descriptor " + fd);
    Fs.closeSync(fd);
    assertTrue(Files.isRegularFile(dir.resolve("new")));
    assertEquals(0, Files.size(dir.resolve("new")));
    assertEquals(0600, nioInt(dir.resolve("new"), "mode") & 0777);
  }

  @EachForm
  void openWithTruncEmptiesAnExistingFile(Form form) throws Exception {
    Path f = file("f", "some content");
    int fd = on(form).open(f.toString(), Fs.O_WRONLY | Fs.O_TRUNC, 0);
    Fs.closeSync(fd);
    assertEquals(0, Files.size(f));
  }

  @EachForm
  void closeReleasesTheDescriptor(Form form) throws Exception {
    Path f = file("f", "x");
    int fd = Fs.openSync(f.toString(), Fs.O_RDONLY, 0);
    on(form).close(fd);
    Path link = Path.of("/proc/self/fd", Integer.toString(fd));
    if (Files.isDirectory(link.getParent())) {
      // another JVM thread may get the freed number at once: ask what it names, not whether it is open
      boolean stillOurs;
      try {
        stillOurs = Files.readSymbolicLink(link).equals(f.toRealPath());
      } catch (NoSuchFileException closedAgain) {
        stillOurs = false;
      }
      assertFalse(stillOurs, "descriptor " + fd + " still names " + f);
    } else {
      UvException e = assertThrows(UvException.class, () -> Fs.fstatSync(fd));
      assertEquals("EBADF", e.code());
    }
  }

  // --- read ---------------------------------------------------------------------------------------

  @EachForm
  void readAtAnOffsetFillsAHeapBufferFromThere(Form form) throws Exception {
    int fd = Fs.openSync(file("f", "0123456789").toString(), Fs.O_RDONLY, 0);
    ByteBuffer into = ByteBuffer.allocate(4);
    assertEquals(4, on(form).read(fd, buffers(into), 3));
    Fs.closeSync(fd);
    assertEquals("3456", text(into, 0, 4));
    assertEquals(0, into.position(), "the buffer's position is left alone");
  }

  @EachForm
  void readAtTheCurrentPositionAdvancesIt(Form form) throws Exception {
    int fd = Fs.openSync(file("f", "abcdef").toString(), Fs.O_RDONLY, 0);
    FsForms ops = on(form);
    ByteBuffer first = ByteBuffer.allocateDirect(2);
    ByteBuffer second = ByteBuffer.allocateDirect(3);
    assertEquals(2, ops.read(fd, buffers(first), -1));
    assertEquals(3, ops.read(fd, buffers(second), -1));
    Fs.closeSync(fd);
    assertEquals("ab", text(first, 0, 2));
    assertEquals("cde", text(second, 0, 3));
  }

  @EachForm
  void readIntoSeveralBuffersFillsThemInOrder(Form form) throws Exception {
    int fd = Fs.openSync(file("f", "hello, vectored world").toString(), Fs.O_RDONLY, 0);
    ByteBuffer a = ByteBuffer.allocate(5);
    ByteBuffer b = ByteBuffer.allocateDirect(2);
    ByteBuffer c = ByteBuffer.allocate(20);
    int n = on(form).read(fd, buffers(a, b, c), 0);
    Fs.closeSync(fd);
    assertEquals(21, n);
    assertEquals("hello", text(a, 0, 5));
    assertEquals(", ", text(b, 0, 2));
    assertEquals("vectored world", text(c, 0, 14));
  }

  @EachForm
  void readFillsOnlyBetweenPositionAndLimitOfADirectBuffer(Form form) throws Exception {
    int fd = Fs.openSync(file("f", "XYZ").toString(), Fs.O_RDONLY, 0);
    ByteBuffer into = ByteBuffer.allocateDirect(8);
    into.put(0, (byte) '-').put(1, (byte) '-').put(5, (byte) '-');
    into.position(2).limit(5);
    assertEquals(3, on(form).read(fd, buffers(into), 0));
    Fs.closeSync(fd);
    assertEquals(2, into.position());
    assertEquals(5, into.limit());
    assertEquals("--XYZ-", text(into.duplicate().clear(), 0, 6));
  }

  @EachForm
  void readAtTheEndOfTheFileReturnsZero(Form form) throws Exception {
    int fd = Fs.openSync(file("f", "abc").toString(), Fs.O_RDONLY, 0);
    assertEquals(0, on(form).read(fd, buffers(ByteBuffer.allocate(4)), 3));
    Fs.closeSync(fd);
  }

  // --- write --------------------------------------------------------------------------------------

  @EachForm
  void writeOfSeveralBuffersWritesThemInOrder(Form form) throws Exception {
    Path f = dir.resolve("f");
    int fd = Fs.openSync(f.toString(), Fs.O_WRONLY | Fs.O_CREAT, 0644);
    ByteBuffer middle = direct("__direct__").position(2).limit(8);
    int n = on(form).write(fd, buffers(heap("heap "), middle, heap(" end")), -1);
    Fs.closeSync(fd);
    assertEquals(15, n);
    assertEquals("heap direct end", content(f));
    assertEquals(2, middle.position(), "the buffer's position is left alone");
  }

  @EachForm
  void writeAtAnOffsetOverwritesInPlace(Form form) throws Exception {
    Path f = file("f", "0123456789");
    int fd = Fs.openSync(f.toString(), Fs.O_WRONLY, 0);
    assertEquals(3, on(form).write(fd, buffers(direct("abc")), 4));
    Fs.closeSync(fd);
    assertEquals("0123abc789", content(f));
  }

  @EachForm
  void writeAtTheCurrentPositionAdvancesIt(Form form) throws Exception {
    Path f = dir.resolve("f");
    int fd = Fs.openSync(f.toString(), Fs.O_WRONLY | Fs.O_CREAT, 0644);
    FsForms ops = on(form);
    ops.write(fd, buffers(heap("one,")), -1);
    ops.write(fd, buffers(heap("two")), -1);
    Fs.closeSync(fd);
    assertEquals("one,two", content(f));
  }

  @EachForm
  void writeToAFileOpenedForAppendingGoesToTheEnd(Form form) throws Exception {
    Path f = file("f", "start");
    int fd = Fs.openSync(f.toString(), Fs.O_WRONLY | Fs.O_APPEND, 0);
    FsForms ops = on(form);
    ops.write(fd, buffers(heap("+a")), -1);
    ops.write(fd, buffers(direct("+b")), -1);
    Fs.closeSync(fd);
    assertEquals("start+a+b", content(f));
  }

  // --- files and directories ------------------------------------------------------------------

  @EachForm
  void unlinkRemovesAFile(Form form) throws Exception {
    Path f = file("f", "x");
    on(form).unlink(f.toString());
    assertFalse(Files.exists(f, LinkOption.NOFOLLOW_LINKS));
  }

  @EachForm
  void mkdirMakesADirectoryWithTheGivenMode(Form form) throws Exception {
    on(form).mkdir(path("d"), 0750);
    assertTrue(Files.isDirectory(dir.resolve("d")));
    assertEquals(0750, nioInt(dir.resolve("d"), "mode") & 07777);
  }

  @EachForm
  void mkdtempMakesADistinctDirectoryFromTheTemplateEachTime(Form form) throws Exception {
    FsForms ops = on(form);
    String first = ops.mkdtemp(path("tmp-XXXXXX"));
    String second = ops.mkdtemp(path("tmp-XXXXXX"));
    assertNotEquals(first, second);
    for (String made : List.of(first, second)) {
      assertTrue(made.startsWith(path("tmp-")), made);
      assertEquals(path("tmp-XXXXXX").length(), made.length(), made);
      assertTrue(Files.isDirectory(Path.of(made)), made);
    }
  }

  @EachForm
  void mkstempMakesAndOpensADistinctEmptyFile(Form form) throws Exception {
    FsForms ops = on(form);
    Fs.TempFile first = ops.mkstemp(path("tmp-XXXXXX"));
    Fs.TempFile second = ops.mkstemp(path("tmp-XXXXXX"));
    assertNotEquals(first.path(), second.path());
    assertTrue(first.path().startsWith(path("tmp-")), first.path());
    assertEquals(0, Files.size(Path.of(first.path())));
    assertEquals(2, Fs.writeSync(first.fd(), buffers(heap("ok")), -1));
    Fs.closeSync(first.fd());
    Fs.closeSync(second.fd());
    assertEquals("ok", content(Path.of(first.path())));
  }

  @EachForm
  void rmdirRemovesAnEmptyDirectory(Form form) throws Exception {
    Path d = Files.createDirectory(dir.resolve("d"));
    on(form).rmdir(d.toString());
    assertFalse(Files.exists(d));
  }

  @EachForm
  void opendirReadsTheEntriesInBatchesUntilAnEmptyOne(Form form) throws Exception {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      file("f" + i, "");
      expected.add("f" + i);
    }
    FsForms ops = on(form);
    Dir d = ops.opendir(dir.toString());
    assertEquals(dir.toString(), d.path());
    List<Integer> sizes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Dirent> batch;
    do {
      batch = ops.readdir(d, 2);
      sizes.add(batch.size());
      for (Dirent entry : batch) {
        assertEquals(Dirent.Type.FILE, entry.type(), entry.toString());
        assertTrue(seen.add(entry.name()), "seen twice: " + entry);
      }
    } while (!batch.isEmpty());
    assertFalse(d.isClosed());
    ops.closedir(d);
    assertTrue(d.isClosed());
    assertEquals(List.of(2, 2, 1, 0), sizes);
    assertEquals(expected, seen);
  }

  @EachForm
  void scandirListsEveryEntryWithItsType(Form form) throws Exception {
    file("file", "x");
    Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
    Set<Dirent> entries = new HashSet<>(on(form).scandir(dir.toString()));
    assertEquals(
        Set.of(new Dirent("file", Dirent.Type.FILE), new Dirent("sub", Dirent.Type.DIR), new Dirent("link", Dirent.Type.LINK)),
        entries);
  }

  @EachForm
  void scandirOfAnEmptyDirectoryIsEmpty(Form form) throws Exception {
    assertEquals(List.of(), on(form).scandir(dir.toString()));
  }

  // --- stat -----------------------------------------------------------------------------------

  @EachForm
  void statReportsEveryFieldAsTheOsDoes(Form form) throws Exception {
    Instant before = Instant.now().minusSeconds(2);
    Path f = Files.write(dir.resolve("f"), new byte[1234]);
    Stat s = on(form).stat(f.toString());
    Map<String, Object> nio = Files.readAttributes(f, "unix:*");
    assertEquals(nio.get("dev"), s.dev());
    assertEquals((long) (Integer) nio.get("mode"), s.mode());
    assertEquals((long) (Integer) nio.get("nlink"), s.nlink());
    assertEquals(1, s.nlink());
    assertEquals((long) (Integer) nio.get("uid"), s.uid());
    assertEquals((long) (Integer) nio.get("gid"), s.gid());
    assertEquals(nio.get("rdev"), s.rdev());
    assertEquals(nio.get("ino"), s.ino());
    assertEquals(1234, s.size());
    assertTrue(s.blksize() > 0 && Long.bitCount(s.blksize()) == 1, "blksize " + s.blksize());
    assertTrue(s.blocks() * 512 >= 1234, "blocks " + s.blocks());
    if (LINUX) {
      assertEquals(0, s.flags());
      assertEquals(0, s.gen());
    }
    assertEquals(((FileTime) nio.get("lastAccessTime")).toInstant(), s.atime());
    assertEquals(((FileTime) nio.get("lastModifiedTime")).toInstant(), s.mtime());
    assertEquals(((FileTime) nio.get("ctime")).toInstant(), s.ctime());
    assertTrue(s.mtime().isAfter(before), s.mtime().toString());
    // a file system that keeps no creation time reports the epoch
    assertTrue(s.birthtime().equals(Instant.EPOCH) || s.birthtime().isAfter(before), s.birthtime().toString());
    assertTrue(s.isFile());
    assertFalse(s.isDirectory());
    assertFalse(s.isSymbolicLink());
    assertEquals(0644, s.permissions());
  }

  @EachForm
  void statTimesKeepTheirNanoseconds(Form form) throws Exception {
    Path f = file("f", "x");
    Instant mtime = Instant.ofEpochSecond(1_600_000_000L, 123_456_789);
    Files.setLastModifiedTime(f, FileTime.from(mtime));
    assertEquals(mtime, on(form).stat(f.toString()).mtime());
  }

  @EachForm
  void statOfADirectorySaysItIsOne(Form form) throws Exception {
    Stat s = on(form).stat(dir.toString());
    assertTrue(s.isDirectory());
    assertFalse(s.isFile());
  }

  @EachForm
  void fstatOfAnOpenFileMatchesStatOfItsPath(Form form) throws Exception {
    Path f = file("f", "twelve bytes");
    int fd = Fs.openSync(f.toString(), Fs.O_RDONLY, 0);
    Stat s = on(form).fstat(fd);
    Fs.closeSync(fd);
    assertEquals(Fs.statSync(f.toString()), s);
    assertEquals(12, s.size());
  }

  @EachForm
  void lstatOfASymlinkDescribesTheLinkAndStatItsTarget(Form form) throws Exception {
    file("target", "0123456789");
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    FsForms ops = on(form);
    Stat ofLink = ops.lstat(link.toString());
    Stat ofTarget = ops.stat(link.toString());
    assertTrue(ofLink.isSymbolicLink());
    assertFalse(ofLink.isFile());
    assertEquals("target".length(), ofLink.size());
    assertTrue(ofTarget.isFile());
    assertFalse(ofTarget.isSymbolicLink());
    assertEquals(10, ofTarget.size());
  }

  @EachForm
  void statfsReportsTheSizeOfTheFileSystem(Form form) throws Exception {
    StatFs s = on(form).statfs(dir.toString());
    FileStore store = Files.getFileStore(dir);
    assertTrue(s.bsize() > 0, s.toString());
    assertTrue(s.blocks() > 0, s.toString());
    assertTrue(s.bfree() <= s.blocks() && s.bavail() <= s.bfree(), s.toString());
    assertTrue(s.ffree() <= s.files(), s.toString());
    if (LINUX) assertNotEquals(0, s.type(), s.toString());
    assertEquals(store.getTotalSpace(), s.blocks() * s.bsize(), s.toString());
  }

  // --- rename, sync, truncate, copy -------------------------------------------------------------

  @EachForm
  void renameMovesAFile(Form form) throws Exception {
    Path from = file("from", "moved");
    on(form).rename(from.toString(), path("to"));
    assertFalse(Files.exists(from));
    assertEquals("moved", content(dir.resolve("to")));
  }

  @EachForm
  void renameReplacesAnExistingDestination(Form form) throws Exception {
    Path from = file("from", "new");
    Path to = file("to", "old");
    on(form).rename(from.toString(), to.toString());
    assertEquals("new", content(to));
    assertFalse(Files.exists(from));
  }

  @EachForm
  void fsyncAndFdatasyncOfAWrittenFileSucceedAndKeepTheData(Form form) throws Exception {
    Path f = dir.resolve("f");
    int fd = Fs.openSync(f.toString(), Fs.O_RDWR | Fs.O_CREAT, 0644);
    Fs.writeSync(fd, buffers(heap("durable")), -1);
    FsForms ops = on(form);
    ops.fsync(fd);
    ops.fdatasync(fd);
    Fs.closeSync(fd);
    assertEquals("durable", content(f));
  }

  @EachForm
  void ftruncateShortensAFileAndExtendsItWithZeros(Form form) throws Exception {
    Path f = file("f", "0123456789");
    int fd = Fs.openSync(f.toString(), Fs.O_RDWR, 0);
    FsForms ops = on(form);
    ops.ftruncate(fd, 4);
    assertEquals("0123", content(f));
    ops.ftruncate(fd, 6);
    Fs.closeSync(fd);
    assertArrayEquals(new byte[] {'0', '1', '2', '3', 0, 0}, Files.readAllBytes(f));
  }

  @EachForm
  void copyfileCopiesTheContentsAndTheMode(Form form) throws Exception {
    Path from = file("from", "copied bytes");
    Fs.chmodSync(from.toString(), 0640);
    on(form).copyfile(from.toString(), path("to"), 0);
    assertEquals("copied bytes", content(dir.resolve("to")));
    assertEquals(0640, Fs.statSync(path("to")).permissions());
  }

  @EachForm
  void copyfileOverwritesAnExistingDestination(Form form) throws Exception {
    Path from = file("from", "new");
    Path to = file("to", "older and longer");
    on(form).copyfile(from.toString(), to.toString(), 0);
    assertEquals("new", content(to));
  }

  @EachForm
  void copyfileWithExclFailsWithEexistAndLeavesTheDestination(Form form) throws Exception {
    Path from = file("from", "new");
    Path to = file("to", "old");
    UvException e =
        assertThrows(UvException.class, () -> on(form).copyfile(from.toString(), to.toString(), Fs.COPYFILE_EXCL));
    assertEquals("EEXIST", e.code());
    assertEquals("copyfile", e.syscall());
    assertEquals(from.toString(), e.path());
    assertEquals(to.toString(), e.dest());
    assertEquals("old", content(to));
  }

  @EachForm
  void copyfileWithFicloneCopiesWhereCloningIsUnsupported(Form form) throws Exception {
    Path from = file("from", "clone or copy");
    on(form).copyfile(from.toString(), path("to"), Fs.COPYFILE_FICLONE);
    assertEquals("clone or copy", content(dir.resolve("to")));
    Files.writeString(from, "changed");
    assertEquals("clone or copy", content(dir.resolve("to")), "a clone shares no later writes");
  }

  @EachForm
  void sendfileCopiesARangeBetweenDescriptors(Form form) throws Exception {
    Path from = file("from", "0123456789");
    Path to = dir.resolve("to");
    int in = Fs.openSync(from.toString(), Fs.O_RDONLY, 0);
    int out = Fs.openSync(to.toString(), Fs.O_WRONLY | Fs.O_CREAT, 0644);
    long sent = on(form).sendfile(out, in, 3, 4);
    Fs.closeSync(in);
    Fs.closeSync(out);
    assertEquals(4, sent);
    assertEquals("3456", content(to));
  }

  // --- access and permissions ----------------------------------------------------------------

  @EachForm
  void accessOfAReadableWritableFileSucceeds(Form form) throws Exception {
    Path f = file("f", "x");
    FsForms ops = on(form);
    ops.access(f.toString(), Fs.F_OK);
    ops.access(f.toString(), Fs.R_OK | Fs.W_OK);
  }

  // Tests run as root here, and root passes every R_OK/W_OK check; X_OK still needs an execute bit.
  @EachForm
  void accessForExecutionOfANonExecutableFileFailsWithEacces(Form form) throws Exception {
    Path f = file("f", "x");
    Fs.chmodSync(f.toString(), 0644);
    UvException e = assertThrows(UvException.class, () -> on(form).access(f.toString(), Fs.X_OK));
    assertEquals("EACCES", e.code());
    assertEquals("access", e.syscall());
    assertEquals(f.toString(), e.path());
  }

  @EachForm
  void accessForExecutionSucceedsOnceAnExecuteBitIsSet(Form form) throws Exception {
    Path f = file("f", "x");
    Fs.chmodSync(f.toString(), 0744);
    on(form).access(f.toString(), Fs.X_OK);
  }

  // Permission handling is checked through the mode bits: root is not refused by them here.
  @EachForm
  void chmodSetsThePermissionBits(Form form) throws Exception {
    Path f = file("f", "x");
    FsForms ops = on(form);
    ops.chmod(f.toString(), 0604);
    assertEquals(0604, Fs.statSync(f.toString()).permissions());
    ops.chmod(f.toString(), 04755);
    assertEquals(04755, Fs.statSync(f.toString()).permissions());
  }

  @EachForm
  void fchmodSetsThePermissionBitsOfAnOpenFile(Form form) throws Exception {
    Path f = file("f", "x");
    int fd = Fs.openSync(f.toString(), Fs.O_RDONLY, 0);
    on(form).fchmod(fd, 0400);
    Fs.closeSync(fd);
    assertEquals(0400, Fs.statSync(f.toString()).permissions());
    assertEquals(0400, nioInt(f, "mode") & 07777);
  }

  // --- times ------------------------------------------------------------------------------------

  @EachForm
  void utimeSetsTimesThatStatReadsBackToTheMillisecond(Form form) throws Exception {
    Path f = file("f", "x");
    on(form).utime(f.toString(), 1_500_000_000.25, 1_600_000_000.123);
    Stat s = Fs.statSync(f.toString());
    assertWithinAMillisecond(1_500_000_000.25, s.atime());
    assertWithinAMillisecond(1_600_000_000.123, s.mtime());
  }

  @EachForm
  void futimeSetsTheTimesOfAnOpenFile(Form form) throws Exception {
    Path f = file("f", "x");
    int fd = Fs.openSync(f.toString(), Fs.O_RDWR, 0);
    on(form).futime(fd, 1_400_000_000.5, 1_450_000_000.987);
    Fs.closeSync(fd);
    Stat s = Fs.statSync(f.toString());
    assertWithinAMillisecond(1_400_000_000.5, s.atime());
    assertWithinAMillisecond(1_450_000_000.987, s.mtime());
  }

  @EachForm
  void lutimeSetsTheTimesOfTheLinkNotOfItsTarget(Form form) throws Exception {
    Path target = file("target", "x");
    Files.setLastModifiedTime(target, FileTime.from(Instant.ofEpochSecond(1_000_000_000L)));
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    on(form).lutime(link.toString(), 1_300_000_000.001, 1_350_000_000.042);
    Stat ofLink = Fs.lstatSync(link.toString());
    assertWithinAMillisecond(1_300_000_000.001, ofLink.atime());
    assertWithinAMillisecond(1_350_000_000.042, ofLink.mtime());
    assertEquals(Instant.ofEpochSecond(1_000_000_000L), Fs.statSync(target.toString()).mtime());
  }

  // --- links ----------------------------------------------------------------------------------

  @EachForm
  void linkMakesASecondNameForTheSameFile(Form form) throws Exception {
    Path f = file("f", "shared");
    on(form).link(f.toString(), path("hard"));
    Stat original = Fs.statSync(f.toString());
    Stat other = Fs.statSync(path("hard"));
    assertEquals(2, original.nlink());
    assertEquals(original.ino(), other.ino());
    assertEquals("shared", content(dir.resolve("hard")));
  }

  @EachForm
  void symlinkMakesALinkThatReadlinkReadsBack(Form form) throws Exception {
    file("target", "through the link");
    FsForms ops = on(form);
    ops.symlink("target", path("link"), 0);
    assertTrue(Files.isSymbolicLink(dir.resolve("link")));
    assertEquals("target", ops.readlink(path("link")));
    assertEquals("through the link", content(dir.resolve("link")));
  }

  @EachForm
  void symlinkToAMissingTargetMakesADanglingLink(Form form) throws Exception {
    on(form).symlink(path("nowhere"), path("dangling"), 0);
    assertEquals(path("nowhere"), Files.readSymbolicLink(dir.resolve("dangling")).toString());
    assertFalse(Files.exists(dir.resolve("dangling")));
  }

  @EachForm
  void realpathResolvesLinksAndDots(Form form) throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    file("real/f", "x");
    Files.createSymbolicLink(dir.resolve("link"), Path.of("real"));
    String resolved = on(form).realpath(path("link") + "/./../link/f");
    assertEquals(real.toRealPath().resolve("f").toString(), resolved);
  }

  // --- owners -----------------------------------------------------------------------------------

  @EachForm
  void chownToTheCurrentOwnerAndGroupKeepsThem(Form form) throws Exception {
    Path f = file("f", "x");
    int uid = nioInt(f, "uid");
    int gid = nioInt(f, "gid");
    on(form).chown(f.toString(), uid, gid);
    Stat s = Fs.statSync(f.toString());
    assertEquals(uid, s.uid());
    assertEquals(gid, s.gid());
  }

  @EachForm
  void chownWithMinusOneLeavesOwnerAndGroupAsTheyAre(Form form) throws Exception {
    Path f = file("f", "x");
    Stat before = Fs.statSync(f.toString());
    FsForms ops = on(form);
    ops.chown(f.toString(), -1, (int) before.gid());
    ops.chown(f.toString(), (int) before.uid(), -1);
    ops.chown(f.toString(), -1, -1);
    Stat after = Fs.statSync(f.toString());
    assertEquals(before.uid(), after.uid());
    assertEquals(before.gid(), after.gid());
  }

  @EachForm
  void fchownOfAnOpenFileToTheCurrentOwnerKeepsIt(Form form) throws Exception {
    Path f = file("f", "x");
    int uid = nioInt(f, "uid");
    int gid = nioInt(f, "gid");
    int fd = Fs.openSync(f.toString(), Fs.O_RDONLY, 0);
    FsForms ops = on(form);
    ops.fchown(fd, uid, gid);
    ops.fchown(fd, -1, -1);
    Fs.closeSync(fd);
    assertEquals(uid, nioInt(f, "uid"));
    assertEquals(gid, nioInt(f, "gid"));
  }

  @EachForm
  void lchownOfALinkToTheCurrentOwnerKeepsIt(Form form) throws Exception {
    file("target", "x");
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    int uid = nioInt(link, "uid");
    int gid = nioInt(link, "gid");
    FsForms ops = on(form);
    ops.lchown(link.toString(), uid, gid);
    ops.lchown(link.toString(), -1, -1);
    assertEquals(uid, nioInt(link, "uid"));
    assertEquals(gid, nioInt(link, "gid"));
  }

  // Only root may give a file away; elsewhere this test is skipped.
  @EachForm
  void lchownChangesTheLinkAndChownTheTarget(Form form) throws Exception {
    Path target = file("target", "x");
    assumeTrue(nioInt(target, "uid") == 0, "needs root to change owners");
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    FsForms ops = on(form);
    ops.lchown(link.toString(), 4321, 4322);
    assertEquals(4321, Fs.lstatSync(link.toString()).uid());
    assertEquals(4322, Fs.lstatSync(link.toString()).gid());
    assertEquals(0, Fs.statSync(target.toString()).uid());
    ops.chown(link.toString(), 1234, -1);
    assertEquals(1234, Fs.statSync(target.toString()).uid());
    assertEquals(0, Fs.statSync(target.toString()).gid(), "-1 keeps the group");
    assertEquals(4321, Fs.lstatSync(link.toString()).uid());
  }

  // --- names --------------------------------------------------------------------------------------

  @EachForm
  void nonAsciiFileNamesRoundTrip(Form form) throws Exception {
    // Checked through libuv alone: the JVM's own file-name encoding may not be UTF-8 here.
    String name = "päth-ü-日本.txt";
    FsForms ops = on(form);
    int fd = ops.open(path(name), Fs.O_WRONLY | Fs.O_CREAT, 0644);
    ops.write(fd, buffers(heap("ü")), -1);
    ops.close(fd);
    assertEquals(List.of(new Dirent(name, Dirent.Type.FILE)), ops.scandir(dir.toString()));
    assertEquals(2, ops.stat(path(name)).size());
    ops.rename(path(name), path(name + "-日"));
    assertEquals(List.of(new Dirent(name + "-日", Dirent.Type.FILE)), ops.scandir(dir.toString()));
    ops.unlink(path(name + "-日"));
    assertEquals(List.of(), ops.scandir(dir.toString()));
  }
  // --- big data ---------------------------------------------------------------------------------

  private static final int MIB = 1 << 20;
  private static final long HUNDRED_MIB = 100L * MIB;

  /** Writes {@code buffers} whole at {@code offset}, writing again after a short write, then runs {@code then}. */
  private void writeFully(int fd, ByteBuffer[] buffers, long offset, Runnable then) {
    loop.fs().write(fd, buffers, offset, (n, error) -> {
      if (error != null) throw error;
      List<ByteBuffer> rest = new ArrayList<>();
      long skip = n;
      for (ByteBuffer b : buffers) {
        if (skip >= b.remaining()) {
          skip -= b.remaining();
        } else {
          rest.add(b.duplicate().position(b.position() + (int) skip));
          skip = 0;
        }
      }
      if (rest.isEmpty()) then.run();
      else writeFully(fd, rest.toArray(new ByteBuffer[0]), offset + n, then);
    });
  }

  @Test
  void aHundredMegabytesWrittenFromDirectBuffersReadBackWithTheSameChecksum() throws Exception {
    Path f = dir.resolve("big");
    int fd = Fs.openSync(f.toString(), Fs.O_RDWR | Fs.O_CREAT | Fs.O_TRUNC, 0644);
    ByteBuffer[] chunks = new ByteBuffer[4];
    for (int i = 0; i < chunks.length; i++) chunks[i] = ByteBuffer.allocateDirect(MIB);
    SplittableRandom random = new SplittableRandom(42);
    CRC32 written = new CRC32();
    long[] offset = {0};
    Runnable[] writeNext = new Runnable[1];
    writeNext[0] = () -> {
      if (offset[0] == HUNDRED_MIB) return;
      for (ByteBuffer chunk : chunks) {
        chunk.clear();
        while (chunk.hasRemaining()) chunk.putLong(random.nextLong());
        chunk.flip();
        written.update(chunk.duplicate());
      }
      long at = offset[0];
      offset[0] += (long) chunks.length * MIB;
      writeFully(fd, chunks, at, writeNext[0]);
    };
    writeNext[0].run();
    Timer watchdog = Watchdog.arm(loop, 120_000);
    loop.run();
    assertEquals(HUNDRED_MIB, offset[0]);
    assertEquals(HUNDRED_MIB, Fs.fstatSync(fd).size());

    CRC32 read = new CRC32();
    long[] total = {0};
    Runnable[] readNext = new Runnable[1];
    readNext[0] = () -> {
      for (ByteBuffer chunk : chunks) chunk.clear();
      loop.fs().read(fd, chunks, total[0], (n, error) -> {
        if (error != null) throw error;
        if (n == 0) return;
        long left = n;
        for (ByteBuffer chunk : chunks) {
          int part = (int) Math.min(left, chunk.capacity());
          read.update(chunk.duplicate().limit(part));
          left -= part;
        }
        total[0] += n;
        readNext[0].run();
      });
    };
    readNext[0].run();
    loop.run();
    watchdog.close();
    Fs.closeSync(fd);
    assertEquals(HUNDRED_MIB, total[0]);
    assertEquals(written.getValue(), read.getValue());
  }

  // --- concurrency ----------------------------------------------------------------------------

  @Test
  void tenThousandConcurrentStatsOfOneFileAllCompleteWithItsSize() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[4321]);
    Thread loopThread = Thread.currentThread();
    int[] right = {0};
    List<Object> wrong = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      loop.fs().stat(f.toString(), (stat, error) -> {
        if (error == null && stat.size() == 4321 && Thread.currentThread() == loopThread) right[0]++;
        else wrong.add(error != null ? error : stat);
      });
    }
    assertEquals(0, right[0]);
    Timer watchdog = Watchdog.arm(loop, 60_000);
    loop.run();
    watchdog.close();
    assertEquals(List.of(), wrong);
    assertEquals(10_000, right[0]);
  }

  @Test
  void cancelOfARequestWaitingForAPoolThreadReportsEcanceledAndDoesNothing() throws Exception {
    int pool = PoolSize.get();
    CountDownLatch started = new CountDownLatch(pool);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < pool; i++) {
        loop.queueWork(() -> {
          started.countDown();
          return release.await(30, TimeUnit.SECONDS);
        }, (released, error) -> {});
      }
      assertTrue(started.await(30, TimeUnit.SECONDS));
      List<UvException> errors = new ArrayList<>();
      Cancelable mkdir = loop.fs().mkdir(path("never"), 0755, (nothing, error) -> errors.add(error));
      assertTrue(mkdir.cancel());
      assertFalse(mkdir.cancel(), "a cancelled request is not cancelled again");
      assertTrue(errors.isEmpty(), "cancel() does not call back");
      release.countDown();
      loop.run();
      assertEquals(1, errors.size());
      assertEquals("ECANCELED", errors.get(0).code());
      assertEquals("mkdir", errors.get(0).syscall());
      assertEquals(path("never"), errors.get(0).path());
      assertFalse(Files.exists(dir.resolve("never")));
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancelAfterCompletionReturnsFalse() throws Exception {
    Cancelable stat = loop.fs().stat(dir.toString(), (s, error) -> {});
    loop.run();
    assertFalse(stat.cancel());
  }

  @Test
  void closingTheLoopCancelsRequestsNotStartedAndCompletesEachOnce() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[3]);
    int pool = PoolSize.get();
    CountDownLatch started = new CountDownLatch(pool);
    CountDownLatch release = new CountDownLatch(1);
    List<Object> work = new ArrayList<>();
    for (int i = 0; i < pool; i++) {
      loop.queueWork(() -> {
        started.countDown();
        return release.await(30, TimeUnit.SECONDS);
      }, (released, error) -> work.add(error != null ? error : released));
    }
    // every pool thread now waits, so none of the stats below can start
    assertTrue(started.await(30, TimeUnit.SECONDS));
    Map<String, Integer> outcomes = new TreeMap<>();
    int[] calls = {0};
    for (int i = 0; i < 500; i++) {
      loop.fs().stat(f.toString(), (stat, error) -> {
        calls[0]++;
        outcomes.merge(error == null ? "ok" : error.code(), 1, Integer::sum);
        release.countDown();
      });
    }
    Promise<Stat> viaPromise = loop.fs().stat(f.toString());
    viaPromise.catchError(e -> null);
    loop.close();
    assertEquals(500, calls[0]);
    assertEquals(Map.of("ECANCELED", 500), outcomes);
    assertEquals("ECANCELED", ((UvException) viaPromise.reason()).code());
    assertEquals(java.util.Collections.nCopies(pool, true), work, "the running work finished normally");
  }

  @Test
  void closingLoopsWithEveryKindOfRequestInFlightCompletesEachOnce() throws Exception {
    for (int i = 0; i < 20; i++) Files.write(dir.resolve("f" + i), new byte[i]);
    for (int round = 0; round < 20; round++) {
      Loop other = Loop.create();
      Fs fs = other.fs();
      int fd = Fs.openSync(dir.resolve("f5").toString(), Fs.O_RDWR, 0);
      Dir d = Fs.opendirSync(dir.toString());
      Map<String, Integer> calls = new TreeMap<>();
      List<String> unexpected = new ArrayList<>();
      Callback<Object> count = (value, error) -> {
        String outcome = error == null ? "ok" : error.code();
        calls.merge(outcome, 1, Integer::sum);
        if (!outcome.equals("ok") && !outcome.equals("ECANCELED")) unexpected.add(outcome);
      };
      int expected = 0;
      for (int i = 0; i < 20; i++) {
        String p = dir.resolve("f" + i).toString();
        fs.stat(p, count::done);
        fs.lstat(p, count::done);
        fs.realpath(p, count::done);
        fs.access(p, Fs.R_OK, count::done);
        fs.scandir(dir.toString(), count::done);
        fs.read(fd, new ByteBuffer[] {ByteBuffer.allocateDirect(16), ByteBuffer.allocate(16)}, 0, count::done);
        fs.write(fd, new ByteBuffer[] {heap("abc")}, 100, count::done);
        fs.fstat(fd, count::done);
        fs.mkdtemp(dir.resolve("t" + round + "-" + i + "-XXXXXX").toString(), count::done);
        expected += 9;
      }
      fs.readdir(d, 4, count::done);
      expected++;
      other.close();
      int total = calls.values().stream().mapToInt(Integer::intValue).sum();
      assertEquals(expected, total, calls.toString());
      assertEquals(List.of(), unexpected);
      Fs.closedirSync(d);
      Fs.closeSync(fd);
    }
  }
}
