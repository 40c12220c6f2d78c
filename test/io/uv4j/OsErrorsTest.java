package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Failures the OS reports, as UvExceptions naming the call and what it was asked about. */
class OsErrorsTest {
  /** No system gives out ids this high to users or groups. */
  private static final long UNUSED_ID = 3_999_999_999L;

  @Test
  void chdirToAMissingDirectoryIsEnoentNamingIt(@TempDir Path dir) {
    String missing = dir.resolve("missing").toString();

    UvException e = assertThrows(UvException.class, () -> Os.chdir(missing));

    assertEquals(UvError.ENOENT, e.error());
    assertEquals("uv_chdir", e.syscall());
    assertEquals(missing, e.path());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no user ids")
  void passwdOfAnUnknownUidIsEnoentNamingIt() {
    UvException e = assertThrows(UvException.class, () -> Os.passwd(UNUSED_ID));

    assertEquals(UvError.ENOENT, e.error());
    assertEquals("uv_os_get_passwd2", e.syscall());
    assertEquals(Long.toString(UNUSED_ID), e.path());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no group ids")
  void groupOfAnUnknownGidIsEnoentNamingIt() {
    UvException e = assertThrows(UvException.class, () -> Os.group(UNUSED_ID));

    assertEquals(UvError.ENOENT, e.error());
    assertEquals("uv_os_get_group", e.syscall());
    assertEquals(Long.toString(UNUSED_ID), e.path());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "starts true")
  void priorityOfAReapedProcessIsEsrchNamingIt() throws Exception {
    Process child = new ProcessBuilder("true").start();
    child.waitFor();
    int pid = (int) child.pid();

    UvException e = assertThrows(UvException.class, () -> Os.priority(pid));

    assertEquals(UvError.ESRCH, e.error());
    assertEquals("uv_os_getpriority", e.syscall());
    assertEquals(Integer.toString(pid), e.path());
  }
}
