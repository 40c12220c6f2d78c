/* uv_async_t: the one handle another thread may wake. */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

UV4J_FIRED_CB(async)
UV4J_HANDLE_NEW(asyncNew, uv_async_t, uv_async_init(uv, handle, async_fired_cb))

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_asyncSend(JNIEnv *env, jclass cls, jlong ptr) {
  return uv_async_send(UV4J_PTR(uv_async_t, ptr));
}
