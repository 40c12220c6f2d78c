package io.uv4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader a framing decorator decorates in the tests: it records what it is told, as text.
 * Also builds the reads the tests feed a decorator by hand.
 */
class FrameLog implements Stream.Reader {
  /** What a test does with each frame, during the call. */
  interface FrameAction {
    void on(ByteBuffer frame) throws Exception;
  }

  /**
   * In order: {@code "[bytes]"} for a frame (its bytes as ISO-8859-1), {@code "end"}, or an
   * error's message.
   */
  final List<String> events = new ArrayList<>();
  private final FrameAction action;

  FrameLog() {
    this(frame -> {});
  }

  FrameLog(FrameAction action) {
    this.action = action;
  }

  @Override
  public void onData(ByteBuffer frame) throws Exception {
    events.add("[" + text(frame) + "]");
    action.on(frame);
  }

  @Override
  public void onEnd() {
    events.add("end");
  }

  @Override
  public void onError(UvException error) {
    events.add(error.getMessage());
  }

  /** The bytes between position and limit as ISO-8859-1 text, one char per byte. */
  static String text(ByteBuffer data) {
    return new String(Net.bytes(data), StandardCharsets.ISO_8859_1);
  }

  /** The bytes of ISO-8859-1 text, one per char. */
  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * A direct buffer holding {@code content} between its position and limit, with line endings and
   * zeros before and after it that a decorator must not look at.
   */
  static ByteBuffer read(String content) {
    String margin = "\n\r\0";
    ByteBuffer buffer = ByteBuffer.allocateDirect(margin.length() * 2 + content.length());
    buffer.put(bytes(margin + content + margin));
    return buffer.limit(margin.length() + content.length()).position(margin.length());
  }

  /** Hands {@code reader} each of {@code reads} as one read. */
  static void feed(Stream.Reader reader, String... reads) throws Exception {
    for (String content : reads) reader.onData(read(content));
  }

  /** Every way to cut {@code input} into non-empty reads, in order: 2^(length - 1) of them. */
  static List<String[]> everySplit(String input) {
    List<String[]> splits = new ArrayList<>();
    int cuts = input.length() - 1;
    for (int mask = 0; mask < 1 << cuts; mask++) {
      List<String> reads = new ArrayList<>();
      int from = 0;
      for (int at = 1; at <= cuts; at++) {
        if ((mask & 1 << (at - 1)) != 0) {
          reads.add(input.substring(from, at));
          from = at;
        }
      }
      reads.add(input.substring(from));
      splits.add(reads.toArray(new String[0]));
    }
    return splits;
  }
}
