package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Stream.pipe into a destination that cannot be half-closed: the write end of an anonymous pipe,
 * as a process's stdout often is (on Unix, {@code shutdown(2)} of a FIFO or a terminal fails with
 * {@code ENOTSOCK}).
 */
class StreamPipeIntoPipeTest extends LoopTestBase {
  @Test
  void theEndOfTheSourceFulfilsThePipeIntoAFifoAndLeavesItOpen() throws UvException {
    int total = 1 << 20;
    Pipe.Ends in = Pipe.anonymous(loop);
    Pipe.Ends out = Pipe.anonymous(loop);
    PatternBytes received = new PatternBytes();
    out.readEnd().readStart(received::check);
    Promise<Void> piped = in.readEnd().pipe(out.writeEnd());
    boolean[] destinationOpenAtEnd = {false};
    piped.then(done -> {
      destinationOpenAtEnd[0] = !out.writeEnd().isClosing();
      out.writeEnd().close();
      return null;
    }, failure -> null);
    in.writeEnd().write(PatternBytes.range(0, total), error -> in.writeEnd().close());
    loop.run();
    assertTrue(piped.isFulfilled(), piped.toString());
    assertTrue(destinationOpenAtEnd[0], "the destination was left open");
    assertEquals(total, received.received());
  }
}
