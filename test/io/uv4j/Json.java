package io.uv4j;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader for the tests: objects become {@code Map<String, Object>} in
 * document order, arrays {@code List<Object>}, strings {@code String}, numbers {@code BigDecimal},
 * {@code true}/{@code false} {@code Boolean}, and {@code null} {@link #NULL}.
 */
final class Json {
  /** The value of a JSON {@code null} (maps and lists here never hold Java null). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /**
   * The value {@code text} holds.
   *
   * @throws IllegalArgumentException if {@code text} is not one JSON value (surrounded by
   *     whitespace at most); the message names the offset and what was found there
   */
  static Object parse(String text) {
    Json reader = new Json(text);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.at != text.length()) throw reader.error("end of input");
    return value;
  }

  private Object value() {
    if (at >= text.length()) throw error("a value");
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("a value");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    at++;
    skipWhitespace();
    if (peek('}')) return members;
    while (true) {
      skipWhitespace();
      if (at >= text.length() || text.charAt(at) != '"') throw error("a member name");
      int nameAt = at;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (members.put(name, value()) != null) {
        at = nameAt;
        throw error("no second member named \"" + name + "\"");
      }
      skipWhitespace();
      if (peek('}')) return members;
      expect(',');
    }
  }

  private List<Object> array() {
    List<Object> elements = new ArrayList<>();
    at++;
    skipWhitespace();
    if (peek(']')) return elements;
    while (true) {
      skipWhitespace();
      elements.add(value());
      skipWhitespace();
      if (peek(']')) return elements;
      expect(',');
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    at++;
    while (true) {
      if (at >= text.length()) throw error("a closing quote");
      char c = text.charAt(at++);
      if (c == '"') return out.toString();
      if (c < 0x20) {
        at--;
        throw error("no control character inside a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) throw error("an escape");
      char escape = text.charAt(at++);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) throw error("four hex digits");
          try {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException e) {
            throw error("four hex digits");
          }
          at += 4;
        }
        default -> {
          at--;
          throw error("an escape character");
        }
      }
    }
  }

  private BigDecimal number() {
    int start = at;
    peek('-');
    if (peek('0')) {
      if (at < text.length() && Character.isDigit(text.charAt(at))) throw error("no leading zero");
    } else {
      digits();
    }
    if (peek('.')) digits();
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      at++;
      if (!peek('+')) peek('-');
      digits();
    }
    return new BigDecimal(text.substring(start, at));
  }

  private void digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
    if (at == start) throw error("a digit");
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) throw error(word);
    at += word.length();
    return value;
  }

  /** Consumes {@code c} if it comes next. */
  private boolean peek(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) throw error("'" + c + "'");
  }

  private void skipWhitespace() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++;
  }

  private IllegalArgumentException error(String expected) {
    String found = at >= text.length() ? "the end" : "'" + text.charAt(at) + "'";
    return new IllegalArgumentException(
        "JSON: expected " + expected + " at offset " + at + ", found " + found);
  }
}
