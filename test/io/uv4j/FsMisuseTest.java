package io.uv4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong arguments, wrong state and wrong threads: each is a defined exception thrown before any
 * native call, and nothing on disk changes.
 */
class FsMisuseTest extends LoopTestBase {
  private static final ByteBuffer[] ONE = {ByteBuffer.allocate(1)};

  private Fs fs;
  @TempDir Path dir;

  @BeforeEach
  void takeItsFs() {
    fs = loop.fs();
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void illegal(Executable call) {
    assertThrows(IllegalArgumentException.class, call);
  }

  private static void npe(Executable call) {
    assertThrows(NullPointerException.class, call);
  }

  private static void badState(Executable call) {
    assertThrows(IllegalStateException.class, call);
  }

  private static <T> Callback<T> ignore() {
    return (value, error) -> {};
  }

  // --- NUL characters -------------------------------------------------------------------------

  @Test
  void aNulInAPathIsRefusedBeforeTheOsSeesTheTruncatedName() {
    // Passed on, "made\0ignored" would reach the OS as "made".
    String withNul = path("made") + "\0ignored";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Fs.openSync(withNul, Fs.O_WRONLY | Fs.O_CREAT, 0644));
    assertTrue(e.getMessage().contains("made\\0ignored"), e.getMessage());
    illegal(() -> Fs.mkdirSync(withNul, 0755));
    illegal(() -> fs.mkdir(withNul, 0755, ignore()));
    illegal(() -> fs.open(withNul, Fs.O_WRONLY | Fs.O_CREAT, 0644));
    illegal(() -> Fs.mkdtempSync(withNul + "XXXXXX"));
    illegal(() -> Fs.symlinkSync("target", withNul, 0));
    assertFalse(Files.exists(dir.resolve("made")));
  }

  @Test
  void aNulInTheDestinationOfARenameLeavesTheSourceWhereItIs() throws Exception {
    Path source = Files.write(dir.resolve("source"), new byte[1]);
    illegal(() -> Fs.renameSync(source.toString(), path("dest") + "\0x"));
    illegal(() -> fs.copyfile(source.toString(), path("dest") + "\0x", 0));
    illegal(() -> fs.link(source.toString() + "\0x", path("dest"), ignore()));
    assertTrue(Files.exists(source));
    assertFalse(Files.exists(dir.resolve("dest")));
  }

  @Test
  void aNulInAWatchedPathIsRefused() throws Exception {
    FsEvent event = new FsEvent(loop);
    FsPoll poll = new FsPoll(loop);
    illegal(() -> event.start(dir + "\0x", 0, (f, e, err) -> {}));
    illegal(() -> poll.start(dir + "\0x", 100, (p, c, err) -> {}));
    assertFalse(event.isActive());
    assertFalse(poll.isActive());
    event.close();
    poll.close();
  }

  // --- numbers out of range ---------------------------------------------------------------------

  @Test
  void aNegativeDescriptorIsRefusedByEveryDescriptorOperation() {
    illegal(() -> Fs.closeSync(-1));
    illegal(() -> Fs.readSync(-1, ONE, 0));
    illegal(() -> Fs.writeSync(-1, ONE, 0));
    illegal(() -> Fs.fstatSync(-1));
    illegal(() -> Fs.fsyncSync(-1));
    illegal(() -> Fs.fdatasyncSync(-1));
    illegal(() -> Fs.ftruncateSync(-1, 0));
    illegal(() -> Fs.fchmodSync(-1, 0644));
    illegal(() -> Fs.futimeSync(-1, 0, 0));
    illegal(() -> Fs.fchownSync(-1, -1, -1));
    illegal(() -> Fs.sendfileSync(-1, 0, 0, 1));
    illegal(() -> Fs.sendfileSync(1, -1, 0, 1));
    illegal(() -> fs.close(-1, ignore()));
    illegal(() -> fs.read(-1, ONE, 0));
  }

  @Test
  void aModeOutsideTheTwelvePermissionBitsIsRefusedAndNothingIsMade() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[1]);
    illegal(() -> Fs.mkdirSync(path("d"), 010000));
    illegal(() -> Fs.mkdirSync(path("d"), -1));
    illegal(() -> fs.mkdir(path("d"), 0100755));
    illegal(() -> Fs.openSync(path("o"), Fs.O_WRONLY | Fs.O_CREAT, 010644));
    illegal(() -> Fs.chmodSync(f.toString(), 010000));
    illegal(() -> fs.chmod(f.toString(), -1, ignore()));
    int fd = Fs.openSync(f.toString(), Fs.O_RDONLY, 0);
    try {
      illegal(() -> Fs.fchmodSync(fd, 0200000));
    } finally {
      Fs.closeSync(fd);
    }
    assertFalse(Files.exists(dir.resolve("d")));
    assertFalse(Files.exists(dir.resolve("o")));
    assertEquals(0644, Fs.statSync(f.toString()).permissions());
  }

  @Test
  void otherNumbersOutOfRangeAreRefused() throws Exception {
    String f = Files.write(dir.resolve("f"), new byte[1]).toString();
    illegal(() -> Fs.readSync(0, ONE, -2));
    illegal(() -> Fs.writeSync(1, ONE, -2));
    illegal(() -> Fs.ftruncateSync(0, -1));
    illegal(() -> Fs.sendfileSync(1, 0, -1, 1));
    illegal(() -> Fs.sendfileSync(1, 0, 0, -1));
    illegal(() -> Fs.copyfileSync(f, path("g"), 8));
    illegal(() -> Fs.symlinkSync(f, path("g"), 4));
    illegal(() -> Fs.accessSync(f, 8));
    illegal(() -> Uv.randomSync(-1));
    illegal(() -> Uv.random(loop, -1));
    assertFalse(Files.exists(dir.resolve("g")));
  }

  @Test
  void bufferListsMustHoldOneToSixtyFourBuffersAndReadsNeedWritableOnes() {
    illegal(() -> Fs.readSync(0, new ByteBuffer[0], 0));
    illegal(() -> Fs.writeSync(1, new ByteBuffer[65], 0));
    illegal(() -> Fs.readSync(0, new ByteBuffer[] {ByteBuffer.allocate(1).asReadOnlyBuffer()}, 0));
    illegal(() -> fs.read(0, new ByteBuffer[] {ByteBuffer.allocateDirect(1).asReadOnlyBuffer()}, 0, ignore()));
  }

  @Test
  void watchersRefuseUnknownFlagsAndIntervalsBelowOne() throws Exception {
    FsEvent event = new FsEvent(loop);
    FsPoll poll = new FsPoll(loop);
    illegal(() -> event.start(dir.toString(), 8, (f, e, err) -> {}));
    illegal(() -> poll.start(dir.toString(), 0, (p, c, err) -> {}));
    event.close();
    poll.close();
  }

  // --- nulls ------------------------------------------------------------------------------------

  @Test
  void nullArgumentsAreNullPointerExceptions() throws Exception {
    String f = Files.write(dir.resolve("f"), new byte[1]).toString();
    npe(() -> Fs.statSync((String) null));
    npe(() -> Fs.renameSync(f, null));
    npe(() -> Fs.renameSync(null, f));
    npe(() -> Fs.readSync(0, (ByteBuffer[]) null, 0));
    npe(() -> Fs.writeSync(1, new ByteBuffer[] {ByteBuffer.allocate(1), null}, 0));
    npe(() -> Fs.readdirSync(null, 1));
    npe(() -> Fs.closedirSync(null));
    npe(() -> fs.stat(f, null));
    npe(() -> fs.stat((String) null));
    npe(() -> fs.readdir(null, 1, ignore()));
    npe(() -> loop.queueWork(null));
    npe(() -> loop.queueWork(() -> 1, null));
    npe(() -> loop.queueWork(null, (v, e) -> {}));
    npe(() -> Uv.random(null, 1));
    npe(() -> new FsEvent(null));
    npe(() -> new FsPoll(null));
    FsEvent event = new FsEvent(loop);
    npe(() -> event.start(null, 0, (x, y, z) -> {}));
    npe(() -> event.start(dir.toString(), 0, null));
    event.close();
    FsPoll poll = new FsPoll(loop);
    npe(() -> poll.start(dir.toString(), 100, null));
    poll.close();
    assertTrue(Files.exists(Path.of(f)));
  }

  // --- directory streams ----------------------------------------------------------------------

  @Test
  void aClosedDirRefusesEveryOperation() throws Exception {
    Dir d = Fs.opendirSync(dir.toString());
    Fs.closedirSync(d);
    assertTrue(d.isClosed());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.readdirSync(d, 1));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    badState(() -> Fs.closedirSync(d));
    badState(() -> fs.readdir(d, 1, ignore()));
    badState(() -> fs.readdir(d, 1));
    badState(() -> fs.closedir(d, ignore()));
  }

  @Test
  void aSecondReaddirWhileOneIsInFlightIsRefusedAndTheFirstCompletes() throws Exception {
    Files.write(dir.resolve("f"), new byte[1]);
    Dir d = Fs.opendirSync(dir.toString());
    List<List<Dirent>> batches = new ArrayList<>();
    fs.readdir(d, 8, (entries, error) -> batches.add(entries));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> fs.readdir(d, 8, ignore()));
    assertTrue(e.getMessage().contains("busy with a readdir"), e.getMessage());
    badState(() -> Fs.readdirSync(d, 8));
    badState(() -> fs.closedir(d));
    loop.run();
    assertEquals(List.of(List.of(new Dirent("f", Dirent.Type.FILE))), batches);
    assertEquals(List.of(), Fs.readdirSync(d, 8), "the Dir is free again once the read completes");
    Fs.closedirSync(d);
  }

  @Test
  void readdirAfterAnAsynchronousClosedirIsRefused() throws Exception {
    Dir d = Fs.opendirSync(dir.toString());
    Promise<Void> closed = fs.closedir(d);
    badState(() -> fs.readdir(d, 1));
    loop.run();
    assertTrue(closed.isFulfilled());
    badState(() -> Fs.readdirSync(d, 1));
  }

  // --- loops and threads ------------------------------------------------------------------------

  @Test
  void aClosedLoopRefusesFsQueueWorkAndRandomWithoutTouchingTheDisk() throws Exception {
    Loop other = Loop.create();
    Fs otherFs = other.fs();
    other.close();
    badState(other::fs);
    badState(() -> otherFs.mkdir(path("never"), 0755, ignore()));
    badState(() -> otherFs.mkdir(path("never"), 0755));
    badState(() -> other.queueWork(() -> 1));
    badState(() -> other.queueWork(() -> 1, (v, e) -> {}));
    badState(() -> Uv.random(other, 1));
    badState(() -> new FsEvent(other));
    badState(() -> new FsPoll(other));
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  void anotherThreadIsRefusedByFsQueueWorkRandomAndCancel() throws Exception {
    Cancelable pending = fs.stat(dir.toString(), ignore());
    OtherThread.assertRejected(loop::fs);
    OtherThread.assertRejected(() -> fs.mkdir(path("never"), 0755, ignore()));
    OtherThread.assertRejected(() -> fs.stat(dir.toString()));
    OtherThread.assertRejected(() -> loop.queueWork(() -> 1));
    OtherThread.assertRejected(() -> loop.queueWork(() -> 1, (v, e) -> {}));
    OtherThread.assertRejected(() -> Uv.random(loop, 1));
    OtherThread.assertRejected(pending::cancel);
    OtherThread.assertRejected(() -> new FsEvent(loop));
    loop.run();
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  void callbacksRunDuringLoopCloseCannotStartNewWork() throws Exception {
    List<Throwable> refused = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fs.stat(dir.toString(), (stat, error) -> {
        try {
          fs.stat(dir.toString(), ignore());
        } catch (IllegalStateException e) {
          refused.add(e);
        }
        try {
          loop.queueWork(() -> 1);
        } catch (IllegalStateException e) {
          refused.add(e);
        }
      });
    }
    loop.close();
    assertEquals(100, refused.size());
    assertTrue(refused.get(0).getMessage().contains("closing"), refused.get(0).getMessage());
  }

  @Test
  void syncFormsWorkOnAThreadThatHasNoLoop() throws Exception {
    String f = path("from-a-plain-thread");
    AtomicReference<String> read = new AtomicReference<>();
    AtomicReference<Stat> stat = new AtomicReference<>();
    AtomicReference<byte[]> random = new AtomicReference<>();
    Throwable thrown = OtherThread.thrownBy(() -> {
      int fd = Fs.openSync(f, Fs.O_RDWR | Fs.O_CREAT, 0644);
      Fs.writeSync(fd, new ByteBuffer[] {ByteBuffer.wrap("plain".getBytes(UTF_8))}, 0);
      ByteBuffer into = ByteBuffer.allocate(16);
      int n = Fs.readSync(fd, new ByteBuffer[] {into}, 0);
      Fs.closeSync(fd);
      read.set(new String(into.array(), 0, n, UTF_8));
      stat.set(Fs.statSync(f));
      Dir d = Fs.opendirSync(dir.toString());
      Fs.readdirSync(d, 4);
      Fs.closedirSync(d);
      random.set(Uv.randomSync(8));
    });
    assertNull(thrown);
    assertEquals("plain", read.get());
    assertEquals(5, stat.get().size());
    assertEquals(8, random.get().length);
  }

  @Test
  void syncFormsWorkOnTheThreadOfAClosedLoop() throws Exception {
    loop.close();
    Fs.mkdirSync(path("after-close"), 0755);
    assertTrue(Fs.statSync(path("after-close")).isDirectory());
  }
}
