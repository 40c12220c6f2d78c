package io.uv4j;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link DescriptorOwnershipTest}: one misuse of a descriptor that libuv
 * watches, which aborted the process before uv4j refused it. Prints "refused: TYPE: MESSAGE" for
 * each refusal (and "closed N" for a descriptor it could close); a misuse that is not refused goes
 * on to the point where libuv aborts.
 */
public final class DescriptorProbe {
  private DescriptorProbe() {}

  /** What the fresh JVM printed, and how it ended. */
  record Outcome(int exitCode, String output) {}

  /** Runs {@code scenario} in a fresh JVM; its standard input is a pipe that no handle owns. */
  static Outcome run(String scenario) throws Exception {
    List<String> command = List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        // JDK 24 and later warn on System.load unless native access is granted
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path") + File.pathSeparator + locationOf(Uv.class) + File.pathSeparator
            + locationOf(DescriptorProbe.class),
        DescriptorProbe.class.getName(),
        scenario);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe JVM did not exit: " + output);
    }
    return new Outcome(process.exitValue(), output.strip());
  }

  private static String locationOf(Class<?> type) throws Exception {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  public static void main(String[] args) throws Exception {
    Loop loop = Loop.create();
    try {
      misuse(args[0], loop);
    } catch (IllegalStateException e) {
      System.out.println(refusal(e));
    }
  }

  private static String refusal(IllegalStateException e) {
    return "refused: " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void misuse(String scenario, Loop loop) throws Exception {
    switch (scenario) {
      case "adopt a socket another Tcp owns" -> {
        Tcp[] pair = connectedPair(loop);
        Tcp second = new Tcp(loop);
        second.open((int) pair[0].fileno());
        pair[0].close();
        loop.run(RunMode.NOWAIT);
        second.readStart(data -> {});
        loop.run(RunMode.NOWAIT);
      }
      case "make a Tty of a socket a Tcp owns" -> {
        Tcp[] pair = connectedPair(loop);
        Tty tty = new Tty(loop, (int) pair[0].fileno());
        pair[0].close();
        loop.run(RunMode.NOWAIT);
        tty.readStart(data -> {});
        loop.run(RunMode.NOWAIT);
      }
      case "close a socket a Tcp owns" -> {
        Tcp[] pair = connectedPair(loop);
        Fs.closeSync((int) pair[0].fileno());
        pair[0].readStart(data -> {});
        loop.run(RunMode.NOWAIT);
      }
      case "close a descriptor an active Poll watches" -> {
        Poll poll = new Poll(loop, 0);
        poll.start(Poll.READABLE, (events, error) -> {});
        Fs.closeSync(0);
        loop.run(RunMode.NOWAIT);
      }
      case "close the loop's backend descriptor" -> {
        Fs.closeSync(loop.backendFd());
        new Timer(loop).start(1, () -> {});
        loop.run();
      }
      case "close each descriptor a new loop opened" -> {
        Set<Integer> before = openDescriptors();
        Loop second = Loop.create();
        closeEach(newSince(before));
        second.execute(() -> {});
        new Timer(second).start(1, () -> {});
        second.run();
      }
      case "close each descriptor the sync forms opened" -> {
        Set<Integer> before = openDescriptors();
        Fs.statSync(".");
        closeEach(newSince(before));
      }
      case "close the descriptor a loop's first FsEvent opened" -> {
        Fs.statSync(".");
        FsEvent first = new FsEvent(loop);
        Set<Integer> before = openDescriptors();
        first.start(".", 0, (name, events, error) -> {});
        closeEach(newSince(before));
        new FsEvent(loop).start("..", 0, (name, events, error) -> {});
        loop.run(RunMode.NOWAIT);
      }
      case "close the socket a Udp made at bind" -> {
        Udp udp = new Udp(loop);
        Set<Integer> before = openDescriptors();
        udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closeEach(newSince(before));
        udp.recvStart((data, sender, flags) -> {});
        loop.run(RunMode.NOWAIT);
      }
      default -> throw new IllegalArgumentException("no scenario " + scenario);
    }
  }

  /** Linux: the descriptors open in this process now, but for the one that lists them. */
  private static Set<Integer> openDescriptors() throws IOException {
    Path listing = Path.of("/proc/self/fd");
    try (Stream<Path> fds = Files.list(listing)) {
      return fds.filter(fd -> !isListing(fd, listing))
          .map(fd -> Integer.valueOf(fd.getFileName().toString()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static boolean isListing(Path fd, Path listing) {
    try {
      return Files.readSymbolicLink(fd).equals(listing.toRealPath());
    } catch (IOException e) {
      return true; // closed meanwhile: the listing's own descriptor, or a passing one
    }
  }

  private static Set<Integer> newSince(Set<Integer> before) throws IOException {
    Set<Integer> now = openDescriptors();
    now.removeAll(before);
    return now;
  }

  /** Tries to close each descriptor, printing a line for each. */
  private static void closeEach(Set<Integer> fds) throws UvException {
    for (int fd : fds) {
      try {
        Fs.closeSync(fd);
        System.out.println("closed " + fd);
      } catch (IllegalStateException e) {
        System.out.println(refusal(e));
      }
    }
  }

  private static Tcp[] connectedPair(Loop loop) throws UvException {
    Tcp listener = new Tcp(loop);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Tcp client = new Tcp(loop);
    Tcp accepted = new Tcp(loop);
    listener.listen(1, error -> {
      listener.accept(accepted);
      listener.close();
    });
    client.connect(listener.localAddress(), error -> {});
    loop.run();
    return new Tcp[] {client, accepted};
  }
}
