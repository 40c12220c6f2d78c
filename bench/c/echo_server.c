/*
 * echo_server - a TCP echo server on raw libuv, one loop thread: the baseline uv4j's echo
 * server is measured against. Each connection reads into its own 64 KiB buffer and echoes
 * with uv_try_write first, queueing a copy of whatever the socket did not take. Nagle is off
 * on every connection, as in the uv4j and Netty servers it is compared with.
 *
 * Usage: echo_server [PORT [PARKED_THREADS]]   (default 9000, 0; 127.0.0.1; runs until killed)
 *
 * PARKED_THREADS extra threads that only wait make it a multi-threaded process, as a JVM is:
 * the kernel then charges every socket syscall for sharing the descriptor table, which is part
 * of what a JVM server pays and C does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

typedef struct conn {
  uv_tcp_t tcp;
  char buf[64 * 1024];
} conn;

typedef struct pending_write {
  uv_write_t req;
  uv_buf_t buf;
} pending_write;

static uv_loop_t *loop;
static uv_sem_t parked;

static void park(void *arg) {
  uv_sem_wait(&parked);
}

static void on_close(uv_handle_t *handle) {
  free(handle);
}

static void on_alloc(uv_handle_t *handle, size_t suggested, uv_buf_t *buf) {
  conn *c = (conn *) handle;
  *buf = uv_buf_init(c->buf, sizeof c->buf);
}

static void on_written(uv_write_t *req, int status) {
  pending_write *w = (pending_write *) req;
  free(w->buf.base);
  free(w);
}

static void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf) {
  if (nread < 0) {
    uv_close((uv_handle_t *) stream, on_close);
    return;
  }
  if (nread == 0) return;
  uv_buf_t out = uv_buf_init(buf->base, (unsigned int) nread);
  int sent = uv_try_write(stream, &out, 1);
  if (sent == nread) return;
  if (sent < 0 && sent != UV_EAGAIN) {
    uv_close((uv_handle_t *) stream, on_close);
    return;
  }
  if (sent < 0) sent = 0;
  pending_write *w = malloc(sizeof *w);
  w->buf = uv_buf_init(malloc((size_t) (nread - sent)), (unsigned int) (nread - sent));
  memcpy(w->buf.base, buf->base + sent, (size_t) (nread - sent));
  uv_write(&w->req, stream, &w->buf, 1, on_written);
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  conn *c = malloc(sizeof *c);
  uv_tcp_init(loop, &c->tcp);
  if (uv_accept(server, (uv_stream_t *) &c->tcp) == 0) {
    uv_tcp_nodelay(&c->tcp, 1);
    uv_read_start((uv_stream_t *) &c->tcp, on_alloc, on_read);
  } else {
    uv_close((uv_handle_t *) &c->tcp, on_close);
  }
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 9000;
  int threads = argc > 2 ? atoi(argv[2]) : 0;
  uv_sem_init(&parked, 0);
  for (int i = 0; i < threads; i++) {
    uv_thread_t thread;
    uv_thread_create(&thread, park, NULL);
  }
  struct sockaddr_in addr;
  uv_tcp_t server;
  loop = uv_default_loop();
  uv_ip4_addr("127.0.0.1", port, &addr);
  uv_tcp_init(loop, &server);
  int rc = uv_tcp_bind(&server, (const struct sockaddr *) &addr, 0);
  if (rc == 0) rc = uv_listen((uv_stream_t *) &server, 1024, on_connection);
  if (rc != 0) {
    fprintf(stderr, "echo_server: %s\n", uv_strerror(rc));
    return 1;
  }
  printf("listening on 127.0.0.1:%d\n", port);
  fflush(stdout);
  return uv_run(loop, UV_RUN_DEFAULT);
}
