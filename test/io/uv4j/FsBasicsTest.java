package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsBasicsTest extends LoopTestBase {
  @TempDir Path dir;

  @Test
  void syncWriteThenReadRoundTripsTheBytes() throws Exception {
    String file = dir.resolve("a.txt").toString();
    int fd = Fs.openSync(file, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC, 0644);
    byte[] text = "hello, fs".getBytes(StandardCharsets.UTF_8);
    assertEquals(text.length, Fs.writeSync(fd, new ByteBuffer[] {ByteBuffer.wrap(text)}, -1));
    Fs.closeSync(fd);
    fd = Fs.openSync(file, Fs.O_RDONLY, 0);
    ByteBuffer into = ByteBuffer.allocate(64);
    int n = Fs.readSync(fd, new ByteBuffer[] {into}, 0);
    Fs.closeSync(fd);
    assertEquals("hello, fs", new String(into.array(), 0, n, StandardCharsets.UTF_8));
    assertEquals(text.length, Fs.statSync(file).size());
  }

  @Test
  void singleBufferReadAndWriteMatchTheVectoredForms() throws Exception {
    String file = dir.resolve("one.bin").toString();
    int fd = Fs.openSync(file, Fs.O_RDWR | Fs.O_CREAT | Fs.O_TRUNC, 0644);
    assertEquals(3, Fs.writeSync(fd, ByteBuffer.wrap(new byte[] {1, 2, 3}), 0));
    Promise<Integer> written = loop.fs().write(fd, ByteBuffer.allocateDirect(2).put(new byte[] {4, 5}).flip(), 3);
    loop.run();
    assertEquals(2, written.value());
    ByteBuffer into = ByteBuffer.allocate(8);
    Promise<Integer> read = loop.fs().read(fd, into, 0);
    loop.run();
    assertEquals(5, read.value());
    assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5),
        List.of(into.get(0), into.get(1), into.get(2), into.get(3), into.get(4)));
    assertEquals(2, Fs.readSync(fd, ByteBuffer.allocate(2), 3));
    Fs.closeSync(fd);
    assertThrows(NullPointerException.class, () -> Fs.readSync(0, (ByteBuffer) null, 0));
  }

  @Test
  void promiseStatOfAFileReportsItsSizeAndType() throws Exception {
    Path file = Files.write(dir.resolve("b"), new byte[1234]);
    Promise<Stat> stat = loop.fs().stat(file.toString());
    loop.run();
    assertEquals(1234, stat.value().size());
    assertTrue(stat.value().isFile());
  }

  @Test
  void callbackOpenOfAMissingFileFailsWithEnoentLikeNode() throws Exception {
    String missing = dir.resolve("nope").toString();
    List<UvException> errors = new ArrayList<>();
    loop.fs().open(missing, Fs.O_RDONLY, 0, (fd, error) -> {
      assertNull(fd);
      errors.add(error);
    });
    assertTrue(errors.isEmpty());
    loop.run();
    UvException e = errors.get(0);
    assertEquals("ENOENT", e.code());
    assertEquals("open", e.syscall());
    assertEquals(missing, e.path());
    assertEquals("ENOENT: no such file or directory, open '" + missing + "'", e.getMessage());
  }

  @Test
  void scandirListsEntriesWithTheirTypes() throws Exception {
    Files.createDirectory(dir.resolve("sub"));
    Files.write(dir.resolve("f"), new byte[1]);
    List<Dirent> entries = Fs.scandirSync(dir.toString());
    assertEquals(2, entries.size());
    assertTrue(entries.contains(new Dirent("sub", Dirent.Type.DIR)));
    assertTrue(entries.contains(new Dirent("f", Dirent.Type.FILE)));
  }

  @Test
  void pathWithNulIsRejectedBeforeAnyNativeCall() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fs.statSync("a\0b"));
    assertTrue(e.getMessage().contains("a\\0b"));
  }

  @Test
  void queueWorkRunsOnANamedPoolThreadAndReportsOnTheLoopThread() throws Exception {
    Promise<String> work = loop.queueWork(() -> Thread.currentThread().getName());
    Thread[] reported = new Thread[1];
    work.thenAccept(name -> reported[0] = Thread.currentThread());
    loop.run();
    assertTrue(work.value().startsWith("uv4j-pool-"), work.value());
    assertEquals(Thread.currentThread(), reported[0]);
  }

  @Test
  void queueWorkThatThrowsRejectsWithWhatItThrew() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    Promise<Object> work = loop.queueWork(() -> {
      throw boom;
    });
    work.catchError(e -> null);
    loop.run();
    assertEquals(boom, work.reason());
  }

  @Test
  void randomSyncGivesTheRequestedNumberOfBytes() throws Exception {
    assertEquals(32, Uv.randomSync(32).length);
    Promise<byte[]> bytes = Uv.random(loop, 16);
    loop.run();
    assertEquals(16, bytes.value().length);
  }
}
