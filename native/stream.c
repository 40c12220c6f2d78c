/* uv_stream_t: reads into Java-owned buffers, writes from direct buffers, listen/accept. */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define STREAM(ptr) UV4J_PTR(uv_stream_t, ptr)

/* Reads land in the buffer Java chose for this stream, else in the loop's slab. */
static void alloc_cb(uv_handle_t *handle, size_t suggested, uv_buf_t *buf) {
  uv4j_stream *stream = (uv4j_stream *) handle;
  if (stream->read_base != NULL) {
    *buf = uv_buf_init(stream->read_base, (unsigned int) stream->read_len);
  } else {
    uv4j_loop *loop = (uv4j_loop *) handle->loop;
    *buf = uv_buf_init(loop->slab, (unsigned int) loop->slab_len);
  }
}

static void read_cb(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf) {
  if (nread == 0) return; /* EAGAIN: nothing to report */
  uv4j_upcall(stream->loop, stream->data, UV4J_EVENT_READ, (jlong) nread);
}

static void connection_cb(uv_stream_t *server, int status) {
  uv4j_upcall(server->loop, server->data, UV4J_EVENT_CONNECTION, status);
}

/* A write request, with the copy of the bytes the socket did not take at once when they
 * lived in a Java array or in the loop's read slab (which the next read overwrites), and the
 * handle it passes over an IPC pipe, if any. Its completion goes to the stream's own peer,
 * which keeps its pending writes in order. */
typedef struct uv4j_write {
  uv_write_t uv;
  char *owned;
  uv4j_stream *passed;
} uv4j_write;

static int is_stream(const uv_handle_t *handle) {
  return handle->type == UV_TCP || handle->type == UV_NAMED_PIPE || handle->type == UV_TTY;
}

int uv4j_stream_outlives_close(uv_handle_t *handle) {
  if (!is_stream(handle)) return 0;
  uv4j_stream *stream = (uv4j_stream *) handle;
  stream->closed = 1;
  return stream->passing_writes > 0;
}

/* A write that passed a handle is done with it: free the handle if it closed meanwhile. */
static void release_passed(uv4j_loop *loop, uv4j_stream *passed) {
  if (--passed->passing_writes == 0 && passed->closed) {
    uv4j_handle_free(loop->env, (uv_handle_t *) passed);
  }
}

static void write_cb(uv_write_t *req, int status) {
  uv_stream_t *stream = req->handle;
  uv4j_stream *passed = ((uv4j_write *) req)->passed;
  free(((uv4j_write *) req)->owned);
  free(req);
  uv4j_upcall(stream->loop, stream->data, UV4J_EVENT_WRITTEN, status);
  if (passed != NULL) release_passed((uv4j_loop *) stream->loop, passed);
}

typedef struct uv4j_shutdown {
  uv_shutdown_t uv;
  jint slot;
} uv4j_shutdown;

static void free_stream_request(uv_req_t *req) {
  free(req);
}

void uv4j_status_request_done(uv_req_t *req, uv_loop_t *loop, jint slot, int status,
                              uv4j_request_release release) {
  uv4j_request_completion(loop, req, slot, status, release);
  uv4j_request_deliver(loop);
}

static void shutdown_cb(uv_shutdown_t *req, int status) {
  uv4j_status_request_done((uv_req_t *) req, req->handle->loop, ((uv4j_shutdown *) req)->slot,
                           status, free_stream_request);
}

void uv4j_connect_cb(uv_connect_t *req, int status) {
  uv4j_status_request_done((uv_req_t *) req, req->handle->loop, ((uv4j_connect *) req)->slot,
                           status, free_stream_request);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_loopSetReadSlab(JNIEnv *env, jclass cls,
                                                                    jlong ptr, jobject slab) {
  uv4j_loop *loop = UV4J_PTR(uv4j_loop, ptr);
  loop->slab = (*env)->GetDirectBufferAddress(env, slab);
  loop->slab_len = (size_t) (*env)->GetDirectBufferCapacity(env, slab);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_streamSetReadBuffer(JNIEnv *env, jclass cls,
                                                                        jlong ptr, jobject buffer,
                                                                        jint offset, jint length) {
  uv4j_stream *stream = UV4J_PTR(uv4j_stream, ptr);
  stream->read_base = buffer == NULL ? NULL : uv4j_buffer_address(env, buffer, offset);
  stream->read_len = (size_t) length;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamReadStart(JNIEnv *env, jclass cls,
                                                                    jlong ptr) {
  return uv_read_start(STREAM(ptr), alloc_cb, read_cb);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamReadStop(JNIEnv *env, jclass cls,
                                                                   jlong ptr) {
  return uv_read_stop(STREAM(ptr));
}

/* Tries the write at once; what the socket does not take is queued. Returns the bytes
 * written at once (== total: nothing queued), or a negative error. When something was
 * queued the return is below total and the completion comes later as EVENT_WRITTEN. */
static int in_slab(uv_stream_t *stream, const uv_buf_t *bufs, unsigned int count) {
  uv4j_loop *loop = (uv4j_loop *) stream->loop;
  for (unsigned int i = 0; i < count; i++) {
    if (bufs[i].base >= loop->slab && bufs[i].base < loop->slab + loop->slab_len) return 1;
  }
  return 0;
}

static jint queue_write(uv_stream_t *stream, uv_buf_t *bufs, unsigned int count,
                        uv4j_stream *send_handle, char *owned) {
  uv_buf_t gathered;
  if (owned == NULL && in_slab(stream, bufs, count)) {
    size_t total = 0;
    for (unsigned int i = 0; i < count; i++) total += bufs[i].len;
    owned = malloc(total > 0 ? total : 1);
    if (owned == NULL) return UV_ENOMEM;
    size_t at = 0;
    for (unsigned int i = 0; i < count; i++) {
      memcpy(owned + at, bufs[i].base, bufs[i].len);
      at += bufs[i].len;
    }
    gathered = uv_buf_init(owned, (unsigned int) total);
    bufs = &gathered;
    count = 1;
  }
  uv4j_write *req = calloc(1, sizeof *req);
  if (req == NULL) {
    free(owned);
    return UV_ENOMEM;
  }
  req->owned = owned;
  req->passed = send_handle;
  if (send_handle != NULL) send_handle->passing_writes++;
  int rc = send_handle == NULL
               ? uv_write(&req->uv, stream, bufs, count, write_cb)
               : uv_write2(&req->uv, stream, bufs, count, &send_handle->uv.stream, write_cb);
  if (rc < 0) {
    if (send_handle != NULL) send_handle->passing_writes--;
    free(owned);
    free(req);
  }
  return rc;
}

/* How much uv_try_write took of bufs (0 for EAGAIN), or a negative error. */
static int try_write(uv_stream_t *stream, const uv_buf_t *bufs, unsigned int count) {
  int rc = uv_try_write(stream, bufs, count);
  if (rc == UV_EAGAIN || rc == UV_ENOSYS) return 0;
  return rc;
}

static jint write_bufs(uv_stream_t *stream, uv_buf_t *bufs, unsigned int count, size_t total,
                       uv4j_stream *send_handle) {
  size_t sent = 0;
  if (send_handle == NULL) {
    int rc = try_write(stream, bufs, count);
    if (rc < 0) return rc;
    sent = (size_t) rc;
    if (sent == total) return (jint) sent;
    size_t skip = sent; /* queue only what the socket did not take */
    while (skip >= bufs[0].len) {
      skip -= bufs[0].len;
      bufs++;
      count--;
    }
    bufs[0].base += skip;
    bufs[0].len -= (unsigned int) skip;
  }
  int rc = queue_write(stream, bufs, count, send_handle, NULL);
  return rc < 0 ? rc : (jint) sent;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamWrite(JNIEnv *env, jclass cls,
                                                                jlong ptr, jobject buffer,
                                                                jint offset, jint length,
                                                                jlong sendHandle) {
  uv_buf_t buf = uv_buf_init(uv4j_buffer_address(env, buffer, offset), (unsigned int) length);
  return write_bufs(STREAM(ptr), &buf, 1, (size_t) length,
                    sendHandle == 0 ? NULL : UV4J_PTR(uv4j_stream, sendHandle));
}

/* Writes from a byte[]: straight from the array when the socket takes it all at once,
 * else the rest is copied once into memory the request owns. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamWriteArray(JNIEnv *env, jclass cls,
                                                                     jlong ptr, jbyteArray array,
                                                                     jint offset, jint length) {
  uv_stream_t *stream = STREAM(ptr);
  char *rest = NULL;
  int sent = 0;
  jbyte *bytes = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
  if (bytes == NULL) return UV_ENOMEM;
  uv_buf_t buf = uv_buf_init((char *) bytes + offset, (unsigned int) length);
  sent = try_write(stream, &buf, 1);
  if (sent >= 0 && sent < length) {
    rest = malloc((size_t) (length - sent));
    if (rest != NULL) memcpy(rest, bytes + offset + sent, (size_t) (length - sent));
  }
  (*env)->ReleasePrimitiveArrayCritical(env, array, bytes, JNI_ABORT);
  if (sent < 0 || sent == length) return sent;
  if (rest == NULL) return UV_ENOMEM;
  buf = uv_buf_init(rest, (unsigned int) (length - sent));
  int rc = queue_write(stream, &buf, 1, NULL, rest);
  return rc < 0 ? rc : sent;
}

#define UV4J_MAX_IOV 64

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamWritev(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jobjectArray buffers,
                                                                 jintArray offsets,
                                                                 jintArray lengths, jint count) {
  uv_buf_t bufs[UV4J_MAX_IOV];
  jint offs[UV4J_MAX_IOV], lens[UV4J_MAX_IOV];
  if (count <= 0 || count > UV4J_MAX_IOV) return UV_EINVAL;
  (*env)->GetIntArrayRegion(env, offsets, 0, count, offs);
  (*env)->GetIntArrayRegion(env, lengths, 0, count, lens);
  if ((*env)->ExceptionCheck(env)) return UV_EINVAL;
  size_t total = 0;
  for (jint i = 0; i < count; i++) {
    jobject buffer = (*env)->GetObjectArrayElement(env, buffers, i);
    if (buffer == NULL) return UV_EINVAL;
    bufs[i] = uv_buf_init(uv4j_buffer_address(env, buffer, offs[i]), (unsigned int) lens[i]);
    (*env)->DeleteLocalRef(env, buffer);
    total += (size_t) lens[i];
  }
  return write_bufs(STREAM(ptr), bufs, (unsigned int) count, total, NULL);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamShutdown(JNIEnv *env, jclass cls,
                                                                   jlong ptr, jint slot) {
  uv4j_loop *loop = (uv4j_loop *) STREAM(ptr)->loop;
  uv4j_shutdown *req = malloc(sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  int rc = uv4j_request_start(loop, (uv_req_t *) req, slot);
  if (rc == 0) {
    rc = uv_shutdown(&req->uv, STREAM(ptr), shutdown_cb);
    if (rc < 0) uv4j_request_abandon(loop, slot);
  }
  if (rc < 0) free(req);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamListen(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jint backlog) {
  return uv_listen(STREAM(ptr), backlog, connection_cb);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamAccept(JNIEnv *env, jclass cls,
                                                                 jlong server, jlong client) {
  return uv_accept(STREAM(server), STREAM(client));
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_streamIsReadable(JNIEnv *env, jclass cls,
                                                                         jlong ptr) {
  return uv_is_readable(STREAM(ptr)) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_streamIsWritable(JNIEnv *env, jclass cls,
                                                                         jlong ptr) {
  return uv_is_writable(STREAM(ptr)) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_streamWriteQueueSize(JNIEnv *env, jclass cls,
                                                                          jlong ptr) {
  return (jlong) uv_stream_get_write_queue_size(STREAM(ptr));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamSetBlocking(JNIEnv *env, jclass cls,
                                                                      jlong ptr, jboolean blocking) {
  return uv_stream_set_blocking(STREAM(ptr), blocking ? 1 : 0);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamTryWrite(JNIEnv *env, jclass cls,
                                                                   jlong ptr, jobject buffer,
                                                                   jint offset, jint length) {
  uv_buf_t buf = uv_buf_init(uv4j_buffer_address(env, buffer, offset), (unsigned int) length);
  return try_write(STREAM(ptr), &buf, 1);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamTryWriteArray(JNIEnv *env, jclass cls,
                                                                        jlong ptr,
                                                                        jbyteArray array,
                                                                        jint offset, jint length) {
  jbyte *bytes = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
  if (bytes == NULL) return UV_ENOMEM;
  uv_buf_t buf = uv_buf_init((char *) bytes + offset, (unsigned int) length);
  int rc = try_write(STREAM(ptr), &buf, 1);
  (*env)->ReleasePrimitiveArrayCritical(env, array, bytes, JNI_ABORT);
  return rc;
}

/* uv_try_write2 passing sendHandle along: the bytes written at once (the handle goes with the
 * first of them), or a negative error; UV_EAGAIN when nothing could go now. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_streamTryWrite2(JNIEnv *env, jclass cls,
                                                                    jlong ptr, jobject buffer,
                                                                    jint offset, jint length,
                                                                    jlong sendHandle) {
  uv_buf_t buf = uv_buf_init(uv4j_buffer_address(env, buffer, offset), (unsigned int) length);
  return uv_try_write2(STREAM(ptr), &buf, 1, &UV4J_PTR(uv4j_stream, sendHandle)->uv.stream);
}
