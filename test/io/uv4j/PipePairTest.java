package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Connected pairs: uv_socketpair and uv_pipe, as raw descriptors and as pipes. */
class PipePairTest extends LoopTestBase {

  PipePairTest() {
    super(30_000);
  }

  /** Reads {@code from} until EOF into {@code into}, then closes it. */
  private static void readAll(Stream from, StringBuilder into) throws UvException {
    from.readStart(new Stream.Reader() {
      @Override
      public void onData(java.nio.ByteBuffer data) {
        into.append(StandardCharsets.UTF_8.decode(data));
      }

      @Override
      public void onEnd() {
        from.close();
      }
    });
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Pipe.socketPair is for Unix")
  void aSocketPairCarriesBytesBothWays() throws Exception {
    Pipe.Pair pair = Pipe.socketPair(loop);
    StringBuilder atFirst = new StringBuilder();
    StringBuilder atSecond = new StringBuilder();
    readAll(pair.first(), atFirst);
    readAll(pair.second(), atSecond);
    pair.first().write("to second").then(v -> pair.first().shutdown());
    pair.second().write("to first").then(v -> pair.second().shutdown());
    loop.run();
    assertEquals("to second", atSecond.toString());
    assertEquals("to first", atFirst.toString());
  }

  @Test
  void anAnonymousPipeCarriesBytesFromItsWriteEndToItsReadEnd() throws Exception {
    Pipe.Ends ends = Pipe.anonymous(loop);
    StringBuilder read = new StringBuilder();
    readAll(ends.readEnd(), read);
    List<UvException> written = new ArrayList<>();
    ends.writeEnd().write("one way", error -> {
      written.add(error);
      ends.writeEnd().close();
    });
    loop.run();
    assertEquals(1, written.size());
    assertNull(written.get(0));
    assertEquals("one way", read.toString());
  }

  @Test
  void anAnonymousPipesEndsGoOneWayOnly() throws Exception {
    Pipe.Ends ends = Pipe.anonymous(loop);
    assertTrue(ends.readEnd().isReadable());
    assertFalse(ends.readEnd().isWritable());
    assertTrue(ends.writeEnd().isWritable());
    assertFalse(ends.writeEnd().isReadable());
    ends.readEnd().close();
    ends.writeEnd().close();
  }

  @Test
  void theEndsOfAnAnonymousPipeAreThePipes() throws Exception {
    Pipe.Ends ends = Pipe.anonymous(loop);
    int fd = (int) ends.readEnd().fileno();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fs.closeSync(fd));
    assertTrue(e.getMessage().startsWith("cannot close descriptor " + fd + ": it is owned by Pipe[open]"), e.getMessage());
    ends.readEnd().close();
    ends.writeEnd().close();
  }

  @Test
  void rawPipeDescriptorsAreTheCallersToAdopt() throws Exception {
    int[] ends = Uv.pipe(true, false);
    Pipe readEnd = new Pipe(loop, false);
    readEnd.open(ends[0]);
    Pipe writeEnd = new Pipe(loop, false);
    writeEnd.open(ends[1]);
    StringBuilder read = new StringBuilder();
    readAll(readEnd, read);
    writeEnd.write("adopted").then(v -> {
      writeEnd.close();
      return null;
    });
    loop.run();
    assertEquals("adopted", read.toString());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a pipe adopts no socket on Windows")
  void rawSocketPairDescriptorsAreTheCallersToAdopt() throws Exception {
    int[] pair = Uv.socketPair(Dns.SocketType.STREAM, true, true);
    Pipe first = new Pipe(loop, false);
    first.open(pair[0]);
    Pipe second = new Pipe(loop, false);
    second.open(pair[1]);
    StringBuilder read = new StringBuilder();
    readAll(second, read);
    first.write("adopted pair").then(v -> {
      first.close();
      return null;
    });
    loop.run();
    assertEquals("adopted pair", read.toString());
  }

  @Test
  void aSocketPairOfAnyTypeIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Uv.socketPair(Dns.SocketType.ANY, false, false));
    assertEquals("a socket pair needs STREAM or DATAGRAM, got ANY", e.getMessage());
  }
}
