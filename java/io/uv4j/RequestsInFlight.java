package io.uv4j;

import io.uv4j.internal.Native;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop's requests in flight that libuv could still cancel, linked through their peers so that
 * adding and removing one allocates nothing; {@link Loop#close()} cancels those left.
 */
final class RequestsInFlight {
  private final Loop loop;
  private Peer head;

  RequestsInFlight(Loop loop) {
    this.loop = loop;
  }

  /** Remembers a cancellable request until it completes, so that close() can cancel it. */
  <T extends Peer & Cancelable> void add(T request) {
    request.inFlight = true;
    request.inFlightPrev = null;
    request.inFlightNext = head;
    if (head != null) head.inFlightPrev = request;
    head = request;
  }

  /** Forgets a request that completed; one never added, or already forgotten, is ignored. */
  void completed(Peer request) {
    if (!request.inFlight) return;
    request.inFlight = false;
    if (request.inFlightPrev == null) head = request.inFlightNext;
    else request.inFlightPrev.inFlightNext = request.inFlightNext;
    if (request.inFlightNext != null) request.inFlightNext.inFlightPrev = request.inFlightPrev;
    request.inFlightPrev = request.inFlightNext = null;
  }

  /** How many cancellable requests are in flight. */
  int count() {
    int n = 0;
    for (Peer p = head; p != null; p = p.inFlightNext) n++;
    return n;
  }

  /** The cancellable requests in flight, newest first. */
  List<Peer> list() {
    List<Peer> requests = new ArrayList<>();
    for (Peer p = head; p != null; p = p.inFlightNext) requests.add(p);
    return requests;
  }

  /** Cancels every request in flight; each completes later with ECANCELED unless it has started. */
  void cancelAll() {
    for (Peer request : list()) ((Cancelable) request).cancel();
  }

  /**
   * Cancels the request a token from the native side names; false once it names none: its
   * completion has started (even one lost to an upcall that failed before Java ran), or the loop
   * is closed.
   */
  boolean cancel(long token) {
    long ptr = loop.pointer();
    return token != 0 && ptr != 0 && Native.requestCancel(ptr, token) == 0;
  }

  /** The native request whose completion is being delivered; valid only during that upcall. */
  long completing() {
    return Native.requestCompleting(loop.pointer());
  }
}
