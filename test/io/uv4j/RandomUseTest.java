package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random sequences of calls, misuse included, with callbacks that throw, exits, stops and
 * cancellations, on fresh loops: the JVM must survive (under -Xcheck:jni), every loop must
 * close, and no file descriptor may be left open. Fixed seeds keep runs repeatable.
 */
@EnabledOnOs(OS.LINUX)
class RandomUseTest {
  private static final int ROUNDS = 40;
  private static final int STEPS = 120;

  @TempDir Path dir;
  private Random random;
  private boolean handlers;

  @ParameterizedTest(name = "seed {0}, handlers {1}")
  @CsvSource({"1, false", "2, true", "3, false", "4, true"})
  void randomUseNeverCrashesHangsOrLeaksDescriptors(long seed, boolean withHandlers) throws Exception {
    random = new Random(seed);
    handlers = withHandlers;
    // what libuv sets up once per process (signal pipes, the loop for sync file operations) is
    // made before counting
    Loop.create().close();
    Fs.statSync(dir.toString());
    List<String> before = openDescriptors();
    for (int round = 0; round < ROUNDS; round++) round();
    List<String> after = openDescriptors();
    for (String target : before) after.remove(target);
    assertEquals(List.of(), after, "descriptors opened and not closed");
  }

  /** What this process's descriptors point at, except class files the JVM opens lazily. */
  private static List<String> openDescriptors() throws Exception {
    List<String> targets = new ArrayList<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (!target.endsWith(".jar") && !target.contains("/modules")) targets.add(target);
        } catch (java.io.IOException gone) {
          // the listing's own descriptor closes while it is read
        }
      }
    }
    return targets;
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** Runs a step; what it throws is an answer to misuse, not a failure of this test. */
  private static void attempt(Step step) {
    try {
      step.run();
    } catch (Exception | Error refused) {
      if (refused instanceof AssertionError) throw (AssertionError) refused;
    }
  }

  private void maybeThrow() {
    if (random.nextInt(handlers ? 5 : 20) == 0) throw new IllegalStateException("thrown on purpose");
  }

  private void round() throws Exception {
    Loop loop = Loop.create();
    if (handlers) {
      loop.onUncaughtException((error, origin) -> {});
      loop.onUnhandledRejection((reason, promise) -> {});
    }
    List<Handle> handles = new ArrayList<>();
    List<Cancelable> requests = new ArrayList<>();
    String sub = dir.resolve("d" + random.nextInt(3)).toString();
    attempt(() -> Fs.mkdirRecursiveSync(sub, 0755));
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress address = server.localAddress();
    server.listen(16, error -> {
      Tcp connection = new Tcp(loop);
      handles.add(connection);
      server.accept(connection);
      connection.readStart(data -> {
        if (random.nextInt(4) == 0) connection.close();
        else connection.write(data, null);
      });
    });
    handles.add(server);
    for (int step = 0; step < STEPS; step++) {
      Handle handle = handles.isEmpty() ? null : handles.get(random.nextInt(handles.size()));
      Cancelable request = requests.isEmpty() ? null : requests.get(random.nextInt(requests.size()));
      String file = sub + "/f" + random.nextInt(3);
      switch (random.nextInt(22)) {
        case 0 -> attempt(() -> requests.add(loop.fs().writeFile(file, new byte[random.nextInt(5000)], (v, e) -> maybeThrow())));
        case 1 -> attempt(() -> requests.add(loop.fs().readFile(file, (v, e) -> maybeThrow())));
        case 2 -> attempt(() -> requests.add(loop.fs().open(file, Fs.O_RDONLY, 0, (fd, e) -> {
          if (fd != null) Fs.closeSync(fd);
          maybeThrow();
        })));
        case 3 -> attempt(() -> requests.add(loop.fs().rmRecursive(sub + "/t", (v, e) -> maybeThrow())));
        case 4 -> attempt(() -> requests.add(loop.fs().mkdirRecursive(sub + "/t/a", 0755, (v, e) -> maybeThrow())));
        case 5 -> attempt(() -> {
          if (request != null) request.cancel();
        });
        case 6 -> attempt(() -> {
          Timer timer = new Timer(loop);
          handles.add(timer);
          timer.start(random.nextInt(3), random.nextInt(2), () -> {
            if (random.nextBoolean()) timer.close();
            maybeThrow();
          });
        });
        case 7 -> attempt(() -> {
          if (handle != null) handle.close(this::maybeThrow);
        });
        case 8 -> attempt(() -> {
          Tcp client = new Tcp(loop);
          handles.add(client);
          client.connect(address, error -> {
            if (error == null) {
              client.write("x".repeat(random.nextInt(100_000)), null);
              client.readStart(data -> maybeThrow());
            }
          });
        });
        case 9 -> attempt(() -> {
          if (handle instanceof Stream) ((Stream) handle).write(ByteBuffer.allocateDirect(random.nextInt(70_000)), null);
        });
        case 10 -> attempt(() -> {
          if (handle instanceof Stream) ((Stream) handle).shutdown(null);
        });
        case 11 -> attempt(() -> {
          if (handle instanceof Tcp) ((Tcp) handle).closeReset(null);
        });
        case 12 -> attempt(() -> {
          Timeout interval = loop.setInterval(this::maybeThrow, 1);
          loop.setTimeout(interval::close, random.nextInt(5));
        });
        case 13 -> attempt(() -> loop.setImmediate(() -> {
          maybeThrow();
          loop.nextTick(this::maybeThrow);
        }));
        case 14 -> attempt(() -> Promise.reject(loop, new Exception("rejected on purpose")));
        case 15 -> attempt(() -> Promise.from(loop, CompletableFuture.supplyAsync(() -> 1)).thenAccept(v -> maybeThrow()));
        case 16 -> attempt(() -> requests.add(loop.queueWork(() -> {
          if (random.nextBoolean()) throw new Exception("thrown on purpose");
          return 1;
        }, (v, e) -> maybeThrow())));
        case 17 -> attempt(() -> requests.add(Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.DEFAULT, (a, e) -> maybeThrow())));
        case 18 -> attempt(() -> {
          Async async = new Async(loop, this::maybeThrow);
          handles.add(async);
          new Thread(() -> {
            for (int i = 0; i < 20; i++) {
              try {
                async.send();
              } catch (IllegalStateException closed) {
                return;
              }
            }
          }).start();
        });
        case 19 -> attempt(() -> loop.run(RunMode.NOWAIT));
        case 20 -> attempt(() -> {
          if (random.nextInt(10) == 0) loop.stop();
        });
        default -> attempt(() -> {
          if (random.nextInt(20) == 0) loop.exit(2);
        });
      }
    }
    attempt(() -> loop.run(RunMode.NOWAIT));
    attempt(loop::close);
    assertTrue(loop.isClosed(), "the loop closed");
    for (Handle handle : handles) attempt(handle::close);
    for (Cancelable request : requests) attempt(request::cancel);
    assertEquals(0, handles.stream().filter(h -> {
      try {
        h.isActive();
        return true;
      } catch (IllegalStateException closed) {
        return false;
      }
    }).count(), "every handle is closed with its loop");
  }
}
