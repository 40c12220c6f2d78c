package io.uv4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.Check;
import io.uv4j.ChildProcess;
import io.uv4j.Loop;
import io.uv4j.Pipe;
import io.uv4j.Stream;
import io.uv4j.UvException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay on a loop run by the test thread: the child is a JVM running {@link Producer} (so
 * the test runs wherever Java does), the destination an anonymous pipe whose other end the test
 * reads on the same loop.
 */
class ChildOutputPipeTest {
  private static final int OUTPUT_BYTES = 8 << 20;
  private static final int EXIT_STATUS = 3;
  /** The most one read of the child's pipe brings: the loop's read buffer. */
  private static final int ONE_READ = 64 << 10;
  private static final long MARK = 64 << 10;

  /** The child: writes {@code args[0]} bytes of {@link #expectedByte} and exits with {@code args[1]}. */
  static final class Producer {
    public static void main(String[] args) throws IOException {
      int count = Integer.parseInt(args[0]);
      OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
      for (int i = 0; i < count; i++) out.write(expectedByte(i));
      out.flush();
      System.exit(Integer.parseInt(args[1]));
    }
  }

  /** A period of 251, prime: a chunk lost, doubled or out of place shows. */
  static byte expectedByte(int index) {
    return (byte) (index % 251);
  }

  private static List<String> producerCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-cp", System.getProperty("java.class.path"), Producer.class.getName(),
        Integer.toString(OUTPUT_BYTES), Integer.toString(EXIT_STATUS));
  }

  private static byte[] expectedOutput() {
    byte[] bytes = new byte[OUTPUT_BYTES];
    for (int i = 0; i < bytes.length; i++) bytes[i] = expectedByte(i);
    return bytes;
  }

  /** Reads {@code pipe} to its end into {@code into}, then closes it. */
  private static void drain(Pipe pipe, ByteArrayOutputStream into) throws UvException {
    pipe.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        into.write(chunk, 0, chunk.length);
      }

      @Override
      public void onEnd() {
        pipe.close();
      }

      @Override
      public void onError(UvException error) {
        pipe.close();
        throw new AssertionError("reading the destination failed", error);
      }
    });
  }

  @Test
  void relaysEveryByteOfTheChildsOutputAndItsExitStatus() throws UvException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Loop loop = Loop.create()) {
      Pipe.Ends destination = Pipe.anonymous(loop);
      drain(destination.readEnd(), received);
      ChildOutputPipe relay = ChildOutputPipe.start(loop, producerCommand(), destination.writeEnd(), MARK);
      var done = relay.done().finallyDo(destination.writeEnd()::close);
      loop.run();
      assertEquals(new ChildProcess.Exit(EXIT_STATUS, 0), done.value());
      assertEquals(List.of(), loop.handles());
    }
    assertArrayEquals(expectedOutput(), received.toByteArray());
  }

  @Test
  void pausesWhileTheDestinationOwesADrainHoldingAtMostTheMarkPlusOneRead() throws UvException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    long[] peakQueued = {0};
    boolean[] draining = {false};
    try (Loop loop = Loop.create()) {
      Pipe.Ends destination = Pipe.anonymous(loop);
      ChildOutputPipe relay = ChildOutputPipe.start(loop, producerCommand(), destination.writeEnd(), MARK);
      // Nobody reads the destination until the relay has had to pause for it. Until then its
      // queue only grows, in the relay's writes, so the size seen after each loop iteration is
      // the size after that iteration's last write.
      Check watch = new Check(loop);
      watch.start(() -> {
        Pipe writeEnd = destination.writeEnd();
        if (writeEnd.isClosing()) return;
        peakQueued[0] = Math.max(peakQueued[0], writeEnd.writeQueueSize());
        if (writeEnd.needsDrain() && !draining[0]) {
          draining[0] = true;
          try {
            drain(destination.readEnd(), received);
          } catch (UvException e) {
            throw new AssertionError(e);
          }
        }
      });
      watch.unref();
      var done = relay.done().finallyDo(() -> {
        watch.close();
        destination.writeEnd().close();
      });
      loop.run();
      assertEquals(new ChildProcess.Exit(EXIT_STATUS, 0), done.value());
      assertTrue(relay.pauses() >= 1);
      assertTrue(peakQueued[0] >= MARK, () -> "peak queued " + peakQueued[0]);
      assertTrue(peakQueued[0] <= MARK + ONE_READ, () -> "peak queued " + peakQueued[0]);
    }
    assertArrayEquals(expectedOutput(), received.toByteArray());
  }

  @Test
  void refusesAHighWaterMarkThatIsNotPositive() throws UvException {
    try (Loop loop = Loop.create()) {
      Pipe.Ends destination = Pipe.anonymous(loop);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ChildOutputPipe.start(loop, producerCommand(), destination.writeEnd(), 0));
      assertEquals("highWaterMark must be > 0, got 0", e.getMessage());
      destination.readEnd().close();
      destination.writeEnd().close();
      loop.run();
    }
  }

  @Test
  void aMissingProgramFailsAtTheCall() throws UvException {
    try (Loop loop = Loop.create()) {
      Pipe.Ends destination = Pipe.anonymous(loop);
      UvException e = assertThrows(UvException.class,
          () -> ChildOutputPipe.start(loop, List.of("/no/such/program"), destination.writeEnd(), MARK));
      assertEquals("ENOENT", e.code());
      destination.readEnd().close();
      destination.writeEnd().close();
      loop.run();
    }
  }
}
