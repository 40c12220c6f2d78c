package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The home, temporary and working directories. */
class OsDirectoryTest {
  @Test
  void homedirIsTheHomeVariable() throws Exception {
    String variable = OS.current() == OS.WINDOWS ? "USERPROFILE" : "HOME";

    assertEquals(Path.of(System.getenv(variable)), Path.of(Os.homedir()));
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows asks GetTempPathW")
  void tmpdirIsTmpdirOrTmp() throws Exception {
    String tmpdir = System.getenv("TMPDIR");
    String expected = tmpdir == null || tmpdir.isEmpty() ? "/tmp" : tmpdir;

    assertEquals(Path.of(expected), Path.of(Os.tmpdir()));
  }

  @Test
  void cwdIsTheDirectoryTheJvmStartedIn() throws Exception {
    assertEquals(Path.of("").toRealPath(), Path.of(Os.cwd()).toRealPath());
  }

  @Test
  void chdirMovesTheWorkingDirectory(@TempDir Path dir) throws Exception {
    String before = Os.cwd();
    try {
      Os.chdir(dir.toString());

      assertEquals(dir.toRealPath(), Path.of(Os.cwd()).toRealPath());
    } finally {
      Os.chdir(before);
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a Windows working directory is shorter than MAX_PATH")
  void cwdReadsAPathLongerThanAnyFirstGuess(@TempDir Path dir) throws Exception {
    Path deep = dir.toRealPath();
    for (int i = 0; i < 6; i++) deep = deep.resolve("d".repeat(100));
    Files.createDirectories(deep);
    String before = Os.cwd();
    try {
      Os.chdir(deep.toString());

      assertEquals(deep.toString(), Os.cwd());
    } finally {
      Os.chdir(before);
    }
  }

  @Test
  void chdirLeavesUserDirAlone(@TempDir Path dir) throws Exception {
    String userDir = System.getProperty("user.dir");
    String before = Os.cwd();
    try {
      Os.chdir(dir.toString());

      assertEquals(userDir, System.getProperty("user.dir"));
    } finally {
      Os.chdir(before);
    }
  }

  @Test
  void relativeFsPathsFollowChdir(@TempDir Path dir) throws Exception {
    String before = Os.cwd();
    try {
      Os.chdir(dir.toString());

      Fs.writeFileSync("here.txt", new byte[] {1, 2, 3});

      assertEquals(3, Files.size(dir.resolve("here.txt")));
    } finally {
      Os.chdir(before);
    }
  }
}
