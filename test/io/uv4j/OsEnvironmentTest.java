package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The C environment: set, read, list and remove variables; the JVM's copy does not change. */
class OsEnvironmentTest {
  private static final String NAME = "UV4J_OS_ENVIRONMENT_TEST";

  @AfterEach
  void removeTheVariable() throws Exception {
    Os.unsetenv(NAME);
  }

  @Test
  void getenvReadsWhatSetenvSet() throws Exception {
    Os.setenv(NAME, "a value");

    assertEquals("a value", Os.getenv(NAME));
  }

  @Test
  void setenvReplacesAValue() throws Exception {
    Os.setenv(NAME, "first");

    Os.setenv(NAME, "second");

    assertEquals("second", Os.getenv(NAME));
  }

  @Test
  void setenvAcceptsAnEmptyValue() throws Exception {
    Os.setenv(NAME, "");

    assertEquals("", Os.getenv(NAME));
  }

  @Test
  void systemGetenvDoesNotSeeSetenv() throws Exception {
    Os.setenv(NAME, "a value");

    assertNull(System.getenv(NAME));
    assertFalse(System.getenv().containsKey(NAME));
  }

  @Test
  void getenvOfAnUnsetVariableIsNull() throws Exception {
    assertNull(Os.getenv(NAME));
  }

  @Test
  void unsetenvRemovesTheVariable() throws Exception {
    Os.setenv(NAME, "a value");

    Os.unsetenv(NAME);

    assertNull(Os.getenv(NAME));
  }

  @Test
  void unsetenvOfAnUnsetVariableDoesNothing() throws Exception {
    Os.unsetenv(NAME);

    assertNull(Os.getenv(NAME));
  }

  @Test
  void environListsAVariableSetenvSet() throws Exception {
    Os.setenv(NAME, "listed");

    assertEquals("listed", Os.environ().get(NAME));
  }

  @Test
  void environDoesNotListAnUnsetVariable() throws Exception {
    Os.setenv(NAME, "listed");
    Os.unsetenv(NAME);

    assertFalse(Os.environ().containsKey(NAME));
  }

  @Test
  void getenvReadsTheEnvironmentTheJvmStartedWith() throws Exception {
    assertEquals(System.getenv("PATH"), Os.getenv("PATH"));
  }

  @Test
  void getenvReadsAValueLongerThanAnyFirstGuess() throws Exception {
    String value = "v".repeat(30_000); // Windows holds at most 32,767 characters
    Os.setenv(NAME, value);

    assertEquals(value, Os.getenv(NAME));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows environment is UTF-16, never invalid UTF-8")
  void aValueThatIsNotUtf8RoundTripsByteForByte() throws Exception {
    String value = Fs.pathOf(new byte[] {'a', (byte) 0xFF, 'b'});
    Os.setenv(NAME, value);

    assertEquals(value, Os.getenv(NAME));
  }
}
