package io.uv4j;

import static io.uv4j.Children.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spawning on every platform, with the program every platform running the tests has: a JVM. */
class ChildProcessPortableTest extends LoopTestBase {
  private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

  ChildProcessPortableTest() {
    super(60_000);
  }

  @Test
  void aJvmChildWritesItsVersionToThePipeAndExitsWithZero() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        SpawnOptions.builder(JAVA).args("--version").stdout(Stdio.pipeFromChild()).build());
    StringBuilder out = new StringBuilder();
    collect(child.stdout(), out);
    Promise<ChildProcess.Exit> exit = child.exit();
    loop.run();
    assertEquals(new ChildProcess.Exit(0, 0), exit.value());
    assertTrue(out.toString().contains(String.valueOf(Runtime.version().feature())), out.toString());
    child.close();
  }

  @Test
  void aJvmChildGivenABadOptionExitsWithOneAndSaysSoOnStderr() throws UvException {
    ChildProcess child = ChildProcess.spawn(loop,
        SpawnOptions.builder(JAVA).args("--no-such-option").stderr(Stdio.pipeFromChild()).build());
    StringBuilder err = new StringBuilder();
    collect(child.stderr(), err);
    Promise<ChildProcess.Exit> exit = child.exit();
    loop.run();
    assertEquals(new ChildProcess.Exit(1, 0), exit.value());
    assertTrue(err.toString().contains("--no-such-option"), err.toString());
    child.close();
  }
}
