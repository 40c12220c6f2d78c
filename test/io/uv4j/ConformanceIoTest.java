package io.uv4j;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Conformance scenarios of I/O callbacks: file system, thread-pool work, DNS and TCP; see {@link
 * Conformance} for how a scenario maps to uv4j.
 */
class ConformanceIoTest extends Conformance {
  private static final InetAddress LOCALHOST = Net.V4;
  /** Node's default listen backlog. */
  private static final int BACKLOG = 511;

  private static String utf8(ByteBuffer data) {
    return StandardCharsets.UTF_8.decode(data).toString();
  }

  /**
   * A net.Socket destroys itself once its readable side has ended and its own end() has
   * finished (allowHalfOpen false, autoDestroy): the returned task runs {@code destroy} on its
   * second call.
   */
  private static Runnable onSecondCall(Runnable destroy) {
    int[] calls = {0};
    return () -> {
      if (++calls[0] == 2) destroy.run();
    };
  }

  /**
   * Node's {@code fs.readFile(path, cb)}: open, fstat, read, close on the thread pool, then the
   * callback from the close's completion. uv4j has no readFile; this chains its fs operations
   * the way Node's does.
   */
  private void readFile(String path, Callback<byte[]> callback) {
    Fs fs = loop.fs();
    fs.open(path, Fs.O_RDONLY, 0, (fd, openError) -> {
      if (openError != null) {
        callback.done(null, openError);
        return;
      }
      fs.fstat(fd, (st, statError) -> {
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) st.size());
        fs.read(fd, new ByteBuffer[] {buffer}, -1, (n, readError) -> {
          fs.close(fd, (ignored, closeError) -> {
            byte[] data = new byte[n];
            buffer.get(0, data);
            callback.done(data, readError);
          });
        });
      });
    });
  }

  /** Node's {@code crypto.pbkdf2Sync(password, salt, iterations, keylen, 'sha256')}. */
  private static byte[] pbkdf2Sha256(String password, String salt, int iterations, int keyLength)
      throws Exception {
    PBEKeySpec spec =
        new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, keyLength * 8);
    return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
  }

  /*
   * // Inside an I/O callback, setImmediate always fires before setTimeout(0) (check phase precedes
   * // the next timers phase).
   * const fs = require('fs');
   * const log = (s) => console.log(s);
   * fs.readFile(__filename, () => {
   *   log('readFile cb');
   *   setTimeout(() => log('timeout'), 0);
   *   setImmediate(() => log('immediate'));
   *   process.nextTick(() => log('tick'));
   * });
   */
  @Test
  void s22_ioImmediateBeforeTimeout() throws IOException {
    String scenario = "22-io-immediate-before-timeout";
    readFile(filename(scenario), (data, err) -> {
      log("readFile cb");
      loop.setTimeout(() -> log("timeout"), 0);
      loop.setImmediate(() -> log("immediate"));
      loop.nextTick(() -> log("tick"));
    });
    runAndCompare(scenario);
  }

  /*
   * // A thread-pool fs callback is followed by the tick + microtask drain before any other callback.
   * const fs = require('fs');
   * const log = (s) => console.log(s);
   * fs.stat(__filename, (err, st) => {
   *   log('stat cb err=' + err + ' isFile=' + st.isFile());
   *   setImmediate(() => log('immediate'));
   *   Promise.resolve().then(() => {
   *     log('promise');
   *     process.nextTick(() => log('tick-from-promise'));
   *   });
   *   process.nextTick(() => {
   *     log('tick');
   *     queueMicrotask(() => log('micro-from-tick'));
   *   });
   * });
   * log('sync');
   */
  @Test
  void s23_fsStatCallbackMicrotasks() throws IOException {
    String scenario = "23-fs-stat-callback-microtasks";
    loop.fs().stat(filename(scenario), (st, err) -> {
      log("stat cb err=" + err + " isFile=" + st.isFile());
      loop.setImmediate(() -> log("immediate"));
      Promise.resolve(loop, null).thenAccept(v -> {
        log("promise");
        loop.nextTick(() -> log("tick-from-promise"));
      });
      loop.nextTick(() -> {
        log("tick");
        loop.queueMicrotask(() -> log("micro-from-tick"));
      });
    });
    log("sync");
    runAndCompare(scenario);
  }

  /*
   * // An fs error is delivered as the first callback argument with code, errno, syscall, path and a
   * // formatted message; nothing is thrown synchronously.
   * const fs = require('fs');
   * const log = (s) => console.log(s);
   * const p = '/nonexistent-dir-for-conformance/missing.txt';
   * fs.open(p, 'r', (err, fd) => {
   *   log('err instanceof Error: ' + (err instanceof Error));
   *   log('code: ' + err.code);
   *   log('errno: ' + err.errno);
   *   log('syscall: ' + err.syscall);
   *   log('path: ' + err.path);
   *   log('message: ' + err.message);
   *   log('fd: ' + fd);
   * });
   * log('after open call');
   *
   * Java has no undefined: the missing descriptor is null, printed as Node prints undefined.
   */
  @Test
  void s25_fsOpenEnoent() throws IOException {
    String p = "/nonexistent-dir-for-conformance/missing.txt";
    loop.fs().open(p, Fs.O_RDONLY, 0, (fd, err) -> {
      log("err instanceof Error: " + (err instanceof Exception));
      log("code: " + err.code());
      log("errno: " + err.errno());
      log("syscall: " + err.syscall());
      log("path: " + err.path());
      log("message: " + err.getMessage());
      log("fd: " + (fd == null ? "undefined" : fd));
    });
    log("after open call");
    runAndCompare("25-fs-open-enoent");
  }

  /*
   * // Generic thread-pool work (here crypto.pbkdf2): the completion callback runs on the loop thread
   * // in the poll phase, followed by its tick/microtask drain; an immediate scheduled in it comes next.
   * const crypto = require('crypto');
   * const log = (s) => console.log(s);
   * crypto.pbkdf2('secret', 'salt', 1000, 16, 'sha256', (err, key) => {
   *   log('work done: ' + key.toString('hex'));
   *   setTimeout(() => log('timeout'), 0);
   *   setImmediate(() => log('immediate'));
   *   queueMicrotask(() => log('micro'));
   *   process.nextTick(() => log('tick'));
   * });
   * log('queued');
   *
   * The same derivation runs on libuv's pool through queueWork, as Node's crypto job does.
   */
  @Test
  void s27_threadpoolWorkCallback() throws Exception {
    loop.queueWork(() -> pbkdf2Sha256("secret", "salt", 1000, 16), (key, err) -> {
      log("work done: " + HexFormat.of().formatHex(key));
      loop.setTimeout(() -> log("timeout"), 0);
      loop.setImmediate(() -> log("immediate"));
      loop.queueMicrotask(() -> log("micro"));
      loop.nextTick(() -> log("tick"));
    });
    log("queued");
    runAndCompare("27-threadpool-work-callback");
  }

  /*
   * // getaddrinfo on the thread pool: the callback gets (err, address, family); in it, immediates
   * // still precede 0 ms timers.
   * const dns = require('dns');
   * const log = (s) => console.log(s);
   * dns.lookup('localhost', { family: 4 }, (err, address, family) => {
   *   log('lookup err=' + err + ' address=' + address + ' family=' + family);
   *   setTimeout(() => log('timeout'), 0);
   *   setImmediate(() => log('immediate'));
   *   process.nextTick(() => log('tick'));
   * });
   * log('sync');
   *
   * dns.lookup reports the first address getaddrinfo returns, and its family.
   */
  @Test
  void s28_dnsLookupLocalhost() throws IOException {
    Dns.getAddrInfo(loop, "localhost", null, Dns.Hints.family(4), (addresses, err) -> {
      InetAddress first = addresses.get(0).getAddress();
      String address = first.getHostAddress();
      int family = first instanceof Inet4Address ? 4 : 6;
      log("lookup err=" + err + " address=" + address + " family=" + family);
      loop.setTimeout(() -> log("timeout"), 0);
      loop.setImmediate(() -> log("immediate"));
      loop.nextTick(() -> log("tick"));
    });
    log("sync");
    runAndCompare("28-dns-lookup-localhost");
  }

  /*
   * // TCP server + client on 127.0.0.1: listen, connect, data, end, close. Each side's event sequence
   * // is deterministic; the two sides are logged separately and printed at exit.
   * const net = require('net');
   * const S = [], C = [];
   * const server = net.createServer((sock) => {
   *   S.push('connection');
   *   sock.setEncoding('utf8');
   *   sock.on('data', (d) => {
   *     S.push('data:' + d);
   *     process.nextTick(() => S.push('tick-after-data'));
   *     sock.write('echo:' + d);
   *   });
   *   sock.on('end', () => { S.push('end'); sock.end(); });
   *   sock.on('close', (hadErr) => {
   *     S.push('socket-close hadError=' + hadErr);
   *     server.close(() => S.push('server-close'));
   *   });
   * });
   * server.listen(0, '127.0.0.1', () => {
   *   S.push('listening');
   *   const client = net.connect(server.address().port, '127.0.0.1', () => {
   *     C.push('connect');
   *     client.write('hello');
   *   });
   *   client.setEncoding('utf8');
   *   client.on('data', (d) => {
   *     C.push('data:' + d);
   *     Promise.resolve().then(() => C.push('promise-after-data'));
   *     client.end();
   *   });
   *   client.on('end', () => C.push('end'));
   *   client.on('close', (hadErr) => C.push('close hadError=' + hadErr));
   * });
   * process.on('exit', () => {
   *   console.log('server: ' + S.join(' | '));
   *   console.log('client: ' + C.join(' | '));
   * });
   *
   * What Node's net module adds is done here as it does it: 'listening' is a next-tick queued by
   * listen; a socket starts reading once connected; end() is a shutdown; a socket is closed once
   * both its end() finished and the peer's end arrived, and 'close' runs in the close callback with
   * hadError false (no error destroyed it); the server's close callback runs once it is closed.
   */
  @Test
  void s30_tcpEchoLifecycle() throws IOException {
    List<String> S = new ArrayList<>();
    List<String> C = new ArrayList<>();
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(LOCALHOST, 0));
    server.listen(BACKLOG, error -> {
      Tcp sock = new Tcp(loop);
      server.accept(sock);
      S.add("connection");
      Runnable destroy = onSecondCall(() -> sock.close(() -> {
        S.add("socket-close hadError=" + false);
        server.close(() -> S.add("server-close"));
      }));
      sock.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          String d = utf8(data);
          S.add("data:" + d);
          loop.nextTick(() -> S.add("tick-after-data"));
          sock.write("echo:" + d, null);
        }

        @Override
        public void onEnd() {
          S.add("end");
          sock.shutdown(e -> destroy.run());
          destroy.run();
        }
      });
    });
    loop.nextTick(Net.unchecked(() -> {
      S.add("listening");
      Tcp client = new Tcp(loop);
      Runnable destroy = onSecondCall(() -> client.close(() -> C.add("close hadError=" + false)));
      Stream.Reader reader = new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          C.add("data:" + utf8(data));
          Promise.resolve(loop, null).thenAccept(v -> C.add("promise-after-data"));
          client.shutdown(e -> destroy.run());
        }

        @Override
        public void onEnd() {
          C.add("end");
          destroy.run();
        }
      };
      client.connect(new InetSocketAddress(LOCALHOST, server.localAddress().getPort()), error -> {
        C.add("connect");
        client.write("hello", null);
        client.readStart(reader);
      });
    }));
    loop.onExit(code -> {
      log("server: " + String.join(" | ", S));
      log("client: " + String.join(" | ", C));
    });
    runAndCompare("30-tcp-echo-lifecycle");
  }

  /*
   * // Connecting to a closed port yields an 'error' (ECONNREFUSED, syscall connect) followed by 'close'
   * // with hadError=true.
   * const net = require('net');
   * const log = (s) => console.log(s);
   * const probe = net.createServer();
   * probe.listen(0, '127.0.0.1', () => {
   *   const port = probe.address().port;
   *   probe.close(() => {
   *     log('probe closed');
   *     const sock = net.connect(port, '127.0.0.1');
   *     sock.on('connect', () => log('connect?!'));
   *     sock.on('error', (err) => {
   *       log('error code=' + err.code + ' errno=' + err.errno + ' syscall=' + err.syscall +
   *           ' address=' + err.address + ' portMatches=' + (err.port === port));
   *     });
   *     sock.on('close', (hadError) => log('close hadError=' + hadError));
   *   });
   * });
   *
   * As Node's net module does: 'listening' is a next-tick queued by listen; a failed connect
   * destroys the socket, which emits 'error' as a next-tick and 'close' (hadError true) in the
   * close callback. uv4j's connect error names the address as "host:port" in its path; Node
   * splits it into address and port.
   */
  @Test
  void s31_tcpConnectRefused() throws IOException {
    Tcp probe = new Tcp(loop);
    probe.bind(new InetSocketAddress(LOCALHOST, 0));
    probe.listen(BACKLOG, error -> {});
    loop.nextTick(Net.unchecked(() -> {
      int port = probe.localAddress().getPort();
      probe.close(() -> {
        log("probe closed");
        Tcp sock = new Tcp(loop);
        sock.connect(new InetSocketAddress(LOCALHOST, port), err -> {
          if (err == null) {
            log("connect?!");
            return;
          }
          String target = err.path();
          String address = target.substring(0, target.lastIndexOf(':'));
          int errPort = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
          loop.nextTick(() -> log("error code=" + err.code() + " errno=" + err.errno() + " syscall="
              + err.syscall() + " address=" + address + " portMatches=" + (errPort == port)));
          sock.close(() -> log("close hadError=" + true));
        });
      });
    }));
    runAndCompare("31-tcp-connect-refused");
  }

  /*
   * // Closing a handle inside an I/O (poll-phase) callback: the check phase (immediates) of that
   * // iteration runs before the close callback.
   * const net = require('net');
   * const log = (s) => console.log(s);
   * const server = net.createServer((s) => s.on('error', () => {}));
   * server.listen(0, '127.0.0.1', () => {
   *   const sock = net.connect(server.address().port, '127.0.0.1', () => {
   *     log('connect (poll phase)');
   *     server.close();
   *     sock.destroy();
   *     setImmediate(() => log('immediate'));
   *     setTimeout(() => log('timeout0'), 0);
   *     process.nextTick(() => log('tick'));
   *   });
   *   sock.on('close', () => log('close cb'));
   * });
   *
   * As Node's net module does: 'listening' is a next-tick queued by listen; an accepted socket
   * reads, and is closed when its peer ends or fails (its errors are ignored, as the listener
   * asks); destroy() closes the handle and 'close' runs in the close callback.
   */
  @Test
  void s33_closeInIoCallback() throws IOException {
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(LOCALHOST, 0));
    server.listen(BACKLOG, error -> {
      Tcp s = new Tcp(loop);
      server.accept(s);
      s.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {}

        @Override
        public void onEnd() {
          s.close();
        }

        @Override
        public void onError(UvException error) {
          s.close();
        }
      });
    });
    loop.nextTick(Net.unchecked(() -> {
      Tcp sock = new Tcp(loop);
      sock.connect(new InetSocketAddress(LOCALHOST, server.localAddress().getPort()), error -> {
        log("connect (poll phase)");
        server.close();
        sock.close(() -> log("close cb"));
        loop.setImmediate(() -> log("immediate"));
        loop.setTimeout(() -> log("timeout0"), 0);
        loop.nextTick(() -> log("tick"));
      });
    }));
    runAndCompare("33-close-in-io-callback");
  }

  /*
   * // An unref'd listening server does not keep the process alive; a ref'd one would.
   * const net = require('net');
   * const log = (s) => console.log(s);
   * process.on('exit', (code) => log('exit ' + code));
   * const server = net.createServer();
   * server.listen(0, '127.0.0.1', () => log('listening'));
   * server.unref();
   * log('main done');
   *
   * 'listening' is a next-tick queued by listen, as Node's net module does it.
   */
  @Test
  void s39_unrefServerExits() throws IOException {
    loop.onExit(code -> log("exit " + code));
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress(LOCALHOST, 0));
    server.listen(BACKLOG, error -> {});
    loop.nextTick(() -> log("listening"));
    server.unref();
    log("main done");
    runAndCompare("39-unref-server-exits");
    // the process has ended with the server still listening: the test closes it
    server.close();
  }

  /*
   * // An exception thrown by an I/O (fs) callback goes to 'uncaughtException'; the loop continues:
   * // immediates queued before the throw still run, later I/O still completes.
   * const fs = require('fs');
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
   * process.on('exit', (code) => log('exit ' + code));
   * fs.stat(__filename, () => {
   *   log('stat cb throws');
   *   setImmediate(() => {
   *     log('immediate');
   *     fs.stat(__filename, () => log('second stat cb'));
   *   });
   *   process.nextTick(() => log('tick queued before throw'));
   *   throw new Error('boom-io');
   * });
   */
  @Test
  void s46_uncaughtInIoCallback() throws IOException {
    String filename = filename("46-uncaught-in-io-callback");
    loop.onUncaughtException((err, origin) -> log("uncaught: " + err.getMessage()));
    loop.onExit(code -> log("exit " + code));
    loop.fs().stat(filename, (st, err) -> {
      log("stat cb throws");
      loop.setImmediate(() -> {
        log("immediate");
        loop.fs().stat(filename, (st2, err2) -> log("second stat cb"));
      });
      loop.nextTick(() -> log("tick queued before throw"));
      throw new RuntimeException("boom-io");
    });
    runAndCompare("46-uncaught-in-io-callback");
  }

  /*
   * // The same after an I/O callback: the ticks a throw left queued run when the check phase opens,
   * // before the immediates the callback queued.
   * const fs = require('fs');
   * const log = (s) => console.log(s);
   * process.on('uncaughtException', (err) => log('uncaught: ' + err.message));
   * fs.stat(__filename, () => {
   *   log('stat');
   *   process.nextTick(() => {
   *     process.nextTick(() => log('tick left queued'));
   *     throw new Error('boom-tick');
   *   });
   *   setImmediate(() => log('immediate'));
   * });
   */
  @Test
  void s43_ioDrainThrowLeavesTicksForTheCheckPhase() throws IOException {
    loop.onUncaughtException((err, origin) -> log("uncaught: " + err.getMessage()));
    loop.fs().stat(filename("43-io-drain-throw-leaves-ticks-for-the-check-phase"), (st, err) -> {
      log("stat");
      loop.nextTick(() -> {
        loop.nextTick(() -> log("tick left queued"));
        throw new RuntimeException("boom-tick");
      });
      loop.setImmediate(() -> log("immediate"));
    });
    runAndCompare("43-io-drain-throw-leaves-ticks-for-the-check-phase");
  }
}
