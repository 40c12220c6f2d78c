/* uv_poll_t: readiness of a descriptor libuv does not own. */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

static void poll_cb(uv_poll_t *handle, int status, int events) {
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_FIRED, status < 0 ? status : events);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_pollNew(JNIEnv *env, jclass cls, jlong loop,
                                                             jobject peer, jint fd) {
  uv_poll_t *poll = (uv_poll_t *) uv4j_handle_alloc(env, sizeof *poll, peer);
  if (poll == NULL) return UV_ENOMEM;
#ifdef _WIN32
  int rc = uv_poll_init_socket(&UV4J_PTR(uv4j_loop, loop)->uv, poll, (uv_os_sock_t) fd);
#else
  int rc = uv_poll_init(&UV4J_PTR(uv4j_loop, loop)->uv, poll, fd);
#endif
  return uv4j_handle_initialized(env, (uv_handle_t *) poll, rc);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pollStart(JNIEnv *env, jclass cls, jlong ptr,
                                                              jint events) {
  return uv_poll_start(UV4J_PTR(uv_poll_t, ptr), events, poll_cb);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_pollStop(JNIEnv *env, jclass cls, jlong ptr) {
  return uv_poll_stop(UV4J_PTR(uv_poll_t, ptr));
}
