package io.uv4j;

import static io.uv4j.Children.collect;
import static io.uv4j.Children.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the children are POSIX shell scripts")
class ChildProcessTest {
  private static final int SIGTERM = Signals.number("SIGTERM");
  private static final int SIGKILL = Signals.number("SIGKILL");

  private Loop loop;
  private Timer watchdog;
  @TempDir Path dir;

  @BeforeEach
  void create() throws UvException {
    loop = Loop.create();
    watchdog = Watchdog.arm(loop, 60_000);
  }

  @AfterEach
  void close() {
    loop.close();
  }

  private ChildProcess.Exit runToExit(ChildProcess child) {
    Promise<ChildProcess.Exit> exit = child.exit();
    loop.run();
    assertTrue(exit.isFulfilled(), "the child's exit was not reported");
    return exit.value();
  }

  @Test
  void exitStatusOfAChildIsReported() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("exit 42").build());
    assertEquals(new ChildProcess.Exit(42, 0), runToExit(child));
  }

  @Test
  void exitCallbackGetsTheStatusAndNoSignal() throws UvException {
    List<Long> statuses = new ArrayList<>();
    List<Integer> signals = new ArrayList<>();
    ChildProcess.spawn(loop, sh("exit 3").build(), (status, signal) -> {
      statuses.add(status);
      signals.add(signal);
    });
    loop.run();
    assertEquals(List.of(3L), statuses);
    assertEquals(List.of(0), signals);
  }

  @Test
  void sigtermSentWithKillIsTheTerminatingSignal() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).build());
    child.kill(SIGTERM);
    ChildProcess.Exit exit = runToExit(child);
    assertEquals(new ChildProcess.Exit(0, SIGTERM), exit);
    assertTrue(exit.signaled());
  }

  @Test
  void sigkillSentWithKillIsTheTerminatingSignal() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).build());
    child.kill(SIGKILL);
    assertEquals(new ChildProcess.Exit(0, SIGKILL), runToExit(child));
  }

  @Test
  void staticKillReachesAChildByItsPid() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).build());
    ChildProcess.kill(child.pid(), SIGTERM);
    assertEquals(SIGTERM, runToExit(child).termSignal());
  }

  @Test
  void killWithSignalZeroOnlyChecksTheChildRuns() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).build());
    child.kill(0);
    child.stdin().close();
    assertEquals(new ChildProcess.Exit(0, 0), runToExit(child));
  }

  @Test
  void killOfAnExitedChildFailsWithEsrchAndSendsNothing() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("exit 0").build());
    runToExit(child);
    UvException e = assertThrows(UvException.class, () -> child.kill(SIGTERM));
    assertEquals("ESRCH", e.code());
    assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
  }

  @Test
  void pidIsTheChildsOwn() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("printf %s $$").stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    runToExit(child);
    assertEquals(String.valueOf(child.pid()), out.toString());
  }

  @Test
  void argumentsReachTheChildAsGiven() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        sh("printf '%s|' \"$0\" \"$@\"", "zero", "one two", "", "caf\u00e9").stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    runToExit(child);
    assertEquals("zero|one two||caf\u00e9|", out.toString());
  }

  @Test
  void argv0IsTheFileUnlessSet() {
    assertEquals(List.of("/bin/sh", "-c", ":"), sh(":").build().argv());
    assertEquals(List.of("shell", "-c", ":"), sh(":").argv0("shell").build().argv());
  }

  @Test
  void anEnvironmentMapReplacesTheJvmEnvironment() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        sh("printf '%s,%s' \"$GREETING\" \"${HOME-unset}\"").env(Map.of("GREETING", "hello")).stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    runToExit(child);
    assertEquals("hello,unset", out.toString());
  }

  @Test
  void anEmptyEnvironmentGivesTheChildNoVariables() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        SpawnOptions.builder("/usr/bin/env").env(Map.of()).stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    assertEquals(new ChildProcess.Exit(0, 0), runToExit(child));
    assertEquals("", out.toString());
  }

  @Test
  void aFileWithoutASlashIsSearchedForInPath() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("sh").args("-c", "exit 7").build());
    assertEquals(new ChildProcess.Exit(7, 0), runToExit(child));
  }

  @Test
  void aFileWithoutASlashIsSearchedForInTheChildsPathNotTheJvms() {
    UvException e = assertThrows(UvException.class, () -> ChildProcess.spawn(loop,
        SpawnOptions.builder("sh").args("-c", "exit 0").env(Map.of("PATH", "/nonexistent")).build()));
    assertEquals("ENOENT", e.code());
    assertTrue(e.getMessage().contains("sh"), e.getMessage());
  }

  @Test
  void theDefaultEnvironmentIsTheJvms() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("printf %s \"$PATH\"").stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    runToExit(child);
    assertEquals(System.getenv("PATH"), out.toString());
  }

  @Test
  void oneVariableAddsToTheJvmEnvironment() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        sh("printf '%s,%s' \"$GREETING\" \"$PATH\"").env("GREETING", "hi").stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    runToExit(child);
    assertEquals("hi," + System.getenv("PATH"), out.toString());
  }

  @Test
  void theWorkingDirectoryIsHonoured() throws Exception {
    Path cwd = Files.createDirectory(dir.resolve("work"));
    ChildProcess child = ChildProcess.spawn(loop, sh("pwd -P").cwd(cwd).stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    runToExit(child);
    assertEquals(cwd.toRealPath() + "\n", out.toString());
  }

  @Test
  void twoHundredChildrenAtOnceAreAllReapedWithTheirOwnStatus() throws UvException {
    Map<Integer, Long> statusByChild = new java.util.HashMap<>();
    for (int i = 0; i < 200; i++) {
      int index = i;
      ChildProcess.spawn(loop, sh("exit " + index).build(), (status, signal) -> statusByChild.put(index, status));
    }
    loop.run();
    assertEquals(200, statusByChild.size());
    statusByChild.forEach((index, status) -> assertEquals((long) index, status, "child " + index));
  }

  @Test
  void anUnreferencedChildDoesNotKeepTheLoopAlive() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, SpawnOptions.builder("/bin/cat").stdin(Stdio.pipeToChild()).build());
    child.unref();
    assertFalse(loop.run());
    assertFalse(child.hasExited());
    child.ref();
    child.stdin().close();
    assertEquals(new ChildProcess.Exit(0, 0), runToExit(child));
  }

  @Test
  void exitPromiseAskedForAfterTheExitIsFulfilledWithIt() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("exit 9").build());
    loop.run();
    assertTrue(child.hasExited());
    Promise<ChildProcess.Exit> exit = child.exit();
    loop.run();
    assertEquals(new ChildProcess.Exit(9, 0), exit.value());
  }

  @Test
  void aDetachedChildOutlivesItsLoopInASessionOfItsOwn() throws Exception {
    Path request = dir.resolve("request");
    Path reply = dir.resolve("reply");
    assertEquals(0, new ProcessBuilder("mkfifo", request.toString(), reply.toString()).start().waitFor());
    // the child answers over FIFOs once the loop is gone: its pid and its session's id
    ChildProcess child = ChildProcess.spawn(loop,
        sh("read line < \"$0\"; "
            + "if [ -r /proc/$$/stat ]; then read -r _ _ _ _ _ sid _ < /proc/$$/stat; else sid=$(ps -o sid= -p $$); fi; "
            + "echo \"$$ $sid\" > \"$1\"", request.toString(), reply.toString())
            .detached(true).build());
    child.unref();
    int pid = child.pid();
    loop.close();
    Files.writeString(request, "go\n");
    String[] answer = Files.readString(reply).trim().split("\\s+");
    assertEquals(List.of(String.valueOf(pid), String.valueOf(pid)), List.of(answer));
    loop = Loop.create();
  }

  @Test
  void aMissingProgramFailsAtTheCallWithEnoentNamingIt() {
    UvException e = assertThrows(UvException.class,
        () -> ChildProcess.spawn(loop, SpawnOptions.builder(dir.resolve("missing").toString()).build()));
    assertEquals("ENOENT", e.code());
    assertEquals("spawn", e.syscall());
    assertEquals(dir.resolve("missing").toString(), e.path());
  }

  @Test
  void aFileThatIsNotExecutableFailsWithEacces() throws Exception {
    Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\n");
    UvException e = assertThrows(UvException.class, () -> ChildProcess.spawn(loop, SpawnOptions.builder(script.toString()).build()));
    assertEquals("EACCES", e.code());
    assertEquals(script.toString(), e.path());
  }

  @Test
  void aMissingWorkingDirectoryFailsNamingTheFileAndTheDirectory() {
    String cwd = dir.resolve("nowhere").toString();
    UvException e = assertThrows(UvException.class, () -> ChildProcess.spawn(loop, sh(":").cwd(cwd).build()));
    assertEquals("ENOENT", e.code());
    assertTrue(e.getMessage().contains("'/bin/sh'") && e.getMessage().contains("cwd '" + cwd + "'"), e.getMessage());
  }

  @Test
  void aFailedSpawnLeavesNoHandleOpen() {
    assertThrows(UvException.class, () -> ChildProcess.spawn(loop,
        SpawnOptions.builder(dir.resolve("missing").toString()).stdin(Stdio.pipeToChild()).stdout(Stdio.pipeFromChild()).build()));
    loop.run();
    assertEquals(List.of(watchdog), loop.handles());
  }

  @Test
  void killOfANonPositivePidIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildProcess.kill(0, SIGTERM));
    assertTrue(e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void killWithANegativeSignalIsRefused() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("exit 0").build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> child.kill(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void killOfAnAbsentProcessFailsWithEsrch() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop, sh("exit 0").build());
    runToExit(child);
    child.close();
    loop.run();
    // reaped and closed: nobody has that pid until the OS reuses it
    UvException e = assertThrows(UvException.class, () -> ChildProcess.kill(child.pid(), 0));
    assertEquals("ESRCH", e.code());
  }
}
