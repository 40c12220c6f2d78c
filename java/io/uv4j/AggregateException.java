package io.uv4j;

import java.util.List;

/** Rejects {@link Promise#any}: every promise was rejected. Like JavaScript's AggregateError. */
public class AggregateException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> errors;

  AggregateException(List<Throwable> errors) {
    super("all " + errors.size() + " promises were rejected");
    this.errors = List.copyOf(errors);
    errors.forEach(this::addSuppressed);
  }

  /** {@return every rejection's reason, in the order of the promises (an unmodifiable list)} */
  public List<Throwable> errors() {
    return errors;
  }
}
