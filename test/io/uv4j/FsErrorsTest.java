package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.FsForms.Form;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures as Node reports them: the error code, the system call, the path and, for two-path
 * operations, the destination; in every form, and never thrown from or called back inside an
 * asynchronous call.
 */
class FsErrorsTest extends LoopTestBase {
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

  private static UvException fails(String code, Executable call) {
    UvException e = assertThrows(UvException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(code, e.error().name());
    assertTrue(e.errno() < 0);
    return e;
  }

  private final List<Integer> holes = new ArrayList<>();

  /**
   * A descriptor that was open and is now closed. The JVM opens files too, and the OS gives each
   * new one the lowest free number, so the closed one is the highest of many freed ones: it is
   * not handed out again while the test runs (nor its bytes written to some other file).
   */
  private int closedDescriptor() throws Exception {
    String f = file("was-open", "x").toString();
    int top = -1;
    for (int i = 0; i < 64; i++) {
      top = Fs.openSync(f, Fs.O_RDONLY, 0);
      holes.add(top);
    }
    for (int i = 0; i < holes.size(); i += 2) Fs.closeSync(holes.get(i));
    Fs.closeSync(top);
    List<Integer> open = new ArrayList<>();
    for (int i = 1; i < holes.size() - 1; i += 2) open.add(holes.get(i));
    holes.clear();
    holes.addAll(open);
    return top;
  }

  @AfterEach
  void closeHeldDescriptors() throws UvException {
    for (int fd : holes) Fs.closeSync(fd);
  }

  // --- ENOENT -------------------------------------------------------------------------------------

  @EachForm
  void statOfAMissingFileFailsWithEnoentNamingCallAndPath(Form form) {
    String missing = path("missing");
    UvException e = fails("ENOENT", () -> on(form).stat(missing));
    assertEquals("stat", e.syscall());
    assertEquals(missing, e.path());
    assertNull(e.dest());
    assertEquals("ENOENT: no such file or directory, stat '" + missing + "'", e.getMessage());
  }

  @EachForm
  void openOfAMissingFileFailsWithEnoent(Form form) {
    String missing = path("missing");
    UvException e = fails("ENOENT", () -> on(form).open(missing, Fs.O_RDONLY, 0));
    assertEquals("ENOENT: no such file or directory, open '" + missing + "'", e.getMessage());
  }

  @EachForm
  void unlinkOfAMissingFileFailsWithEnoent(Form form) {
    UvException e = fails("ENOENT", () -> on(form).unlink(path("missing")));
    assertEquals("unlink", e.syscall());
    assertEquals(path("missing"), e.path());
  }

  @EachForm
  void renameOfAMissingFileNamesBothPaths(Form form) {
    String from = path("a");
    String to = path("b");
    UvException e = fails("ENOENT", () -> on(form).rename(from, to));
    assertEquals("rename", e.syscall());
    assertEquals(from, e.path());
    assertEquals(to, e.dest());
    assertEquals("ENOENT: no such file or directory, rename '" + from + "' -> '" + to + "'", e.getMessage());
  }

  @EachForm
  void linkOfAMissingFileNamesBothPaths(Form form) {
    String from = path("a");
    String to = path("b");
    UvException e = fails("ENOENT", () -> on(form).link(from, to));
    assertEquals("ENOENT: no such file or directory, link '" + from + "' -> '" + to + "'", e.getMessage());
  }

  @EachForm
  void copyfileOfAMissingFileNamesBothPaths(Form form) {
    String from = path("a");
    String to = path("b");
    UvException e = fails("ENOENT", () -> on(form).copyfile(from, to, 0));
    assertEquals("ENOENT: no such file or directory, copyfile '" + from + "' -> '" + to + "'", e.getMessage());
    assertFalse(Files.exists(dir.resolve("b")));
  }

  @EachForm
  void symlinkIntoAMissingDirectoryNamesTargetAndLink(Form form) {
    String link = path("no-such-dir/link");
    UvException e = fails("ENOENT", () -> on(form).symlink("target", link, 0));
    assertEquals("symlink", e.syscall());
    assertEquals("target", e.path());
    assertEquals(link, e.dest());
    assertEquals("ENOENT: no such file or directory, symlink 'target' -> '" + link + "'", e.getMessage());
  }

  @EachForm
  void scandirOfAMissingDirectoryFailsWithEnoent(Form form) {
    UvException e = fails("ENOENT", () -> on(form).scandir(path("missing")));
    assertEquals("scandir", e.syscall());
  }

  @EachForm
  void accessOfAMissingFileFailsWithEnoent(Form form) {
    fails("ENOENT", () -> on(form).access(path("missing"), Fs.F_OK));
  }

  // --- wrong kind of file ---------------------------------------------------------------------

  @EachForm
  void openingADirectoryForWritingFailsWithEisdir(Form form) {
    UvException e = fails("EISDIR", () -> on(form).open(dir.toString(), Fs.O_WRONLY, 0));
    assertEquals("EISDIR: illegal operation on a directory, open '" + dir + "'", e.getMessage());
  }

  @EachForm
  void readingFromADirectoryDescriptorFailsWithEisdir(Form form) throws Exception {
    int fd = Fs.openSync(dir.toString(), Fs.O_RDONLY, 0);
    try {
      UvException e = fails("EISDIR", () -> on(form).read(fd, new ByteBuffer[] {ByteBuffer.allocate(8)}, -1));
      assertEquals("read", e.syscall());
      assertNull(e.path());
    } finally {
      Fs.closeSync(fd);
    }
  }

  @EachForm
  void rmdirOfAFileFailsWithEnotdir(Form form) throws Exception {
    Path f = file("f", "x");
    fails("ENOTDIR", () -> on(form).rmdir(f.toString()));
    assertTrue(Files.exists(f));
  }

  @EachForm
  void readlinkOfARegularFileFailsWithEinval(Form form) throws Exception {
    Path f = file("f", "x");
    UvException e = fails("EINVAL", () -> on(form).readlink(f.toString()));
    assertEquals("readlink", e.syscall());
  }

  // --- bad descriptors --------------------------------------------------------------------------

  @EachForm
  void fstatOfAClosedDescriptorFailsWithEbadf(Form form) throws Exception {
    int fd = closedDescriptor();
    UvException e = fails("EBADF", () -> on(form).fstat(fd));
    assertEquals("EBADF: bad file descriptor, fstat", e.getMessage());
  }

  @EachForm
  void readAndWriteOfAClosedDescriptorFailWithEbadf(Form form) throws Exception {
    int fd = closedDescriptor();
    FsForms ops = on(form);
    fails("EBADF", () -> ops.read(fd, new ByteBuffer[] {ByteBuffer.allocate(1)}, 0));
    UvException e = fails("EBADF", () -> ops.write(fd, new ByteBuffer[] {ByteBuffer.allocate(1)}, 0));
    assertEquals("write", e.syscall());
  }

  @EachForm
  void otherDescriptorOperationsOnAClosedDescriptorFailWithEbadf(Form form) throws Exception {
    int fd = closedDescriptor();
    FsForms ops = on(form);
    fails("EBADF", () -> ops.fsync(fd));
    fails("EBADF", () -> ops.fdatasync(fd));
    fails("EBADF", () -> ops.ftruncate(fd, 0));
    fails("EBADF", () -> ops.fchmod(fd, 0644));
    fails("EBADF", () -> ops.futime(fd, 1, 1));
    fails("EBADF", () -> ops.fchown(fd, -1, -1));
  }

  @EachForm
  void writeToADescriptorOpenedReadOnlyFailsWithEbadf(Form form) throws Exception {
    int fd = Fs.openSync(file("f", "x").toString(), Fs.O_RDONLY, 0);
    try {
      fails("EBADF", () -> on(form).write(fd, new ByteBuffer[] {ByteBuffer.allocate(1)}, 0));
    } finally {
      Fs.closeSync(fd);
    }
  }

  // --- directories ----------------------------------------------------------------------------

  @EachForm
  void rmdirOfANonEmptyDirectoryFailsWithEnotempty(Form form) throws Exception {
    Path d = Files.createDirectory(dir.resolve("d"));
    Files.write(d.resolve("f"), new byte[1]);
    UvException e = fails("ENOTEMPTY", () -> on(form).rmdir(d.toString()));
    assertEquals("ENOTEMPTY: directory not empty, rmdir '" + d + "'", e.getMessage());
    assertTrue(Files.exists(d.resolve("f")));
  }

  @EachForm
  void mkdirOfAnExistingPathFailsWithEexist(Form form) throws Exception {
    Path d = Files.createDirectory(dir.resolve("d"));
    UvException e = fails("EEXIST", () -> on(form).mkdir(d.toString(), 0755));
    assertEquals("EEXIST: file already exists, mkdir '" + d + "'", e.getMessage());
  }

  @EachForm
  void openWithCreateAndExclOfAnExistingFileFailsWithEexist(Form form) throws Exception {
    Path f = file("f", "kept");
    fails("EEXIST", () -> on(form).open(f.toString(), Fs.O_WRONLY | Fs.O_CREAT | Fs.O_EXCL, 0644));
    assertEquals("kept", Files.readString(f));
  }

  @EachForm
  void aNameLongerThanTheFileSystemAllowsFailsWithEnametoolong(Form form) {
    String longName = path("n".repeat(300));
    fails("ENAMETOOLONG", () -> on(form).stat(longName));
  }

  // --- asynchronous delivery ------------------------------------------------------------------

  @Test
  void aFailingCallbackOperationReturnsNormallyAndReportsAfterNextTicks() throws Exception {
    List<String> order = new ArrayList<>();
    Cancelable request =
        loop.fs().stat(path("missing"), (stat, error) -> order.add("callback " + error.code()));
    loop.nextTick(() -> order.add("tick"));
    assertTrue(order.isEmpty());
    loop.run();
    assertEquals(List.of("tick", "callback ENOENT"), order);
    assertFalse(request.cancel(), "a completed request cannot be cancelled");
  }

  @Test
  void aFailingPromiseOperationRejectsOnlyAfterTheCallReturns() throws Exception {
    List<String> order = new ArrayList<>();
    Promise<Integer> open = loop.fs().open(path("missing"), Fs.O_RDONLY, 0);
    open.catchError(e -> {
      order.add("rejected " + ((UvException) e).code());
      return null;
    });
    order.add("returned");
    assertTrue(open.isPending());
    loop.run();
    assertEquals(List.of("returned", "rejected ENOENT"), order);
  }

  @Test
  void anUnhandledRejectionOfAnFsPromiseReachesTheLoopsHandler() throws Exception {
    List<Throwable> unhandled = new ArrayList<>();
    loop.onUnhandledRejection((reason, promise) -> unhandled.add(reason));
    loop.fs().unlink(path("missing"));
    loop.run();
    assertEquals(1, unhandled.size());
    assertEquals("ENOENT", ((UvException) unhandled.get(0)).code());
  }
}
