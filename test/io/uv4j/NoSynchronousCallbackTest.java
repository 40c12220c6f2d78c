package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A callback never runs inside the call that registered it; it runs later, from the loop. */
class NoSynchronousCallbackTest extends LoopTestBase {
  /** Registers {@code callback} on the loop in one particular way. */
  @FunctionalInterface
  interface Registration {
    void register(Loop loop, Runnable callback) throws Exception;
  }

  NoSynchronousCallbackTest() {
    super(30_000);
  }

  static Stream<Named<Registration>> registrations() {
    return Stream.of(
        Named.of("Timer.start(0, cb)", (loop, cb) -> {
          Timer timer = new Timer(loop);
          timer.start(0, () -> {
            timer.close();
            cb.run();
          });
        }),
        Named.of("Idle.start(cb)", (loop, cb) -> {
          Idle idle = new Idle(loop);
          idle.start(() -> {
            idle.close();
            cb.run();
          });
        }),
        Named.of("Prepare.start(cb)", (loop, cb) -> {
          Prepare prepare = new Prepare(loop);
          prepare.start(() -> {
            prepare.close();
            cb.run();
          });
        }),
        Named.of("Check.start(cb)", (loop, cb) -> {
          // check runs after the poll, which a repeating timer keeps waking up
          Timer wake = new Timer(loop).start(1, 1, () -> {});
          Check check = new Check(loop);
          check.start(() -> {
            check.close();
            wake.close();
            cb.run();
          });
        }),
        Named.of("Async.send() on the loop thread", (loop, cb) -> {
          Async[] async = new Async[1];
          async[0] = new Async(loop, () -> {
            async[0].close();
            cb.run();
          });
          async[0].send();
        }),
        Named.of("Handle.close(cb)", (loop, cb) -> new Timer(loop).close(cb)),
        Named.of("Loop.execute(cb) on the loop thread", Loop::execute),
        Named.of("Loop.nextTick(cb)", Loop::nextTick),
        Named.of("Loop.queueMicrotask(cb)", Loop::queueMicrotask));
  }

  @ParameterizedTest(name = "{0} does not run the callback inside the call")
  @MethodSource("registrations")
  void registeringACallbackDoesNotRunIt(Registration registration) throws Exception {
    List<String> events = new ArrayList<>();

    registration.register(loop, () -> events.add("callback"));
    events.add("registered");
    loop.run();

    assertEquals(List.of("registered", "callback"), events);
  }

  @ParameterizedTest(name = "{0} from inside a callback runs after that callback returns")
  @MethodSource("registrations")
  void registeringFromACallbackRunsAfterItReturns(Registration registration) {
    List<String> events = new ArrayList<>();
    Timer outer = new Timer(loop);
    outer.start(0, () -> {
      try {
        registration.register(loop, () -> events.add("callback"));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      events.add("outer callback returns");
      outer.close();
    });

    loop.run();

    assertEquals(List.of("outer callback returns", "callback"), events);
  }
}
