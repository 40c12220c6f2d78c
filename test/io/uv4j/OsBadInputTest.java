package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Input Os refuses before libuv sees it, with a message that names the value. */
class OsBadInputTest {
  @Test
  void setenvRefusesANameWithEquals() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.setenv("A=B", "x"));

    assertTrue(e.getMessage().contains("A=B"), e.getMessage());
  }

  @Test
  void getenvRefusesAnEmptyName() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.getenv(""));

    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void unsetenvRefusesANameWithNul() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.unsetenv("A\0B"));

    assertTrue(e.getMessage().contains("A\\0B"), e.getMessage());
  }

  @Test
  void setenvRefusesAValueWithNul() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.setenv("UV4J_OS_BAD_INPUT", "x\0y"));

    assertTrue(e.getMessage().contains("x\\0y"), e.getMessage());
  }

  @Test
  void setPriorityRefusesOneBelowLow() {
    int priority = Os.PRIORITY_LOW + 1;

    var e = assertThrows(IllegalArgumentException.class, () -> Os.setPriority(0, priority));

    assertTrue(e.getMessage().contains("got " + priority), e.getMessage());
  }

  @Test
  void setPriorityRefusesOneAboveHighest() {
    int priority = Os.PRIORITY_HIGHEST - 1;

    var e = assertThrows(IllegalArgumentException.class, () -> Os.setPriority(0, priority));

    assertTrue(e.getMessage().contains("got " + priority), e.getMessage());
  }

  @Test
  void passwdRefusesANegativeUid() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.passwd(-1));

    assertTrue(e.getMessage().contains("got -1"), e.getMessage());
  }

  @Test
  void groupRefusesAGidBeyond32Bits() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.group(1L << 32));

    assertTrue(e.getMessage().contains("got 4294967296"), e.getMessage());
  }

  @Test
  void chdirRefusesADirectoryWithNul() {
    var e = assertThrows(IllegalArgumentException.class, () -> Os.chdir("/tmp\0x"));

    assertTrue(e.getMessage().contains("/tmp\\0x"), e.getMessage());
  }

  @Test
  void chdirRefusesNull() {
    assertThrows(NullPointerException.class, () -> Os.chdir(null));
  }

  @Test
  void clockGettimeRefusesNull() {
    assertThrows(NullPointerException.class, () -> Os.clockGettime(null));
  }
}
