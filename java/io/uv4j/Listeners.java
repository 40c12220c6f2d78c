package io.uv4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listeners of one {@link LoopEvent}, as a Node event emitter keeps them: in the order they
 * were added, the same listener as often as it was added, some only once.
 *
 * @param <L> the listener type
 */
final class Listeners<L> {
  /** One addition of a listener; a once registration is removed before it is called. */
  private static final class Registration<L> {
    final L listener;
    final boolean once;
    boolean fired;

    Registration(L listener, boolean once) {
      this.listener = listener;
      this.once = once;
    }
  }

  private final ArrayList<Registration<L>> registrations = new ArrayList<>();

  void add(L listener, boolean once) {
    registrations.add(new Registration<>(listener, once));
  }

  /** Removes the latest registration of {@code listener}, once or not, as Node's {@code off} does. */
  boolean remove(L listener) {
    for (int i = registrations.size() - 1; i >= 0; i--) {
      if (registrations.get(i).listener.equals(listener)) {
        registrations.remove(i);
        return true;
      }
    }
    return false;
  }

  int count() {
    return registrations.size();
  }

  boolean isEmpty() {
    return registrations.isEmpty();
  }

  /**
   * Calls each listener registered when the emit starts, in order: one added meanwhile waits for
   * the next emit, and one removed meanwhile is still called, as in Node. What a listener throws
   * ends the emit and reaches the caller.
   *
   * @return whether there was any listener
   */
  boolean emit(Consumer<? super L> call) {
    if (registrations.isEmpty()) return false;
    List<Registration<L>> now = List.copyOf(registrations);
    for (Registration<L> registration : now) {
      if (registration.once) {
        // a nested emit may have fired it already
        if (registration.fired) continue;
        registration.fired = true;
        registrations.remove(registration);
      }
      call.accept(registration.listener);
    }
    return true;
  }
}
