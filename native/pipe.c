/* uv_pipe_t: Unix domain sockets and Windows named pipes, with handle passing (IPC). */
#include <stdlib.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define PIPE(ptr) UV4J_PTR(uv_pipe_t, ptr)

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_pipeNew(JNIEnv *env, jclass cls, jlong loop,
                                                             jobject peer, jboolean ipc) {
  uv4j_stream *pipe = (uv4j_stream *) uv4j_handle_alloc(env, sizeof *pipe, peer);
  if (pipe == NULL) return UV_ENOMEM;
  int rc = uv_pipe_init(&UV4J_PTR(uv4j_loop, loop)->uv, &pipe->uv.pipe, ipc ? 1 : 0);
  return uv4j_handle_initialized(env, (uv_handle_t *) pipe, rc);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipeOpen(JNIEnv *env, jclass cls, jlong ptr,
                                                             jint fd) {
  return uv_pipe_open(PIPE(ptr), (uv_file) fd);
}

/* uv_pipe: out gets {read end, write end}. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipePair(JNIEnv *env, jclass cls,
                                                             jboolean nonblock_read,
                                                             jboolean nonblock_write,
                                                             jintArray out) {
  uv_file fds[2];
  int rc = uv_pipe(fds, nonblock_read ? UV_NONBLOCK_PIPE : 0, nonblock_write ? UV_NONBLOCK_PIPE : 0);
  if (rc < 0) return rc;
  jint ends[2] = {fds[0], fds[1]};
  (*env)->SetIntArrayRegion(env, out, 0, 2, ends);
  return 0;
}

/* uv_socketpair of SOCK_STREAM or SOCK_DGRAM sockets: out gets both. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_socketPair(JNIEnv *env, jclass cls,
                                                               jboolean datagram,
                                                               jboolean nonblock_first,
                                                               jboolean nonblock_second,
                                                               jlongArray out) {
  uv_os_sock_t socks[2];
  int rc = uv_socketpair(datagram ? SOCK_DGRAM : SOCK_STREAM, 0, socks,
                         nonblock_first ? UV_NONBLOCK_PIPE : 0,
                         nonblock_second ? UV_NONBLOCK_PIPE : 0);
  if (rc < 0) return rc;
  jlong ends[2] = {(jlong) socks[0], (jlong) socks[1]};
  (*env)->SetLongArrayRegion(env, out, 0, 2, ends);
  return 0;
}

/* Names cross as bytes so that Linux abstract names (a leading NUL) survive. A name longer than
 * the platform allows fails with UV_EINVAL instead of being cut short (UV_PIPE_NO_TRUNCATE). */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipeBind(JNIEnv *env, jclass cls, jlong ptr,
                                                             jbyteArray name) {
  jsize len = (*env)->GetArrayLength(env, name);
  jbyte *bytes = (*env)->GetByteArrayElements(env, name, NULL);
  if (bytes == NULL) return UV_ENOMEM;
  int rc = uv_pipe_bind2(PIPE(ptr), (const char *) bytes, (size_t) len, UV_PIPE_NO_TRUNCATE);
  (*env)->ReleaseByteArrayElements(env, name, bytes, JNI_ABORT);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipeConnect(JNIEnv *env, jclass cls,
                                                                jlong ptr, jint slot,
                                                                jbyteArray name) {
  uv4j_loop *loop = (uv4j_loop *) PIPE(ptr)->loop;
  uv4j_connect *req = malloc(sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  int rc = uv4j_request_start(loop, (uv_req_t *) req, slot);
  if (rc < 0) {
    free(req);
    return rc;
  }
  jsize len = (*env)->GetArrayLength(env, name);
  jbyte *bytes = (*env)->GetByteArrayElements(env, name, NULL);
  if (bytes == NULL) {
    rc = UV_ENOMEM;
  } else {
    rc = uv_pipe_connect2(&req->uv, PIPE(ptr), (const char *) bytes, (size_t) len,
                          UV_PIPE_NO_TRUNCATE, uv4j_connect_cb);
    (*env)->ReleaseByteArrayElements(env, name, bytes, JNI_ABORT);
  }
  if (rc < 0) {
    uv4j_request_abandon(loop, slot);
    free(req);
  }
  return rc;
}

typedef int (*pipe_name_fn)(const uv_pipe_t *, char *, size_t *);

static jbyteArray pipe_name(JNIEnv *env, uv_pipe_t *pipe, pipe_name_fn fn, jintArray status) {
  char small[256];
  size_t len = sizeof small;
  char *buf = small;
  int rc = fn(pipe, buf, &len);
  if (rc == UV_ENOBUFS) {
    buf = malloc(len + 1);
    if (buf == NULL) {
      rc = UV_ENOMEM;
    } else {
      rc = fn(pipe, buf, &len);
    }
  }
  jint code = rc;
  (*env)->SetIntArrayRegion(env, status, 0, 1, &code);
  jbyteArray out = NULL;
  if (rc == 0 && !(*env)->ExceptionCheck(env)) {
    out = (*env)->NewByteArray(env, (jsize) len);
    if (out != NULL) (*env)->SetByteArrayRegion(env, out, 0, (jsize) len, (const jbyte *) buf);
  }
  if (buf != small) free(buf);
  return out;
}

JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_pipeSockName(JNIEnv *env, jclass cls,
                                                                       jlong ptr,
                                                                       jintArray status) {
  return pipe_name(env, PIPE(ptr), uv_pipe_getsockname, status);
}

JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_pipePeerName(JNIEnv *env, jclass cls,
                                                                       jlong ptr,
                                                                       jintArray status) {
  return pipe_name(env, PIPE(ptr), uv_pipe_getpeername, status);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipeChmod(JNIEnv *env, jclass cls, jlong ptr,
                                                              jint flags) {
  return uv_pipe_chmod(PIPE(ptr), flags);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_pipePendingInstances(JNIEnv *env, jclass cls,
                                                                         jlong ptr, jint count) {
  uv_pipe_pending_instances(PIPE(ptr), count);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipePendingCount(JNIEnv *env, jclass cls,
                                                                     jlong ptr) {
  return uv_pipe_pending_count(PIPE(ptr));
}

/* The uv_handle_type of the next pending handle (UV_UNKNOWN_HANDLE when none). */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pipePendingType(JNIEnv *env, jclass cls,
                                                                    jlong ptr) {
  return (jint) uv_pipe_pending_type(PIPE(ptr));
}
