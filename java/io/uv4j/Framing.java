package io.uv4j;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Cuts what a stream reads into frames, and writes length-prefixed frames. Each reading factory
 * returns a {@link Stream.Reader} to give to {@link Stream#readStart}, which passes whole frames
 * on to the reader it decorates:
 *
 * <pre>{@code
 * conn.readStart(Framing.lines(conn, 8192, line ->
 *     conn.write(StandardCharsets.UTF_8.decode(line) + "\n", null)));
 * }</pre>
 *
 * <p>The decorated reader is told, on the loop thread:
 *
 * <ul>
 *   <li>{@link Stream.Reader#onData} once per frame, without its delimiter or length prefix, from
 *       position 0 to a limit of the frame's length. Unlike a stream's reads, a frame may be
 *       empty. The buffer is valid only during the call: a frame that lay within one read is a
 *       slice of the stream's read buffer (nothing is copied); one split across reads is copied
 *       into the decorator's own buffer, which the next frame reuses. That buffer grows with what
 *       arrives, never past {@code maxLength}, and is let go at the end of the stream or an error.
 *   <li>{@link Stream.Reader#onEnd} at the end of the stream, after the last frame.
 *   <li>{@link Stream.Reader#onError} with the stream's own errors, unchanged (what happens to the
 *       stream then is the stream's rule), or with a framing error: {@code EMSGSIZE} for a frame
 *       longer than {@code maxLength}, {@code EOF} for a length-prefixed frame cut short by the
 *       end of the stream. After a framing error the decorator closes the stream and delivers
 *       nothing more; its message names the lengths involved.
 * </ul>
 *
 * <p>Once the decorated reader closes the stream, even in the middle of a read holding several
 * frames, nothing more is delivered (neither frames nor the end). If it throws, the stream is
 * closed too, since the rest of the read can no longer be delivered in order, and the exception
 * goes on to the loop's uncaught-exception handling. Stopping reading, or starting it with another
 * reader, takes effect from the next read: the frames of the read being cut still reach this
 * decorator's reader.
 *
 * <p>A decorator keeps the state of one stream's framing: give each stream its own.
 */
public final class Framing {
  private Framing() {}

  /**
   * Cuts a stream into lines: each ends at {@code '\n'}, and a {@code '\r'} just before the
   * {@code '\n'} is dropped too. At the end of the stream, text after the last {@code '\n'} (a
   * {@code '\r'} included) is delivered as a last line, as Node's {@code readline} does.
   *
   * @param stream the stream the decorator reads from, which it closes after a framing error
   * @param maxLength the most bytes a line may have, not counting its line ending; a longer one
   *     fails with {@code EMSGSIZE} once more than this many of its bytes have arrived, before
   *     they are buffered
   * @param lines told of each line, of the end and of errors, as the class description says
   * @return the reader to give to {@code stream.readStart}
   * @throws NullPointerException if {@code stream} or {@code lines} is null
   * @throws IllegalArgumentException if {@code maxLength} is less than 1
   */
  public static Stream.Reader lines(Stream stream, int maxLength, Stream.Reader lines) {
    check(stream, maxLength, lines, "lines");
    return new DelimitedReader(stream, new byte[] {'\r', '\n'}, true, "line", maxLength, lines);
  }

  /**
   * Cuts a stream into frames that each end at {@code delimiter}, which is found also when it is
   * split across reads. At the end of the stream, bytes after the last delimiter are delivered as
   * a last frame.
   *
   * @param stream the stream the decorator reads from, which it closes after a framing error
   * @param delimiter the bytes that end a frame (copied: later changes to the array do not count)
   * @param maxLength the most bytes a frame may have, not counting its delimiter; a longer one
   *     fails with {@code EMSGSIZE} once more than this many of its bytes have arrived, before
   *     they are buffered
   * @param frames told of each frame, of the end and of errors, as the class description says
   * @return the reader to give to {@code stream.readStart}
   * @throws NullPointerException if {@code stream}, {@code delimiter} or {@code frames} is null
   * @throws IllegalArgumentException if {@code delimiter} is empty or {@code maxLength} is less
   *     than 1
   */
  public static Stream.Reader delimited(Stream stream, byte[] delimiter, int maxLength, Stream.Reader frames) {
    Objects.requireNonNull(delimiter, "delimiter");
    check(stream, maxLength, frames, "frames");
    if (delimiter.length == 0) throw new IllegalArgumentException("delimiter must not be empty, got byte[0]");
    return new DelimitedReader(stream, delimiter.clone(), false, "frame", maxLength, frames);
  }

  /**
   * Cuts a stream into frames that each follow their length: {@code prefixBytes} bytes holding an
   * unsigned big-endian number. A length above {@code maxLength} fails with {@code EMSGSIZE} as
   * soon as its prefix is read, before any of the frame is buffered. A frame of length 0 is
   * delivered as an empty buffer. The end of the stream in the middle of a prefix or frame fails
   * with {@code EOF}, naming how many bytes are missing, instead of ending.
   *
   * @param stream the stream the decorator reads from, which it closes after a framing error
   * @param prefixBytes the size of each length prefix: 1, 2 or 4
   * @param maxLength the largest frame accepted; with a 4-byte prefix, lengths above {@code
   *     Integer.MAX_VALUE} are always too long
   * @param frames told of each frame, of the end and of errors, as the class description says
   * @return the reader to give to {@code stream.readStart}
   * @throws NullPointerException if {@code stream} or {@code frames} is null
   * @throws IllegalArgumentException if {@code prefixBytes} is not 1, 2 or 4, or {@code
   *     maxLength} is less than 1
   */
  public static Stream.Reader lengthPrefixed(Stream stream, int prefixBytes, int maxLength, Stream.Reader frames) {
    check(stream, maxLength, frames, "frames");
    checkPrefixBytes(prefixBytes);
    return new LengthPrefixedReader(stream, prefixBytes, maxLength, frames);
  }

  /**
   * Writes {@code frame} after its length, as {@link #lengthPrefixed} reads it: one vectored write
   * of the prefix and the bytes between the frame's position and limit (the frame is not changed,
   * and a direct one is not copied).
   *
   * @param stream the stream to write to
   * @param prefixBytes the size of the length prefix: 1, 2 or 4
   * @param frame the frame's bytes; a direct buffer must not change until the callback
   * @param callback told of the outcome, as for {@link Stream#write(ByteBuffer, Completion)}; may
   *     be null
   * @throws NullPointerException if {@code stream} or {@code frame} is null
   * @throws IllegalArgumentException if {@code prefixBytes} is not 1, 2 or 4, or the frame is too
   *     long for the prefix (more than 255 bytes for 1, 65,535 for 2), or with its prefix longer
   *     than a write may be (2 GiB)
   * @throws IllegalStateException if the stream is closed, or called from another thread
   */
  public static void writeLengthPrefixed(Stream stream, int prefixBytes, ByteBuffer frame, Completion callback) {
    Objects.requireNonNull(stream, "stream");
    stream.write(withPrefix(prefixBytes, frame), callback);
  }

  /**
   * Writes {@code frame} after its length; see {@link #writeLengthPrefixed(Stream, int,
   * ByteBuffer, Completion)}.
   *
   * @param stream the stream to write to
   * @param prefixBytes the size of the length prefix: 1, 2 or 4
   * @param frame the frame's bytes; a direct buffer must not change until the promise settles
   * @return fulfilled once the prefix and frame are handed to the OS, rejected with a {@link
   *     UvException}
   * @throws NullPointerException if {@code stream} or {@code frame} is null
   * @throws IllegalArgumentException if {@code prefixBytes} is not 1, 2 or 4, or the frame is too
   *     long for the prefix (more than 255 bytes for 1, 65,535 for 2), or with its prefix longer
   *     than a write may be (2 GiB)
   * @throws IllegalStateException if the stream is closed, or called from another thread
   */
  public static Promise<Void> writeLengthPrefixed(Stream stream, int prefixBytes, ByteBuffer frame) {
    Objects.requireNonNull(stream, "stream");
    return stream.write(withPrefix(prefixBytes, frame));
  }

  /** The length prefix and the frame; a direct frame gets a direct prefix, so nothing is copied. */
  private static ByteBuffer[] withPrefix(int prefixBytes, ByteBuffer frame) {
    checkPrefixBytes(prefixBytes);
    Objects.requireNonNull(frame, "frame");
    int length = frame.remaining();
    if (prefixBytes < 4 && length >>> (8 * prefixBytes) != 0) {
      throw new IllegalArgumentException("frame of " + length + " bytes does not fit a " + prefixBytes
          + "-byte length prefix, which holds at most " + ((1 << (8 * prefixBytes)) - 1));
    }
    ByteBuffer prefix = frame.isDirect() ? ByteBuffer.allocateDirect(prefixBytes) : ByteBuffer.allocate(prefixBytes);
    for (int shift = 8 * (prefixBytes - 1); shift >= 0; shift -= 8) prefix.put((byte) (length >>> shift));
    return new ByteBuffer[] {prefix.flip(), frame};
  }

  private static void check(Stream stream, int maxLength, Stream.Reader reader, String readerName) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(reader, readerName);
    if (maxLength < 1) throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
  }

  private static void checkPrefixBytes(int prefixBytes) {
    if (prefixBytes != 1 && prefixBytes != 2 && prefixBytes != 4) {
      throw new IllegalArgumentException("prefixBytes must be 1, 2 or 4, got " + prefixBytes);
    }
  }
}
