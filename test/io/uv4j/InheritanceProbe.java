package io.uv4j;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link ChildProcessInheritanceTest}: opens a file the way the JDK does
 * (without close-on-exec), then asks a child whether it has that descriptor, before and after
 * {@link ChildProcess#disableStdioInheritance()}.
 */
public final class InheritanceProbe {
  private InheritanceProbe() {}

  /** Prints "before=ANSWER after=ANSWER", each answer "inherited" or "closed", and exits 0. */
  public static void main(String[] args) throws Exception {
    Path file = Files.createTempFile("uv4j-inheritance", ".txt");
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      int fd = descriptorOf(file);
      String before = askChild(fd);
      ChildProcess.disableStdioInheritance();
      String after = askChild(fd);
      System.out.println("before=" + before + " after=" + after);
    } finally {
      Files.delete(file);
    }
    System.exit(0);
  }

  /** The descriptor this process has open on {@code file}, found in /proc/self/fd. */
  private static int descriptorOf(Path file) throws Exception {
    Path real = file.toRealPath();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).equals(real)) return Integer.parseInt(fd.getFileName().toString());
        } catch (java.io.IOException closedSinceListed) {
          // the listing's own descriptor is gone once read
        }
      }
    }
    throw new IllegalStateException("no descriptor open on " + real);
  }

  /** What a shell child says of descriptor {@code fd}: "inherited" or "closed". */
  private static String askChild(int fd) throws Exception {
    StringBuilder answer = new StringBuilder();
    try (Loop loop = Loop.create()) {
      ChildProcess child = ChildProcess.spawn(loop,
          Children.sh("if [ -e /proc/$$/fd/" + fd + " ]; then echo inherited; else echo closed; fi")
              .stdio(1, Stdio.pipeFromChild())
              .build());
      Children.collect(child.stdout(), answer);
      child.exit().thenAccept(exit -> child.close());
      loop.run();
    }
    return answer.toString().strip();
  }
}
