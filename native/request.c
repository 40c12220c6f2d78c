/* uv_req_t: what every request kind shares. */
#include <stdlib.h>
#include "uv4j.h"

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
