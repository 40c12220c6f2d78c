package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Who and where this process is: host, OS, process ids, executable, user and group. */
class OsIdentityTest {
  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void hostnameIsTheKernels() throws Exception {
    assertEquals(OsFacts.read("/proc/sys/kernel/hostname"), Os.hostname());
  }

  @Test
  void unameSysnameNamesThisOs() throws Exception {
    String expected = switch (OS.current()) {
      case LINUX -> "Linux";
      case MAC -> "Darwin";
      case WINDOWS -> "Windows_NT";
      default -> System.getProperty("os.name");
    };

    assertEquals(expected, Os.uname().sysname());
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void unameReleaseAndVersionAreTheKernels() throws Exception {
    Os.Uname uname = Os.uname();

    assertEquals(OsFacts.read("/proc/sys/kernel/osrelease"), uname.release());
    assertEquals(OsFacts.read("/proc/sys/kernel/version"), uname.version());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "compares with the uname command")
  void unameMachineIsUnameM() throws Exception {
    assertEquals(OsFacts.output("uname", "-m"), Os.uname().machine());
  }

  @Test
  void pidIsTheJvmsProcessId() {
    assertEquals(ProcessHandle.current().pid(), Os.pid());
  }

  @Test
  void ppidIsTheJvmsParent() {
    assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Os.ppid());
  }

  @Test
  void exepathIsThisJvmsJavaLauncher() throws Exception {
    String launcher = OS.current() == OS.WINDOWS ? "java.exe" : "java";
    Path expected = Path.of(System.getProperty("java.home"), "bin", launcher).toRealPath();

    assertEquals(expected, Path.of(Os.exepath()).toRealPath());
  }

  @Test
  void passwdUsernameIsTheJvmsUserName() throws Exception {
    assertEquals(
        System.getProperty("user.name").toLowerCase(Locale.ROOT),
        Os.passwd().username().toLowerCase(Locale.ROOT));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "compares with the id command")
  void passwdIdsAreThoseIdPrints() throws Exception {
    Os.Passwd passwd = Os.passwd();

    assertEquals(Long.parseLong(OsFacts.output("id", "-u")), passwd.uid());
    assertEquals(Long.parseLong(OsFacts.output("id", "-g")), passwd.gid());
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads the database with getent")
  void passwdIsTheDatabasesEntry() throws Exception {
    Os.Passwd passwd = Os.passwd();
    String[] entry = OsFacts.output("getent", "passwd", Long.toString(passwd.uid())).split(":", -1);

    assertEquals(entry[0], passwd.username());
    assertEquals(entry[5], passwd.homedir());
    assertEquals(entry[6], passwd.shell());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no user ids")
  void passwdByUidIsTheCurrentUsersEntryForItsUid() throws Exception {
    Os.Passwd current = Os.passwd();

    assertEquals(current, Os.passwd(current.uid()));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no group ids")
  void groupOfThePrimaryGidIsTheOneIdNames() throws Exception {
    long gid = Os.passwd().gid();

    Os.Group group = Os.group(gid);

    assertEquals(OsFacts.output("id", "-gn"), group.name());
    assertEquals(gid, group.gid());
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads the database with getent")
  void groupMembersAreTheDatabases() throws Exception {
    long gid = Os.passwd().gid();
    String[] entry = OsFacts.output("getent", "group", Long.toString(gid)).split(":", -1);
    String members = entry[3];

    assertEquals(members.isEmpty() ? List.of() : List.of(members.split(",")),
        Os.group(gid).members());
  }
}
