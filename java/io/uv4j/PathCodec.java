package io.uv4j;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one conversion between path strings and the bytes the OS names files with. Valid UTF-8
 * decodes as UTF-8; each byte of a sequence that is not valid UTF-8 decodes to the lone surrogate
 * {@code U+DC80..U+DCFF} (its value plus {@code 0xDC00}), and such a lone surrogate encodes back
 * to that byte, as Python's {@code surrogateescape} does. So every name the OS returns survives a
 * round trip byte for byte, and a valid name reads as the text it is.
 */
final class PathCodec {
  private static final char ESCAPE_BASE = 0xDC00;
  private static final char FIRST_ESCAPE = 0xDC80;
  private static final char LAST_ESCAPE = 0xDCFF;

  private PathCodec() {}

  /** The string that names the file whose name is {@code bytes}. */
  static String decode(byte[] bytes) {
    StringBuilder escaped = null;
    int validFrom = 0;
    int i = 0;
    while (i < bytes.length) {
      int length = validSequenceLength(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      if (escaped == null) escaped = new StringBuilder(bytes.length);
      escaped.append(new String(bytes, validFrom, i - validFrom, StandardCharsets.UTF_8));
      escaped.append((char) (ESCAPE_BASE + (bytes[i] & 0xFF)));
      validFrom = ++i;
    }
    if (escaped == null) return new String(bytes, StandardCharsets.UTF_8);
    return escaped.append(new String(bytes, validFrom, bytes.length - validFrom, StandardCharsets.UTF_8)).toString();
  }

  /**
   * The bytes {@code path} names.
   *
   * @throws IllegalArgumentException if it holds a lone surrogate outside {@code U+DC80..U+DCFF},
   *     which stands for no byte
   */
  static byte[] encode(String path, String what) {
    byte[] out = new byte[path.length() * 3];
    int n = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | c >> 6);
        out[n++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, path.charAt(++i));
        out[n++] = (byte) (0xF0 | cp >> 18);
        out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | cp & 0x3F);
      } else if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE) {
        out[n++] = (byte) (c - ESCAPE_BASE);
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what + " holds the lone surrogate U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                + " at index " + i + ", which stands for no byte: " + path);
      } else {
        out[n++] = (byte) (0xE0 | c >> 12);
        out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The string for a {@link Path} of the default file system. The JDK shows a name that is not
   * valid UTF-8 with U+FFFD in place of its bad bytes; the path's URI keeps them, so such a path
   * is read from there.
   */
  static String of(Path path) {
    String text = path.toString();
    // Windows names are UTF-16, which the JDK keeps exactly
    if (text.indexOf('\uFFFD') < 0 || File.separatorChar != '/') return text;
    byte[] absolute = uriBytes(path.toUri());
    int length = absolute.length;
    // toUri() marks a directory with a trailing slash the path itself does not have
    if (length > 1 && absolute[length - 1] == '/') length--;
    int start = 0;
    if (!path.isAbsolute()) {
      // toUri() made it absolute by prefixing the working directory and a slash
      byte[] cwd = uriBytes(Path.of("").toAbsolutePath().toUri());
      start = cwd[cwd.length - 1] == '/' ? cwd.length : cwd.length + 1;
    }
    return decode(Arrays.copyOfRange(absolute, start, length));
  }

  /** The bytes of a file URI's path, its %XX escapes undone. */
  private static byte[] uriBytes(URI uri) {
    String raw = uri.getRawPath();
    byte[] out = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        out[n++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
        i += 2;
      } else {
        out[n++] = (byte) c;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The length of the valid UTF-8 sequence starting at {@code i}, or 0 if none starts there. */
  private static int validSequenceLength(byte[] bytes, int i) {
    int lead = bytes[i] & 0xFF;
    if (lead < 0x80) return 1;
    int length;
    int secondLow = 0x80;
    int secondHigh = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) secondLow = 0xA0; // no overlong forms
      if (lead == 0xED) secondHigh = 0x9F; // no UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) secondLow = 0x90; // no overlong forms
      if (lead == 0xF4) secondHigh = 0x8F; // nothing above U+10FFFF
    } else {
      return 0;
    }
    if (i + length > bytes.length) return 0;
    int second = bytes[i + 1] & 0xFF;
    if (second < secondLow || second > secondHigh) return 0;
    for (int k = 2; k < length; k++) {
      if ((bytes[i + k] & 0xC0) != 0x80) return 0;
    }
    return length;
  }
}
