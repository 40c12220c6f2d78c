package io.uv4j;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The handles of one TCP server spread over a {@link LoopGroup}: listeners, and for the acceptor
 * distribution the IPC pipes that carry accepted connections from the first loop to the others.
 * Its methods run on a caller's thread and reach each loop through {@link LoopGroup#onLoop}.
 */
final class GroupListener {
  /** libuv passes a handle along with at least one byte of data; the byte itself means nothing. */
  private static final ByteBuffer HANDLE_MARK = ByteBuffer.allocateDirect(1).put((byte) 'c').flip();

  private final LoopGroup group;
  private final int backlog;
  private final LoopGroup.ConnectionHandler onConnection;
  /** For each loop, the handles it made for this server; each list is touched only on its loop. */
  private final List<List<Handle>> handles = new ArrayList<>();
  private volatile InetSocketAddress boundAddress;
  private CompletableFuture<Void> closed;

  GroupListener(LoopGroup group, int backlog, LoopGroup.ConnectionHandler onConnection) {
    this.group = group;
    this.backlog = backlog;
    this.onConnection = onConnection;
    for (int i = 0; i < group.loops().size(); i++) handles.add(new ArrayList<>());
  }

  LoopGroup group() {
    return group;
  }

  InetSocketAddress boundAddress() {
    return boundAddress;
  }

  /**
   * Binds a {@link Tcp#REUSE_PORT} listener on every loop, the first one deciding the port. False,
   * with nothing left open, if the OS has no load-balanced {@code SO_REUSEPORT} ({@code ENOTSUP})
   * and {@code required} is false.
   */
  boolean listenEverywhere(InetSocketAddress address, boolean required) throws UvException {
    List<Loop> loops = group.loops();
    try {
      InetSocketAddress bound = address;
      for (int i = 0; i < loops.size(); i++) {
        InetSocketAddress at = bound;
        int index = i;
        Loop loop = loops.get(i);
        bound = group.onLoop(loop, () -> {
          Tcp listener = listen(loop, index, at, Tcp.REUSE_PORT, connection -> onConnection.accept(connection));
          return listener.localAddress();
        });
      }
      boundAddress = bound;
      return true;
    } catch (UvException e) {
      closeAndWait();
      if (e.errno() == UvError.ENOTSUP.errno() && !required) return false;
      throw e;
    } catch (RuntimeException | Error e) {
      closeAndWait();
      throw e;
    }
  }

  /**
   * Listens on the first loop alone, which keeps one connection in every N and passes the others,
   * in turn, to the other loops over an IPC pipe each.
   */
  void listenWithAcceptor(InetSocketAddress address) throws UvException {
    List<Loop> loops = group.loops();
    try {
      List<Pipe> senders = new ArrayList<>();
      for (int i = 1; i < loops.size(); i++) senders.add(connectPipe(i));
      Loop acceptorLoop = loops.get(0);
      int[] turn = {0};
      boundAddress = group.onLoop(acceptorLoop, () -> {
        Tcp listener = listen(acceptorLoop, 0, address, 0, connection -> {
          int to = turn[0];
          turn[0] = (to + 1) % loops.size();
          if (to == 0) onConnection.accept(connection);
          else pass(senders.get(to - 1), connection);
        });
        return listener.localAddress();
      });
    } catch (UvException | RuntimeException | Error e) {
      closeAndWait();
      throw e;
    }
  }

  /**
   * Binds and listens on {@code loop}; each connection is accepted into a new {@link Tcp} of that
   * loop and handed to {@code accepted}.
   */
  private Tcp listen(Loop loop, int index, InetSocketAddress address, int flags, LoopGroup.ConnectionHandler accepted)
      throws UvException {
    Tcp listener = new Tcp(loop);
    handles.get(index).add(listener);
    listener.bind(address, flags);
    try {
      listener.listen(backlog, error -> {
        if (error != null) throw error;
        accepted.accept(acceptTcp(loop, listener));
      });
    } catch (UvException e) {
      // libuv on Unix reports a bind error such as EADDRINUSE only here: name the address
      throw new UvException(e.errno(), "listen", SocketAddresses.text(address), null);
    }
    return listener;
  }

  /**
   * Sends an accepted connection over {@code sender}, then closes it here: libuv on Unix reads
   * the socket only when the write goes out, so it stays open until the write has completed.
   */
  private static void pass(Pipe sender, Tcp connection) {
    sender.write(HANDLE_MARK.duplicate(), connection, error -> {
      connection.close();
      // ECANCELED: the server closed with the pass still queued, and the connection goes with it
      if (error != null && error.errno() != UvError.ECANCELED.errno()) throw error;
    });
  }

  /**
   * Connects an IPC pipe from the first loop to loop {@code index}, whose end accepts each passed
   * connection into a {@link Tcp} of its own; returns the first loop's end.
   */
  private Pipe connectPipe(int index) throws UvException {
    return Stream.WINDOWS ? connectNamedPipe(index) : connectSocketPair(index);
  }

  /** Unix: the two ends of a socket pair, each adopted by its loop. */
  private Pipe connectSocketPair(int index) throws UvException {
    int[] fds = Uv.socketPair(Dns.SocketType.STREAM, true, true);
    Loop receiverLoop = group.loops().get(index);
    Loop senderLoop = group.loops().get(0);
    try {
      group.onLoop(receiverLoop, () -> {
        Pipe receiver = adopt(receiverLoop, index, fds[1]);
        fds[1] = -1;
        receive(receiverLoop, receiver);
        return receiver;
      });
      Pipe sender = group.onLoop(senderLoop, () -> adopt(senderLoop, 0, fds[0]));
      fds[0] = -1;
      return sender;
    } finally {
      for (int fd : fds) {
        if (fd >= 0) Fs.closeSync(fd);
      }
    }
  }

  /** Opens {@code fd} as an IPC pipe of {@code loop}, which then owns it. */
  private Pipe adopt(Loop loop, int index, int fd) throws UvException {
    Pipe pipe = new Pipe(loop, true);
    try {
      pipe.open(fd);
    } catch (UvException | RuntimeException e) {
      pipe.close();
      throw e;
    }
    handles.get(index).add(pipe);
    return pipe;
  }

  /**
   * Windows: a named pipe the receiving loop listens on and the first loop connects to (libuv's
   * IPC pipes on Windows are named pipes).
   */
  private Pipe connectNamedPipe(int index) throws UvException {
    String name = "\\\\.\\pipe\\uv4j-group-" + UUID.randomUUID();
    Loop receiverLoop = group.loops().get(index);
    Loop senderLoop = group.loops().get(0);
    CompletableFuture<Void> accepted = new CompletableFuture<>();
    group.onLoop(receiverLoop, () -> {
      Pipe server = new Pipe(receiverLoop, false);
      handles.get(index).add(server);
      server.bind(name);
      server.listen(1, error -> {
        try {
          if (error != null) throw error;
          Pipe receiver = new Pipe(receiverLoop, true);
          handles.get(index).add(receiver);
          server.accept(receiver);
          receive(receiverLoop, receiver);
          accepted.complete(null);
        } catch (UvException e) {
          accepted.completeExceptionally(e);
        } finally {
          server.close();
        }
      });
      return server;
    });
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Pipe sender = group.onLoop(senderLoop, () -> {
      Pipe pipe = new Pipe(senderLoop, true);
      handles.get(0).add(pipe);
      pipe.connect(name, error -> {
        if (error == null) connected.complete(null);
        else connected.completeExceptionally(error);
      });
      return pipe;
    });
    await(connected);
    await(accepted);
    return sender;
  }

  private static void await(CompletableFuture<Void> step) throws UvException {
    try {
      LoopGroup.joinUninterruptibly(step);
    } catch (ExecutionException e) {
      throw (UvException) e.getCause();
    }
  }

  /**
   * Accepts every connection passed over {@code receiver}; each goes to {@code onConnection} as a
   * tick of its own, so that one that throws does not keep the others from theirs.
   */
  private void receive(Loop loop, Pipe receiver) throws UvException {
    receiver.readStart(data -> {
      while (receiver.pendingCount() > 0) {
        Tcp connection = acceptTcp(loop, receiver);
        loop.nextTick(() -> handOver(connection));
      }
    });
  }

  /** A new Tcp that {@code source} accepts its pending connection into; closed again if that fails. */
  private static Tcp acceptTcp(Loop loop, Stream source) throws UvException {
    Tcp connection = new Tcp(loop);
    try {
      source.accept(connection);
    } catch (UvException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** Gives {@code connection} to the user's handler from a tick, which cannot throw checked exceptions. */
  private void handOver(Tcp connection) {
    try {
      onConnection.accept(connection);
    } catch (Exception e) {
      throw Throwables.sneaky(e);
    }
  }

  /** Closes every handle of this server, each on its loop; once only. */
  synchronized CompletableFuture<Void> close() {
    if (closed == null) closed = closeHandles();
    return closed.copy();
  }

  /** Closes the handles made so far, each on its loop, and forgets them. */
  private CompletableFuture<Void> closeHandles() {
    List<CompletableFuture<Void>> each = new ArrayList<>();
    List<Loop> loops = group.loops();
    for (int i = 0; i < loops.size(); i++) {
      List<Handle> mine = handles.get(i);
      CompletableFuture<Void> done = new CompletableFuture<>();
      try {
        loops.get(i).execute(() -> {
          for (Handle handle : mine) handle.close();
          mine.clear();
          done.complete(null);
        });
      } catch (RejectedExecutionException e) {
        // the loop is closing: its teardown closes every handle
        done.complete(null);
      }
      each.add(done);
    }
    return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
  }

  /** Closes what a failed start made, before the failure is thrown. */
  private void closeAndWait() {
    try {
      LoopGroup.joinUninterruptibly(closeHandles());
    } catch (ExecutionException e) {
      throw new IllegalStateException("closing the listeners failed", e.getCause());
    }
  }
}
