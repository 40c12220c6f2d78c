package io.uv4j;

/** A loop's listeners, one list per {@link LoopEvent}. */
final class EventListeners {
  private final Listeners<?>[] byEvent = new Listeners<?>[LoopEvent.COUNT];

  EventListeners() {
    for (int i = 0; i < byEvent.length; i++) byEvent[i] = new Listeners<>();
  }

  @SuppressWarnings("unchecked") // each list only ever holds its event's listener type
  <L> Listeners<L> of(LoopEvent<L> event) {
    return (Listeners<L>) byEvent[event.index];
  }
}
