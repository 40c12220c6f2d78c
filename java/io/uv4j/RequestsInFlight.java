package io.uv4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A loop's requests in flight that libuv could still cancel, linked through their peers so that
 * adding and removing one allocates nothing; {@link Loop#close()} cancels those left.
 */
final class RequestsInFlight {
  private Peer head;

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
}
