/* uv_req_t: what every request kind shares, and the per-loop table of cancellable ones. */
#include <stdlib.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

/* Tokens are generation << 32 | slot with a generation of 1..MAX_GENERATION: always > 0. */
#define MAX_GENERATION 0x7fffffffu
#define FIRST_SLOTS 16u

uv_req_t *uv4j_request_alloc(JNIEnv *env, size_t size, jobject peer) {
  uv_req_t *req = calloc(1, size);
  if (req == NULL) return NULL;
  req->data = (*env)->NewGlobalRef(env, peer);
  if (req->data == NULL) {
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    free(req);
    return NULL;
  }
  return req;
}

void uv4j_request_free(JNIEnv *env, uv_req_t *req) {
  (*env)->DeleteGlobalRef(env, req->data);
  free(req);
}

void uv4j_request_done(uv_loop_t *loop, uv_req_t *req, jlong result) {
  uv4j_upcall(loop, req->data, UV4J_EVENT_DONE, result);
  uv4j_request_free(((uv4j_loop *) loop)->env, req);
}

static int grow_slots(uv4j_loop *loop) {
  if (loop->slot_count > UV4J_NO_SLOT / 2) return UV_ENOMEM;
  uint32_t count = loop->slot_count == 0 ? FIRST_SLOTS : loop->slot_count * 2;
  uv4j_request_slot *slots = realloc(loop->slots, (size_t) count * sizeof *slots);
  if (slots == NULL) return UV_ENOMEM;
  for (uint32_t i = loop->slot_count; i < count; i++) {
    slots[i].req = NULL;
    slots[i].generation = 1;
    slots[i].next_free = i + 1 < count ? i + 1 : UV4J_NO_SLOT;
  }
  loop->free_slot = loop->slot_count;
  loop->slots = slots;
  loop->slot_count = count;
  return 0;
}

int uv4j_request_track(uv4j_loop *loop, uv_req_t *req, uint32_t *slot) {
  if (loop->free_slot == UV4J_NO_SLOT) {
    int rc = grow_slots(loop);
    if (rc < 0) return rc;
  }
  uint32_t taken = loop->free_slot;
  loop->free_slot = loop->slots[taken].next_free;
  loop->slots[taken].req = req;
  *slot = taken;
  return 0;
}

jlong uv4j_request_token(const uv4j_loop *loop, uint32_t slot) {
  return (jlong) ((uint64_t) loop->slots[slot].generation << 32 | slot);
}

void uv4j_request_untrack(uv4j_loop *loop, uint32_t slot) {
  uv4j_request_slot *s = &loop->slots[slot];
  s->req = NULL;
  s->generation = s->generation == MAX_GENERATION ? 1 : s->generation + 1;
  s->next_free = loop->free_slot;
  loop->free_slot = slot;
}

void uv4j_request_complete(uv_loop_t *uv, uv_req_t *req, uint32_t slot, jlong result) {
  uv4j_loop *loop = (uv4j_loop *) uv;
  /* first: an upcall that fails before Java runs (a StackOverflowError at its entry) must not
   * leave a token that names this request once the caller has freed it */
  uv4j_request_untrack(loop, slot);
  uv_req_t *outer = loop->completing;
  loop->completing = req;
  uv4j_upcall(uv, req->data, UV4J_EVENT_DONE, result);
  loop->completing = outer;
}

/* uv_cancel of the request a token names; a token that names no request in flight gets what
 * uv_cancel says of a request past waiting. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_requestCancel(JNIEnv *env, jclass cls,
                                                                  jlong loop, jlong token) {
  const uv4j_loop *l = UV4J_PTR(uv4j_loop, loop);
  uint32_t slot = (uint32_t) ((uint64_t) token & 0xffffffffu);
  uint32_t generation = (uint32_t) ((uint64_t) token >> 32);
  if (slot >= l->slot_count) return UV_EBUSY;
  const uv4j_request_slot *s = &l->slots[slot];
  if (s->req == NULL || s->generation != generation) return UV_EBUSY;
  return uv_cancel(s->req);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_requestCompleting(JNIEnv *env, jclass cls,
                                                                       jlong loop) {
  return UV4J_JPTR(UV4J_PTR(uv4j_loop, loop)->completing);
}
