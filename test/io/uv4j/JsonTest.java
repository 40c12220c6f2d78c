package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests' JSON reader accepts JSON and nothing else. */
class JsonTest {
  @Test
  void nestedValuesAreRead() {
    Object value = Json.parse(" {\"a\": [true, false, null, -1.5e2, \"x\\u0041\\n\"], \"b\": {}} ");

    assertEquals(Map.of("a", List.of(true, false, Json.NULL, new BigDecimal("-1.5e2"), "xA\n"), "b", Map.of()),
        value);
  }

  @Test
  void trailingCommaIsRejectedWithItsOffset() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Json.parse("[1, 2,]"));

    assertEquals("JSON: expected a value at offset 6, found ']'", error.getMessage());
  }

  @Test
  void secondMemberOfTheSameNameIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Json.parse("{\"a\": 1, \"a\": 2}"));

    assertEquals("JSON: expected no second member named \"a\" at offset 9, found '\"'", error.getMessage());
  }

  @Test
  void textAfterTheValueIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Json.parse("{} {}"));

    assertEquals("JSON: expected end of input at offset 3, found '{'", error.getMessage());
  }
}
