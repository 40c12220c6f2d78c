/* uv_async_t: the one handle another thread may wake. */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

static void async_cb(uv_async_t *async) {
  uv4j_fired_cb((uv_handle_t *) async);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_asyncNew(JNIEnv *env, jclass cls, jlong loop,
                                                              jobject peer) {
  uv_async_t *async = (uv_async_t *) uv4j_handle_alloc(env, sizeof *async, peer);
  if (async == NULL) return UV_ENOMEM;
  int rc = uv_async_init(&UV4J_PTR(uv4j_loop, loop)->uv, async, async_cb);
  if (rc < 0) {
    uv4j_handle_free(env, (uv_handle_t *) async);
    return rc;
  }
  return UV4J_JPTR(async);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_asyncSend(JNIEnv *env, jclass cls, jlong ptr) {
  return uv_async_send(UV4J_PTR(uv_async_t, ptr));
}
