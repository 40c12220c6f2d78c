package io.uv4j.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one JSON value strictly, for checking the tour's trace: objects become maps in document
 * order, arrays lists, numbers {@link BigDecimal}, {@code true}/{@code false} booleans and {@code
 * null} Java null. Anything else fails with the offset where it went wrong.
 */
final class TraceJson {
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String text;
  private int at;

  private TraceJson(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    TraceJson json = new TraceJson(text);
    Object value = json.value();
    json.blanks();
    if (json.at != text.length()) throw json.wrong("the end");
    return value;
  }

  private Object value() {
    blanks();
    if (at == text.length()) throw wrong("a value");
    char c = text.charAt(at);
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    if (text.startsWith("true", at)) return word(4, Boolean.TRUE);
    if (text.startsWith("false", at)) return word(5, Boolean.FALSE);
    if (text.startsWith("null", at)) return word(4, null);
    throw wrong("a value");
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    at++;
    if (next('}')) return members;
    do {
      blanks();
      if (at == text.length() || text.charAt(at) != '"') throw wrong("a member name");
      String name = string();
      if (!next(':')) throw wrong("':'");
      if (members.containsKey(name)) throw wrong("one member named " + name);
      members.put(name, value());
    } while (next(','));
    if (!next('}')) throw wrong("',' or '}'");
    return members;
  }

  private List<Object> array() {
    List<Object> elements = new ArrayList<>();
    at++;
    if (next(']')) return elements;
    do {
      elements.add(value());
    } while (next(','));
    if (!next(']')) throw wrong("',' or ']'");
    return elements;
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    at++;
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') return s.toString();
      if (c < 0x20) throw wrong("no control character in a string");
      if (c != '\\') {
        s.append(c);
      } else if (at < text.length()) {
        char e = text.charAt(at++);
        int simple = "\"\\/bfnrt".indexOf(e);
        if (simple >= 0) {
          s.append("\"\\/\b\f\n\r\t".charAt(simple));
        } else if (e == 'u' && at + 4 <= text.length()) {
          s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        } else {
          throw wrong("an escape");
        }
      }
    }
    throw wrong("a closing quote");
  }

  private BigDecimal number() {
    Matcher m = NUMBER.matcher(text).region(at, text.length());
    if (!m.lookingAt()) throw wrong("a number");
    at = m.end();
    return new BigDecimal(m.group());
  }

  private Object word(int length, Object value) {
    at += length;
    return value;
  }

  /** Skips blanks, then consumes {@code c} if it comes next. */
  private boolean next(char c) {
    blanks();
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void blanks() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++;
  }

  private IllegalArgumentException wrong(String expected) {
    return new IllegalArgumentException("JSON: expected " + expected + " at offset " + at);
  }
}
