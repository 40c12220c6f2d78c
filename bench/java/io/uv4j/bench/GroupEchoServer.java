package io.uv4j.bench;

import io.uv4j.LoopGroup;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;

/**
 * A TCP echo server spread over a {@link LoopGroup}, for ci/group-bench.sh to compare one loop with
 * two: every connection is echoed on the loop that accepted it, each read written straight back,
 * with Nagle off.
 *
 * <p>Usage: {@code GroupEchoServer PORT LOOPS} (on 127.0.0.1; runs until killed).
 */
public final class GroupEchoServer {
  private GroupEchoServer() {}

  /**
   * Serves until the process is killed; prints {@code listening} once every loop serves the port.
   *
   * @param args the port and the number of loops
   * @throws UvException if the port cannot be bound
   */
  public static void main(String[] args) throws UvException {
    if (args.length != 2) throw new IllegalArgumentException("usage: GroupEchoServer PORT LOOPS");
    int port = Integer.parseInt(args[0]);
    LoopGroup group = LoopGroup.create(Integer.parseInt(args[1]));
    LoopGroup.TcpServer server =
        group.listenTcp(new InetSocketAddress("127.0.0.1", port), 1024, GroupEchoServer::echo);
    System.out.println("listening on " + server + " with " + group.loops().size() + " loops");
  }

  private static void echo(Tcp connection) throws UvException {
    connection.noDelay(true);
    connection.readStart(data -> connection.write(data, null));
  }
}
