/* uv_req_t: what every request kind shares. Java keeps each request object in its loop's table
 * under a slot; C keeps the native request under the same slot, for uv_cancel, and writes its
 * completion into the loop's completion buffer, delivered alone or with the rest of a burst. */
#include <stdlib.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define FIRST_SLOTS 16u

int uv4j_request_start(uv4j_loop *loop, uv_req_t *req, jint slot) {
  uv4j_request_table *t = &loop->requests;
  uint32_t index = (uint32_t) slot;
  if (index >= t->slot_count) {
    uint32_t count = t->slot_count == 0 ? FIRST_SLOTS : t->slot_count;
    while (count <= index) {
      if (count > UINT32_MAX / 2) return UV_ENOMEM;
      count *= 2;
    }
    uv_req_t **by_slot = realloc(t->by_slot, (size_t) count * sizeof *by_slot);
    if (by_slot == NULL) return UV_ENOMEM;
    for (uint32_t i = t->slot_count; i < count; i++) by_slot[i] = NULL;
    t->by_slot = by_slot;
    t->slot_count = count;
  }
  t->by_slot[index] = req;
  return 0;
}

void uv4j_request_abandon(uv4j_loop *loop, jint slot) {
  loop->requests.by_slot[slot] = NULL;
}

uv4j_completion *uv4j_request_completion(uv_loop_t *uv, uv_req_t *req, jint slot, jlong result,
                                         uv4j_request_release release) {
  uv4j_loop *loop = (uv4j_loop *) uv;
  uv4j_request_table *t = &loop->requests;
  t->by_slot[slot] = NULL;
  if (t->pending == UV4J_COMPLETIONS_MAX) uv4j_request_flush(loop);
  uint32_t i = t->pending++;
  t->pending_req[i] = req;
  t->pending_release[i] = release;
  uv4j_completion *c = &t->completions[i];
  c->slot = slot;
  c->result = result;
  c->request = UV4J_JPTR(req);
  return c;
}

void uv4j_request_deliver(uv_loop_t *uv) {
  uv4j_loop *loop = (uv4j_loop *) uv;
  if (!loop->requests.in_burst) uv4j_request_flush(loop);
}

void uv4j_request_flush(uv4j_loop *loop) {
  uv4j_request_table *t = &loop->requests;
  uint32_t count = t->pending;
  if (count == 0) return;
  /* completions never nest: no libuv callback runs inside another, so the records stay put
   * until Java has read them */
  uv4j_completions_call(loop, (jint) count);
  for (uint32_t i = 0; i < count; i++) t->pending_release[i](t->pending_req[i]);
  t->pending = 0;
}

/* libuv runs every finished pool item from one callback of wq_async: collect their completions
 * and deliver them in one upcall. */
static void pool_burst_cb(uv_async_t *handle) {
  uv4j_loop *loop = (uv4j_loop *) handle->loop;
  loop->requests.in_burst = 1;
  loop->requests.pool_done(handle);
  loop->requests.in_burst = 0;
  uv4j_request_flush(loop);
}

void uv4j_request_table_init(uv4j_loop *loop) {
  loop->requests.pool_done = loop->uv.wq_async.async_cb;
  loop->uv.wq_async.async_cb = pool_burst_cb;
}

void uv4j_request_table_free(JNIEnv *env, uv4j_loop *loop) {
  if (loop->requests.java != NULL) (*env)->DeleteGlobalRef(env, loop->requests.java);
  free(loop->requests.by_slot);
}

/* Registers the loop's Java request table and its completion buffer (room for
 * UV4J_COMPLETIONS_MAX records); 0, UV_EINVAL for a buffer too small, or UV_ENOMEM. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopSetRequestTable(JNIEnv *env, jclass cls,
                                                                       jlong ptr, jobject table,
                                                                       jobject completions) {
  uv4j_loop *loop = UV4J_PTR(uv4j_loop, ptr);
  void *base = (*env)->GetDirectBufferAddress(env, completions);
  jlong capacity = (*env)->GetDirectBufferCapacity(env, completions);
  if (base == NULL || capacity < (jlong) (UV4J_COMPLETIONS_MAX * sizeof(uv4j_completion))) {
    return UV_EINVAL;
  }
  jobject ref = (*env)->NewGlobalRef(env, table);
  if (ref == NULL) {
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    return UV_ENOMEM;
  }
  if (loop->requests.java != NULL) (*env)->DeleteGlobalRef(env, loop->requests.java);
  loop->requests.java = ref;
  loop->requests.completions = base;
  return 0;
}

/* uv_cancel of the request started under a slot; UV_EBUSY once it has completed, as for a
 * request already running. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_requestSlotCancel(JNIEnv *env, jclass cls,
                                                                      jlong ptr, jint slot) {
  const uv4j_request_table *t = &UV4J_PTR(uv4j_loop, ptr)->requests;
  if (slot < 0 || (uint32_t) slot >= t->slot_count || t->by_slot[slot] == NULL) return UV_EBUSY;
  return uv_cancel(t->by_slot[slot]);
}
