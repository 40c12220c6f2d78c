package io.uv4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * The Netty epoll echo server uv4j's is compared with: one event-loop thread serves both the
 * listening socket and every connection; each read is written back and flushed when the read
 * burst ends, as Netty's own echo example does.
 *
 * <p>Usage: {@code NettyEchoServer [PORT]} (default 9000, on 127.0.0.1; runs until killed).
 */
public final class NettyEchoServer {
  private NettyEchoServer() {}

  @ChannelHandler.Sharable
  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
    Epoll.ensureAvailability();
    EventLoopGroup group = new EpollEventLoopGroup(1);
    Echo echo = new Echo();
    try {
      ChannelFuture bound =
          new ServerBootstrap()
              .group(group)
              .channel(EpollServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(echo);
                    }
                  })
              .bind("127.0.0.1", port)
              .sync();
      System.out.println("listening on 127.0.0.1:" + port);
      bound.channel().closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }
}
