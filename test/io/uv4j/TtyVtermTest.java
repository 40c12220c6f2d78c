package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Who handles virtual terminal sequences: a console state that only Windows has. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "these are the Unix behaviours; Windows has the state")
class TtyVtermTest {
  @Test
  void readingTheStateFailsWithEnotsupOutsideWindows() {
    UvException e = assertThrows(UvException.class, Tty::vtermState);

    assertEquals("ENOTSUP", e.code());
    assertEquals("uv_tty_get_vterm_state", e.syscall());
  }

  @Test
  void settingTheStateOutsideWindowsChangesNothing() {
    Tty.setVtermState(Tty.VtermState.SUPPORTED);

    UvException e = assertThrows(UvException.class, Tty::vtermState);
    assertEquals("ENOTSUP", e.code());
  }

  @Test
  void aNullStateIsRejected() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Tty.setVtermState(null));

    assertEquals("state", e.getMessage());
  }
}
