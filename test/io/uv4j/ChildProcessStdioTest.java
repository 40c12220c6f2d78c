package io.uv4j;

import static io.uv4j.Children.collect;
import static io.uv4j.Children.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the children are POSIX programs and shell scripts")
class ChildProcessStdioTest extends LoopTestBase {
  private static final long ECHOED = 100L << 20;
  private static final int CHUNK = 64 << 10;
  private static final int WRITES_IN_FLIGHT = 4;

  @TempDir Path dir;

  ChildProcessStdioTest() {
    super(120_000);
  }

  /** Feeds a child's stdin pseudo-random chunks, a few writes at a time, then shuts it down. */
  private static final class Feeder {
    private final Pipe stdin;
    private final SplittableRandom random = new SplittableRandom(10);
    private final CRC32 crc = new CRC32();
    private long left = ECHOED;
    private int writing;
    private UvException failure;

    Feeder(Pipe stdin) {
      this.stdin = stdin;
    }

    void start() {
      for (int i = 0; i < WRITES_IN_FLIGHT; i++) next();
    }

    private void next() {
      if (left == 0 || failure != null) return;
      int size = (int) Math.min(CHUNK, left);
      left -= size;
      ByteBuffer chunk = ByteBuffer.allocateDirect(size);
      while (chunk.remaining() >= Long.BYTES) chunk.putLong(random.nextLong());
      while (chunk.hasRemaining()) chunk.put((byte) random.nextInt());
      chunk.flip();
      crc.update(chunk.duplicate());
      writing++;
      stdin.write(chunk, error -> {
        writing--;
        if (error != null) failure = error;
        else if (left == 0 && writing == 0) stdin.shutdown(done -> stdin.close());
        else next();
      });
    }
  }

  @Test
  void hundredMegabytesEchoedThroughCatComeBackIntact() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).stdout(Stdio.pipeFromChild()).build());
    CRC32 received = new CRC32();
    long[] count = new long[1];
    child.stdout().readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        count[0] += data.remaining();
        received.update(data);
      }

      @Override
      public void onEnd() {
        child.stdout().close();
      }
    });
    Feeder feeder = new Feeder(child.stdin());
    feeder.start();
    Promise<ChildProcess.Exit> exit = child.exit();
    loop.run();
    assertNull(feeder.failure);
    assertEquals(ECHOED, count[0]);
    assertEquals(feeder.crc.getValue(), received.getValue());
    assertEquals(new ChildProcess.Exit(0, 0), exit.value());
    child.close();
  }

  @Test
  void stderrArrivesApartFromStdout() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        sh("echo to-out; echo to-err >&2").stdout(Stdio.pipeFromChild()).stderr(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    collect(child.stdout(), out);
    collect(child.stderr(), err);
    loop.run();
    assertEquals("to-out\n", out.toString());
    assertEquals("to-err\n", err.toString());
    child.close();
  }

  @Test
  void aChildWritesToAnExtraDescriptor() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("echo extra >&3").stdio(3, Stdio.pipeFromChild()).build());
    StringBuilder extra = new StringBuilder();
    collect(child.pipe(3), extra);
    loop.run();
    assertEquals("extra\n", extra.toString());
    child.close();
  }

  @Test
  void aDescriptorOpenedThroughUv4jDoesNotReachTheChild() throws Exception {
    int fd = Fs.openSync(Files.writeString(dir.resolve("parent-only"), "x").toString(), Fs.O_RDONLY, 0);
    try {
      ChildProcess child = ChildProcess.spawn(loop,
          sh("for fd in 1 " + fd + "; do if [ -e /dev/fd/$fd ]; then echo \"$fd open\"; else echo \"$fd closed\"; fi; done")
              .stdout(Stdio.pipeFromChild()).build());
      StringBuilder out = new StringBuilder();
      collect(child.stdout(), out);
      loop.run();
      assertEquals("1 open\n" + fd + " closed\n", out.toString());
      child.close();
    } finally {
      Fs.closeSync(fd);
    }
  }

  @Test
  void anInheritedDescriptorIsSharedWithTheChild() throws Exception {
    Path file = dir.resolve("out");
    int fd = Fs.openSync(file.toString(), Fs.O_WRONLY | Fs.O_CREAT, 0644);
    try {
      ChildProcess child = ChildProcess.spawn(loop, sh("echo into-file").stdout(Stdio.inherit(fd)).build());
      loop.run();
      child.close();
    } finally {
      Fs.closeSync(fd);
    }
    assertEquals("into-file\n", Files.readString(file));
  }

  @Test
  void anInheritedStreamIsSharedWithTheChild() throws UvException {
    ChildProcess producer = ChildProcess.spawn(loop, sh("echo chained").stdout(Stdio.pipeFromChild()).build());
    ChildProcess consumer = ChildProcess.spawn(loop,
        SpawnOptions.builder("/bin/cat").stdin(Stdio.inherit(producer.stdout())).stdout(Stdio.pipeFromChild()).build());
    producer.stdout().close();
    StringBuilder out = new StringBuilder();
    collect(consumer.stdout(), out);
    loop.run();
    assertEquals("chained\n", out.toString());
    producer.close();
    consumer.close();
  }

  @Test
  void aStreamGivenAsStdioIsHandedOverSoTheLoopNeverReadsItsBlockingDescriptor() throws UvException {
    Pipe.Pair pair = Pipe.socketPair(loop);
    Pipe mine = pair.first();
    StringBuilder got = new StringBuilder();
    collect(mine, got);
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("/bin/true").stdout(Stdio.inherit(mine)).build());
    // readable now: a loop still reading would drain it, then block in read()
    pair.second().write("after the spawn\n");
    IllegalStateException read = assertThrows(IllegalStateException.class, () -> collect(mine, got));
    assertTrue(read.getMessage().contains("was handed to child " + child.pid() + " as its fd 1"), read.getMessage());
    assertThrows(IllegalStateException.class, () -> mine.write("no"));
    child.exit().thenAccept(exit -> {
      child.close();
      mine.close();
      pair.second().close();
    });
    loop.run();
    assertEquals("", got.toString());
  }

  @Test
  void aStreamGivenAsAnExtraDescriptorStaysUsable() throws UvException {
    Pipe.Pair pair = Pipe.socketPair(loop);
    Pipe mine = pair.first();
    ChildProcess child = ChildProcess.spawn(loop, sh("true").stdio(3, Stdio.inherit(mine)).build());
    StringBuilder got = new StringBuilder();
    collect(mine, got);
    pair.second().write("still mine\n").thenAccept(ignored -> pair.second().close());
    child.exit().thenAccept(exit -> child.close());
    loop.run();
    assertEquals("still mine\n", got.toString());
  }

  @Test
  void aNonblockingPipeCarriesTheOutputToo() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("echo nonblocking").stdout(Stdio.pipeFromChild().nonblocking()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    loop.run();
    assertEquals("nonblocking\n", out.toString());
    child.close();
  }

  @Test
  void aDuplexPipeCarriesBothWays() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("read line; echo \"got $line\" >&0").stdin(Stdio.duplexPipe()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdin(), out);
    child.stdin().write("ping\n");
    loop.run();
    assertEquals("got ping\n", out.toString());
    child.close();
  }

  @Test
  void anIpcPipeEntryGivesAnIpcPipe() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh(":").stdio(3, Stdio.duplexPipe().ipc()).build());
    assertTrue(child.pipe(3).isIpc());
    child.pipe(3).close();
    loop.run();
    child.close();
  }

  @Test
  void aPipeForADescriptorGivenNoneIsRefusedNamingIt() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh(":").build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> child.pipe(1));
    assertTrue(e.getMessage().contains("fd 1"), e.getMessage());
    loop.run();
    child.close();
  }

  @Test
  void aStreamOfAnotherLoopIsRefused() throws Exception {
    try (Loop other = Loop.create()) {
      Pipe foreign = new Pipe(other, false);
      SpawnOptions options = sh(":").stdin(Stdio.inherit(foreign)).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildProcess.spawn(loop, options));
      assertTrue(e.getMessage().contains("fd 0"), e.getMessage());
    }
  }

  @Test
  void aStreamWithNoDescriptorYetFailsWithEinval() {
    Pipe unopened = new Pipe(loop, false);
    UvException e = assertThrows(UvException.class, () -> ChildProcess.spawn(loop, sh(":").stdin(Stdio.inherit(unopened)).build()));
    assertEquals("EINVAL", e.code());
    unopened.close();
  }
}
