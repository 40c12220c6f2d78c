package io.uv4j;

import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One kind of random API use: a name (what a failure report shows), a group (what {@code --ops}
 * and {@code --skip} select), a weight (how often it is picked) and what it does.
 *
 * @param <C> what the operation works on: a loop's world, or a sync-fs worker
 */
record FuzzOp<C>(String name, String group, int weight, Action<C> action) {
  /** The body of an operation. */
  @FunctionalInterface
  interface Action<C> {
    void run(C context) throws Exception;
  }

  /** The operations that {@code select} names (by name or group), minus those {@code skip} names. */
  static <C> List<FuzzOp<C>> selected(List<FuzzOp<C>> ops, Set<String> select, Set<String> skip) {
    return ops.stream()
        .filter(op -> select.isEmpty() || select.contains(op.name) || select.contains(op.group))
        .filter(op -> !skip.contains(op.name) && !skip.contains(op.group))
        .toList();
  }

  /** Picks one of {@code ops} with probability proportional to its weight. */
  static <C> FuzzOp<C> pick(List<FuzzOp<C>> ops, Random random) {
    int total = 0;
    for (FuzzOp<C> op : ops) total += op.weight;
    int ticket = random.nextInt(total);
    for (FuzzOp<C> op : ops) {
      ticket -= op.weight;
      if (ticket < 0) return op;
    }
    throw new IllegalStateException("weights changed while picking");
  }
}
