package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class FsConvenienceTest extends LoopTestBase {
  private static final int HUNDRED_MB = 100 << 20;

  private Fs fs;
  @TempDir Path dir;

  FsConvenienceTest() {
    super(60_000);
  }

  @BeforeEach
  void takeItsFs() {
    fs = loop.fs();
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  /** Runs the loop and returns what the promise was fulfilled with, or throws its rejection. */
  private <T> T await(Promise<T> promise) throws Throwable {
    promise.catchError(e -> null);
    loop.run();
    assertFalse(promise.isPending(), "the promise did not settle");
    if (promise.isRejected()) throw promise.reason();
    return promise.value();
  }

  private UvException rejection(Promise<?> promise) {
    promise.catchError(e -> null);
    loop.run();
    return assertInstanceOf(UvException.class, promise.reason());
  }

  private static byte[] pseudoRandom(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static long crc32(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return crc.getValue();
  }

  // --- round trips ----------------------------------------------------------------------------

  @Test
  void promiseWriteFileThenReadFileRoundTripsBytes() throws Throwable {
    byte[] data = pseudoRandom(100_000, 1);
    String path = file("bytes");
    await(fs.writeFile(path, data));
    assertArrayEquals(data, await(fs.readFile(path)));
  }

  @Test
  void syncWriteFileThenReadFileRoundTripsBytes() throws Exception {
    byte[] data = pseudoRandom(100_000, 2);
    String path = file("bytes");
    Fs.writeFileSync(path, data);
    assertArrayEquals(data, Fs.readFileSync(path));
    assertArrayEquals(data, Files.readAllBytes(Path.of(path)));
  }

  @Test
  void callbackWriteFileThenReadFileRoundTripsBytes() throws Exception {
    byte[] data = pseudoRandom(10_000, 3);
    String path = file("bytes");
    List<Object> results = new ArrayList<>();
    fs.writeFile(path, data, (nothing, writeError) -> {
      results.add(writeError);
      fs.readFile(path, (read, readError) -> {
        results.add(readError);
        results.add(read);
      });
    });
    loop.run();
    assertEquals(3, results.size());
    assertNull(results.get(0));
    assertNull(results.get(1));
    assertArrayEquals(data, (byte[]) results.get(2));
  }

  @Test
  void stringsRoundTripNonAsciiTextInEachCharset() throws Throwable {
    String text = "Grüße, 世界! Привет — 🎉";
    String utf8 = file("utf8.txt");
    String utf16 = file("utf16.txt");
    await(fs.writeFile(utf8, text, StandardCharsets.UTF_8));
    Fs.writeFileSync(utf16, text, StandardCharsets.UTF_16LE);
    assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(Path.of(utf8)));
    assertArrayEquals(text.getBytes(StandardCharsets.UTF_16LE), Files.readAllBytes(Path.of(utf16)));
    assertEquals(text, await(fs.readFileString(utf8, StandardCharsets.UTF_8)));
    assertEquals(text, Fs.readFileStringSync(utf16, StandardCharsets.UTF_16LE));
  }

  @Test
  void callbackReadFileStringDecodesWithTheGivenCharset() throws Exception {
    String path = file("latin1.txt");
    Files.write(path(path), "café".getBytes(StandardCharsets.ISO_8859_1));
    String[] read = new String[1];
    fs.readFileString(path, StandardCharsets.ISO_8859_1, (text, error) -> read[0] = text);
    loop.run();
    assertEquals("café", read[0]);
  }

  @Test
  void nonAsciiFileNamesRoundTrip() throws Throwable {
    String name = "ünïcødé-文件-📄.txt";
    String path = dir + "/" + name;
    await(fs.writeFile(path, "inside", StandardCharsets.UTF_8));
    assertEquals("inside", Fs.readFileStringSync(path, StandardCharsets.UTF_8));
    assertTrue(Fs.scandirSync(dir.toString()).contains(new Dirent(name, Dirent.Type.FILE)));
    Fs.appendFileSync(path, "+more", StandardCharsets.UTF_8);
    assertEquals("inside+more", await(fs.readFileString(path, StandardCharsets.UTF_8)));
  }

  @Test
  void emptyFileRoundTripsAsAnEmptyArray() throws Throwable {
    String path = file("empty");
    await(fs.writeFile(path, new byte[0]));
    assertEquals(0, Fs.statSync(path).size());
    assertArrayEquals(new byte[0], await(fs.readFile(path)));
    assertArrayEquals(new byte[0], Fs.readFileSync(path));
    assertEquals("", Fs.readFileStringSync(path, StandardCharsets.UTF_8));
  }

  @Test
  void writeFileTruncatesALongerFile() throws Throwable {
    String path = file("long");
    Fs.writeFileSync(path, new byte[5000]);
    await(fs.writeFile(path, new byte[] {1, 2, 3}));
    assertArrayEquals(new byte[] {1, 2, 3}, Fs.readFileSync(path));
  }

  @Test
  void writeFileCreatesWithMode0666LessTheUmaskAsJavaDoes() throws Throwable {
    Path javaMade = Files.createFile(dir.resolve("java-made"));
    String path = file("uv-made");
    await(fs.writeFile(path, new byte[1]));
    assertEquals(Files.getPosixFilePermissions(javaMade), Files.getPosixFilePermissions(path(path)));
  }

  @Test
  void appendFileAppendsToAnExistingFile() throws Throwable {
    String path = file("log");
    Fs.writeFileSync(path, "one\n", StandardCharsets.UTF_8);
    await(fs.appendFile(path, "two\n".getBytes(StandardCharsets.UTF_8)));
    await(fs.appendFile(path, "three\n", StandardCharsets.UTF_8));
    Fs.appendFileSync(path, "four\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("one\ntwo\nthree\nfour\n", Fs.readFileStringSync(path, StandardCharsets.UTF_8));
  }

  @Test
  void appendFileCreatesAMissingFile() throws Throwable {
    String path = file("new-log");
    List<UvException> errors = new ArrayList<>();
    fs.appendFile(path, "first", StandardCharsets.UTF_8, (nothing, error) -> errors.add(error));
    loop.run();
    assertEquals(Arrays.asList((UvException) null), errors);
    assertEquals("first", Fs.readFileStringSync(path, StandardCharsets.UTF_8));
  }

  @Test
  void hundredMegabyteFileRoundTripsInThePromiseForm() throws Throwable {
    byte[] data = pseudoRandom(HUNDRED_MB, 100);
    byte[] expected = sha256(data);
    long crc = crc32(data);
    String path = file("big");
    await(fs.writeFile(path, data));
    data = null;
    assertEquals(HUNDRED_MB, Fs.statSync(path).size());
    byte[] read = await(fs.readFile(path));
    assertEquals(HUNDRED_MB, read.length);
    assertArrayEquals(expected, sha256(read));
    assertEquals(crc, crc32(read));
  }

  @Test
  void readFileReadingAheadKeepsEveryByteInPlaceUpToAPartialLastChunk() throws Throwable {
    // three reads ahead of their copies, the last of them short, then the read that finds the end
    byte[] data = pseudoRandom(3 * FsConvenience.CHUNK + 12345, 102);
    String path = file("chunks");
    Fs.writeFileSync(path, data);

    assertArrayEquals(data, await(fs.readFile(path)));
  }

  @Test
  void hundredMegabyteFileRoundTripsInTheSyncForm() throws Exception {
    byte[] data = pseudoRandom(HUNDRED_MB + 12345, 101);
    byte[] expected = sha256(data);
    String path = file("big");
    Fs.writeFileSync(path, data);
    data = null;
    byte[] read = Fs.readFileSync(path);
    assertEquals(HUNDRED_MB + 12345, read.length);
    assertArrayEquals(expected, sha256(read));
  }

  // --- files whose size says little -------------------------------------------------------------

  @Test
  void readFileReadsAProcFileThatReportsSizeZero() throws Throwable {
    Path cmdline = Path.of("/proc/self/cmdline");
    assumeTrue(Files.isReadable(cmdline), "needs Linux /proc");
    assertEquals(0, Fs.statSync(cmdline).size());
    byte[] expected = Files.readAllBytes(cmdline);
    assertTrue(expected.length > 0);
    assertArrayEquals(expected, Fs.readFileSync(cmdline));
    assertArrayEquals(expected, await(fs.readFile(cmdline)));
  }

  @Test
  void readFileOfASysfsFileReturnsItsContentNotItsReportedSize() throws Throwable {
    Path enabled = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    assumeTrue(Files.isReadable(enabled), "needs this Linux sysfs file");
    byte[] expected = Files.readAllBytes(enabled);
    assumeTrue(Fs.statSync(enabled).size() > expected.length, "sysfs reports a page as the size");
    assertArrayEquals(expected, await(fs.readFile(enabled)));
  }

  @Test
  void readFileReadsAFifoOfUnknownLengthToItsEnd() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    byte[] data = pseudoRandom(3 << 20, 7);
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        for (int i = 0; i < data.length; i += 1000) out.write(data, i, Math.min(1000, data.length - i));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    // a failed read must not leave the test waiting for a writer blocked on the FIFO
    writer.setDaemon(true);
    writer.start();
    byte[] read = Fs.readFileSync(fifo.toString());
    writer.join();
    assertArrayEquals(data, read);
  }

  @Test
  void readFileOfAFileGrowingMeanwhileReturnsAPrefixOfWhatWasWritten() throws Exception {
    Path path = dir.resolve("growing");
    byte[] data = pseudoRandom(4 << 20, 8);
    Files.write(path, Arrays.copyOf(data, 1));
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(path, java.nio.file.StandardOpenOption.APPEND)) {
        for (int i = 1; i < data.length; i += 4096) out.write(data, i, Math.min(4096, data.length - i));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    writer.start();
    byte[] read = Fs.readFileSync(path);
    writer.join();
    assertTrue(read.length >= 1);
    assertArrayEquals(Arrays.copyOf(data, read.length), read);
  }

  @Test
  void readFileOfAFileTooLargeForAnArrayFailsWithEfbig() throws Throwable {
    String path = file("sparse");
    try (RandomAccessFile sparse = new RandomAccessFile(path, "rw")) {
      sparse.setLength(3L << 30);
    }
    UvException e = rejection(fs.readFile(path));
    assertEquals("EFBIG", e.code());
    assertEquals("read", e.syscall());
    assertEquals(path, e.path());
    assertEquals("EFBIG", assertThrows(UvException.class, () -> Fs.readFileSync(path)).code());
  }

  // --- errors ---------------------------------------------------------------------------------

  @Test
  void readFileOfAMissingFileFailsWithEnoentFromOpen() throws Exception {
    String missing = file("missing");
    UvException e = rejection(fs.readFile(missing));
    assertEquals("ENOENT", e.code());
    assertEquals("open", e.syscall());
    assertEquals(missing, e.path());
    assertEquals("ENOENT: no such file or directory, open '" + missing + "'", e.getMessage());
    UvException sync = assertThrows(UvException.class, () -> Fs.readFileSync(missing));
    assertEquals(e.getMessage(), sync.getMessage());
  }

  @Test
  void readFileOfADirectoryFailsWithEisdirFromRead() throws Exception {
    UvException e = rejection(fs.readFile(dir.toString()));
    assertEquals("EISDIR", e.code());
    assertEquals("read", e.syscall());
    UvException sync = assertThrows(UvException.class, () -> Fs.readFileSync(dir.toString()));
    assertEquals("EISDIR", sync.code());
    assertEquals("read", sync.syscall());
  }

  @Test
  void writeFileIntoAMissingDirectoryFailsWithEnoentFromOpen() throws Exception {
    String path = file("no-such-dir") + "/f";
    UvException e = rejection(fs.writeFile(path, new byte[1]));
    assertEquals("ENOENT", e.code());
    assertEquals("open", e.syscall());
    assertEquals(path, e.path());
    UvException sync = assertThrows(UvException.class, () -> Fs.writeFileSync(path, "x", StandardCharsets.UTF_8));
    assertEquals(e.getMessage(), sync.getMessage());
    assertFalse(Files.exists(dir.resolve("no-such-dir")));
  }

  @Test
  void appendFileToADirectoryFailsWithEisdirFromOpen() throws Exception {
    UvException e = rejection(fs.appendFile(dir.toString(), new byte[1]));
    assertEquals("EISDIR", e.code());
    assertEquals("open", e.syscall());
    assertEquals(dir.toString(), e.path());
  }

  // --- mkdirRecursive ---------------------------------------------------------------------------

  @Test
  void mkdirRecursiveMakesEveryMissingParentAndReportsTheFirstMade() throws Throwable {
    String top = file("a");
    String deep = top + "/b/c/d/e/f/g";
    assertEquals(top, await(fs.mkdirRecursive(deep, 0755)));
    assertTrue(Fs.statSync(deep).isDirectory());
    assertEquals(top + "/b/c/d/e/f/g/h", Fs.mkdirRecursiveSync(deep + "/h", 0755));
  }

  @Test
  void mkdirRecursiveOfAnExistingDirectorySucceedsAndMakesNothing() throws Throwable {
    assertNull(await(fs.mkdirRecursive(dir.toString(), 0755)));
    assertNull(Fs.mkdirRecursiveSync(dir.toString(), 0755));
    assertNull(Fs.mkdirRecursiveSync(dir + "/", 0755));
  }

  @Test
  void mkdirRecursiveAppliesTheModeLessTheUmask() throws Throwable {
    String path = file("private") + "/inner";
    await(fs.mkdirRecursive(path, 0700));
    assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(path(path)));
    assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir.resolve("private")));
  }

  @Test
  void mkdirRecursiveOfAnExistingFileFailsWithEexist() throws Exception {
    String path = file("plain");
    Fs.writeFileSync(path, new byte[1]);
    UvException e = rejection(fs.mkdirRecursive(path, 0755));
    assertEquals("EEXIST", e.code());
    assertEquals("mkdir", e.syscall());
    assertEquals(path, e.path());
    UvException sync = assertThrows(UvException.class, () -> Fs.mkdirRecursiveSync(path, 0755));
    assertEquals(e.getMessage(), sync.getMessage());
  }

  @Test
  void mkdirRecursiveThroughAFileFailsWithEnotdir() throws Exception {
    String blocker = file("plain");
    Fs.writeFileSync(blocker, new byte[1]);
    String path = blocker + "/x/y";
    UvException e = rejection(fs.mkdirRecursive(path, 0755));
    assertEquals("ENOTDIR", e.code());
    assertEquals("mkdir", e.syscall());
    UvException sync = assertThrows(UvException.class, () -> Fs.mkdirRecursiveSync(path, 0755));
    assertEquals(e.getMessage(), sync.getMessage());
  }

  // --- rmRecursive ------------------------------------------------------------------------------

  /** dir/tree with files, nested directories, an empty one and a link to a directory outside. */
  private Path makeTree(Path target) throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("sub/deeper/deepest"));
    Files.createDirectories(tree.resolve("empty"));
    Files.write(tree.resolve("top.txt"), new byte[10]);
    Files.write(tree.resolve("sub/middle.bin"), new byte[1000]);
    Files.write(tree.resolve("sub/deeper/deepest/leaf"), new byte[1]);
    Files.createSymbolicLink(tree.resolve("sub/link-to-target"), target);
    Files.createSymbolicLink(tree.resolve("dangling"), dir.resolve("nowhere"));
    return tree;
  }

  private Path makeTarget() throws Exception {
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.write(target.resolve("keep.txt"), "keep".getBytes(StandardCharsets.UTF_8));
    return target;
  }

  @Test
  void promiseRmRecursiveRemovesATreeButNotWhatItsLinksPointTo() throws Throwable {
    Path target = makeTarget();
    Path tree = makeTree(target);
    assertNull(await(fs.rmRecursive(tree.toString())));
    assertFalse(Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void syncRmRecursiveRemovesATreeButNotWhatItsLinksPointTo() throws Exception {
    Path target = makeTarget();
    Path tree = makeTree(target);
    Fs.rmRecursiveSync(tree.toString());
    assertFalse(Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void rmRecursiveOfALinkToADirectoryRemovesOnlyTheLink() throws Throwable {
    Path target = makeTarget();
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    await(fs.rmRecursive(link.toString()));
    assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void rmRecursiveOfAFileRemovesIt() throws Throwable {
    String path = file("f");
    Fs.writeFileSync(path, new byte[3]);
    await(fs.rmRecursive(path));
    assertFalse(Files.exists(path(path)));
  }

  @Test
  void rmRecursiveOfAMissingPathFailsWithEnoentFromLstat() throws Exception {
    String missing = file("missing");
    UvException e = rejection(fs.rmRecursive(missing));
    assertEquals("ENOENT", e.code());
    assertEquals("lstat", e.syscall());
    assertEquals(missing, e.path());
    UvException sync = assertThrows(UvException.class, () -> Fs.rmRecursiveSync(missing));
    assertEquals(e.getMessage(), sync.getMessage());
  }

  // --- Path overloads ---------------------------------------------------------------------------

  @Test
  void pathOverloadsActOnThePathTheyName() throws Throwable {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path nested = dir.resolve("x/y");
    await(fs.writeFile(a, "via Path", StandardCharsets.UTF_8));
    assertEquals("via Path", Fs.readFileStringSync(a, StandardCharsets.UTF_8));
    Fs.renameSync(a, b);
    assertTrue(await(fs.stat(b)).isFile());
    assertArrayEquals("via Path".getBytes(StandardCharsets.UTF_8), await(fs.readFile(b)));
    Fs.appendFileSync(b, new byte[] {'!'});
    assertEquals("via Path!", await(fs.readFileString(b, StandardCharsets.UTF_8)));
    assertEquals(dir.resolve("x").toString(), Fs.mkdirRecursiveSync(nested, 0755));
    int[] fd = {-1};
    fs.open(b, Fs.O_RDONLY, 0, (opened, error) -> fd[0] = opened);
    loop.run();
    assertEquals(9, Fs.fstatSync(fd[0]).size());
    Fs.closeSync(fd[0]);
    await(fs.rmRecursive(dir.resolve("x")));
    Fs.unlinkSync(b);
    assertEquals(List.of(), Fs.scandirSync(dir));
  }

  @Test
  void everyOperationThatTakesAStringPathHasAPathOverload() throws Exception {
    int checked = 0;
    for (Method method : Fs.class.getMethods()) {
      Class<?>[] types = method.getParameterTypes();
      List<Class<?>> typeList = Arrays.asList(types);
      if (method.getDeclaringClass() != Fs.class || !typeList.contains(String.class) || typeList.contains(Path.class)) {
        continue;
      }
      Class<?>[] withPaths = types.clone();
      for (int i = 0; i < withPaths.length; i++) {
        if (withPaths[i] == String.class && isPathParameter(method, i)) withPaths[i] = Path.class;
      }
      Method overload = Fs.class.getMethod(method.getName(), withPaths);
      assertEquals(method.getReturnType(), overload.getReturnType(), overload.toString());
      assertEquals(Modifier.isStatic(method.getModifiers()), Modifier.isStatic(overload.getModifiers()), overload.toString());
      checked++;
    }
    assertEquals(94, checked);
  }

  /** A String parameter is a path unless it is the text of a text form (the second parameter). */
  private static boolean isPathParameter(Method method, int index) {
    String name = method.getName();
    boolean textForm = (name.startsWith("writeFile") || name.startsWith("appendFile"))
        && method.getParameterCount() > 1 && method.getParameterTypes()[1] == String.class;
    return !(textForm && index == 1);
  }

  @Test
  void pathOfAnotherFileSystemIsRefused() throws Exception {
    Path zip = dir.resolve("z.zip");
    try (FileSystem zipFs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
      Path inside = zipFs.getPath("/");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fs.rmRecursiveSync(inside));
      assertTrue(e.getMessage().contains("default file system"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> fs.readFile(inside));
      assertThrows(IllegalArgumentException.class, () -> Fs.statSync(inside));
    }
    assertFalse(loop.isAlive());
  }

  // --- argument and thread checks -------------------------------------------------------------

  @Test
  void pathWithNulIsRejectedBeforeAnyNativeCall() {
    String bad = dir + "/a\0b";
    List<Executable> calls = List.of(
        () -> fs.readFile(bad),
        () -> fs.readFile(bad, (r, e) -> {}),
        () -> Fs.readFileSync(bad),
        () -> fs.readFileString(bad, StandardCharsets.UTF_8),
        () -> Fs.readFileStringSync(bad, StandardCharsets.UTF_8),
        () -> fs.writeFile(bad, new byte[1]),
        () -> fs.writeFile(bad, "x", StandardCharsets.UTF_8, (r, e) -> {}),
        () -> Fs.writeFileSync(bad, new byte[1]),
        () -> fs.appendFile(bad, new byte[1], (r, e) -> {}),
        () -> Fs.appendFileSync(bad, "x", StandardCharsets.UTF_8),
        () -> fs.mkdirRecursive(bad, 0755),
        () -> Fs.mkdirRecursiveSync(bad, 0755),
        () -> fs.rmRecursive(bad, (r, e) -> {}),
        () -> Fs.rmRecursiveSync(bad));
    for (Executable call : calls) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertTrue(e.getMessage().contains("a\\0b"), e.getMessage());
    }
    assertFalse(loop.isAlive(), "no operation may have started");
    assertFalse(Files.exists(dir.resolve("a")));
  }

  @Test
  void nullArgumentsAreRejectedBeforeAnyNativeCall() {
    String path = file("f");
    assertThrows(NullPointerException.class, () -> fs.writeFile(path, (byte[]) null));
    assertThrows(NullPointerException.class, () -> Fs.writeFileSync(path, (byte[]) null));
    assertThrows(NullPointerException.class, () -> fs.readFile(path, null));
    assertThrows(NullPointerException.class, () -> fs.readFileString(path, null));
    assertThrows(NullPointerException.class, () -> fs.appendFile(path, null, StandardCharsets.UTF_8));
    assertThrows(NullPointerException.class, () -> fs.readFile((Path) null));
    assertThrows(IllegalArgumentException.class, () -> fs.mkdirRecursive(path, 010000));
    assertFalse(loop.isAlive(), "no operation may have started");
    assertFalse(Files.exists(path(path)));
  }

  @Test
  void callbacksRunOnTheLoopThreadAfterTheCallReturns() throws Exception {
    String path = file("f");
    Fs.writeFileSync(path, new byte[1]);
    List<String> events = new ArrayList<>();
    Thread loopThread = Thread.currentThread();
    Callback<Object> record = (value, error) -> {
      assertSame(loopThread, Thread.currentThread());
      events.add("called");
    };
    fs.readFile(path, record::done);
    fs.readFile(file("missing"), record::done);
    fs.readFileString(path, StandardCharsets.UTF_8, record::done);
    fs.writeFile(file("g"), new byte[1], record::done);
    fs.writeFile(file("none/g"), "x", StandardCharsets.UTF_8, record::done);
    fs.appendFile(path, new byte[1], record::done);
    fs.mkdirRecursive(file("d/e"), 0755, record::done);
    fs.mkdirRecursive(path, 0755, record::done);
    fs.rmRecursive(file("missing"), record::done);
    events.add("returned");
    assertEquals(List.of("returned"), events);
    loop.run();
    assertEquals(10, events.size());
  }

  @Test
  void asynchronousFormsFromAnotherThreadAreRejected() throws Exception {
    String path = file("f");
    OtherThread.assertRejected(() -> fs.readFile(path));
    OtherThread.assertRejected(() -> fs.writeFile(path, new byte[1], (r, e) -> {}));
    OtherThread.assertRejected(() -> fs.mkdirRecursive(path, 0755));
    OtherThread.assertRejected(() -> fs.rmRecursive(path, (r, e) -> {}));
    assertFalse(Files.exists(path(path)));
  }

  @Test
  void syncFormsRunOnAnyThreadWithoutALoop() throws Exception {
    String path = file("f");
    Throwable thrown = OtherThread.thrownBy(() -> {
      Fs.writeFileSync(path, "from elsewhere", StandardCharsets.UTF_8);
      assertEquals("from elsewhere", Fs.readFileStringSync(path, StandardCharsets.UTF_8));
    });
    assertNull(thrown);
  }

  // --- cancellation and teardown ----------------------------------------------------------------

  @Test
  void cancelledReadFileReportsEcanceledAndClosesTheFile() throws Exception {
    String path = file("f");
    Fs.writeFileSync(path, new byte[100]);
    List<UvException> errors = new ArrayList<>();
    Cancelable read = fs.readFile(path, (data, error) -> errors.add(error));
    assertTrue(read.cancel());
    loop.run();
    assertEquals(1, errors.size());
    assertEquals("ECANCELED", errors.get(0).code());
    assertFalse(read.cancel(), "a finished operation cannot be cancelled");
    assertTrue(openDescriptorsOf(path).isEmpty(), "the file was left open");
  }

  @Test
  void cancelledRmRecursiveStopsWithEcanceled() throws Throwable {
    Path tree = makeTree(makeTarget());
    Promise.Resolver<Void> outcome = loop.promise();
    Cancelable rm = fs.rmRecursive(tree.toString(), (nothing, error) -> {
      if (error == null) outcome.resolve(null);
      else outcome.reject(error);
    });
    assertTrue(rm.cancel());
    UvException e = rejection(outcome.promise());
    assertEquals("ECANCELED", e.code());
  }

  @Test
  void closingTheLoopEndsAReadFileInFlightWithEcanceled() throws Exception {
    String path = file("f");
    Fs.writeFileSync(path, new byte[100]);
    List<UvException> errors = new ArrayList<>();
    fs.readFile(path, (data, error) -> errors.add(error));
    loop.close();
    assertEquals(1, errors.size());
    assertEquals("ECANCELED", errors.get(0).code());
    assertTrue(openDescriptorsOf(path).isEmpty(), "the file was left open");
  }

  /** The descriptors of this process open on {@code path}, from /proc/self/fd (empty elsewhere). */
  private static List<Path> openDescriptorsOf(String path) throws Exception {
    List<Path> open = new ArrayList<>();
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) return open;
    Path file = Path.of(path).toRealPath();
    try (var entries = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) entries::iterator) {
        try {
          if (Files.readSymbolicLink(fd).equals(file)) open.add(fd);
        } catch (java.io.IOException vanished) {
          // the listing's own descriptor is gone by now
        }
      }
    }
    return open;
  }

  private static Path path(String path) {
    return Path.of(path);
  }
}
