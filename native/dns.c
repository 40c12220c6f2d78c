/* uv_getaddrinfo_t, uv_getnameinfo_t */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

/* Lookups of the request object under `slot` in their loop's table. */
typedef struct uv4j_getaddrinfo {
  uv_getaddrinfo_t uv;
  jint slot;
} uv4j_getaddrinfo;

typedef struct uv4j_getnameinfo {
  uv_getnameinfo_t uv;
  jint slot;
} uv4j_getnameinfo;

static void free_getaddrinfo(uv_req_t *req) {
  uv_freeaddrinfo(((uv_getaddrinfo_t *) req)->addrinfo);
  free(req);
}

static void free_getnameinfo(uv_req_t *req) {
  free(req);
}

static void getaddrinfo_cb(uv_getaddrinfo_t *uv, int status, struct addrinfo *res) {
  uv->addrinfo = res; /* read by dnsAddrInfoResults while the completion is delivered */
  uv4j_request_completion(uv->loop, (uv_req_t *) uv, ((uv4j_getaddrinfo *) uv)->slot, status,
                          free_getaddrinfo);
  uv4j_request_deliver(uv->loop);
}

static void getnameinfo_cb(uv_getnameinfo_t *uv, int status, const char *host,
                           const char *service) {
  uv4j_request_completion(uv->loop, (uv_req_t *) uv, ((uv4j_getnameinfo *) uv)->slot, status,
                          free_getnameinfo);
  uv4j_request_deliver(uv->loop);
}

/* Java strings as modified UTF-8 are fine for host names and services: both are ASCII or IDNA. */
static const char *chars_or_null(JNIEnv *env, jstring s) {
  return s == NULL ? NULL : (*env)->GetStringUTFChars(env, s, NULL);
}

static void release_chars(JNIEnv *env, jstring s, const char *chars) {
  if (chars != NULL) (*env)->ReleaseStringUTFChars(env, s, chars);
}

static void make_hints(struct addrinfo *hints, jint family, jint socktype, jint protocol,
                       jint flags) {
  memset(hints, 0, sizeof *hints);
  hints->ai_family = family;
  hints->ai_socktype = socktype;
  hints->ai_protocol = protocol;
  hints->ai_flags = flags;
}

/* Starts the lookup of the request under `slot`; 0 or an error. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_dnsGetAddrInfo(
    JNIEnv *env, jclass cls, jlong loop, jint slot, jstring node, jstring service,
    jint family, jint socktype, jint protocol, jint flags) {
  struct addrinfo hints;
  make_hints(&hints, family, socktype, protocol, flags);
  uv4j_loop *l = UV4J_PTR(uv4j_loop, loop);
  uv4j_getaddrinfo *req = calloc(1, sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  int rc = uv4j_request_start(l, (uv_req_t *) req, slot);
  if (rc < 0) {
    free(req);
    return rc;
  }
  const char *node_chars = chars_or_null(env, node);
  const char *service_chars = chars_or_null(env, service);
  if ((node != NULL && node_chars == NULL) || (service != NULL && service_chars == NULL)) {
    rc = UV_ENOMEM;
  } else {
    rc = uv_getaddrinfo(&l->uv, &req->uv, getaddrinfo_cb, node_chars, service_chars, &hints);
  }
  release_chars(env, node, node_chars);
  release_chars(env, service, service_chars);
  if (rc < 0) {
    uv4j_request_abandon(l, slot);
    free(req);
  }
  return rc;
}

/* The IPv4 and IPv6 addresses of a getaddrinfo answer, UV4J_SOCKADDR_LEN bytes each. */
static jbyteArray encode_addresses(JNIEnv *env, const struct addrinfo *first) {
  jsize count = 0;
  for (const struct addrinfo *ai = first; ai != NULL; ai = ai->ai_next) {
    if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6) count++;
  }
  jbyteArray out = (*env)->NewByteArray(env, count * UV4J_SOCKADDR_LEN);
  if (out == NULL) return NULL;
  jbyteArray one = (*env)->NewByteArray(env, UV4J_SOCKADDR_LEN);
  if (one == NULL) return NULL;
  jsize i = 0;
  for (const struct addrinfo *ai = first; ai != NULL; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
    jbyte encoded[UV4J_SOCKADDR_LEN];
    if (uv4j_sockaddr_to_java(env, ai->ai_addr, one) < 0) return NULL;
    (*env)->GetByteArrayRegion(env, one, 0, UV4J_SOCKADDR_LEN, encoded);
    (*env)->SetByteArrayRegion(env, out, i++ * UV4J_SOCKADDR_LEN, UV4J_SOCKADDR_LEN, encoded);
    if ((*env)->ExceptionCheck(env)) return NULL;
  }
  (*env)->DeleteLocalRef(env, one);
  return out;
}

/* The resolved addresses, each UV4J_SOCKADDR_LEN bytes, of a getaddrinfo request while its
 * completion is delivered (the completion record names it). */
JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_dnsAddrInfoResults(JNIEnv *env,
                                                                             jclass cls,
                                                                             jlong ptr) {
  return encode_addresses(env, UV4J_PTR(uv_getaddrinfo_t, ptr)->addrinfo);
}

/* Starts the lookup of the request under `slot`; 0 or an error. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_dnsGetNameInfo(JNIEnv *env, jclass cls,
                                                                   jlong loop, jint slot,
                                                                   jbyteArray address,
                                                                   jint flags) {
  struct sockaddr_storage addr;
  int rc = uv4j_sockaddr_from_java(env, address, &addr);
  if (rc < 0) return rc;
  uv4j_loop *l = UV4J_PTR(uv4j_loop, loop);
  uv4j_getnameinfo *req = calloc(1, sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  rc = uv4j_request_start(l, (uv_req_t *) req, slot);
  if (rc == 0) {
    rc = uv_getnameinfo(&l->uv, &req->uv, getnameinfo_cb, (const struct sockaddr *) &addr, flags);
    if (rc < 0) uv4j_request_abandon(l, slot);
  }
  if (rc < 0) free(req);
  return rc;
}

/* {host, service} of a getnameinfo answer. */
static jobjectArray encode_names(JNIEnv *env, const uv_getnameinfo_t *req) {
  jobjectArray out = (*env)->NewObjectArray(env, 2, uv4j_string_class, NULL);
  if (out == NULL) return NULL;
  const char *parts[2] = {req->host, req->service};
  for (jsize i = 0; i < 2; i++) {
    jstring s = (*env)->NewStringUTF(env, parts[i]);
    if (s == NULL) return NULL;
    (*env)->SetObjectArrayElement(env, out, i, s);
    (*env)->DeleteLocalRef(env, s);
  }
  return out;
}

/* {host, service} of a getnameinfo request while its completion is delivered (the completion
 * record names it). */
JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_dnsNameInfoResults(JNIEnv *env,
                                                                               jclass cls,
                                                                               jlong ptr) {
  return encode_names(env, UV4J_PTR(uv_getnameinfo_t, ptr));
}

/* libuv's synchronous mode (no callback) still counts the request on a loop, which is not
 * thread-safe: each call gets a loop of its own, so that any thread may make one. */
JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_dnsGetAddrInfoSync(
    JNIEnv *env, jclass cls, jstring node, jstring service, jint family, jint socktype,
    jint protocol, jint flags, jintArray status) {
  struct addrinfo hints;
  make_hints(&hints, family, socktype, protocol, flags);
  uv_loop_t loop;
  jint rc = uv_loop_init(&loop);
  if (rc < 0) {
    (*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
    return NULL;
  }
  const char *node_chars = chars_or_null(env, node);
  const char *service_chars = chars_or_null(env, service);
  uv_getaddrinfo_t req;
  if ((node != NULL && node_chars == NULL) || (service != NULL && service_chars == NULL)) {
    rc = UV_ENOMEM;
  } else {
    rc = uv_getaddrinfo(&loop, &req, NULL, node_chars, service_chars, &hints);
  }
  release_chars(env, node, node_chars);
  release_chars(env, service, service_chars);
  jbyteArray out = NULL;
  if (rc == 0) {
    out = encode_addresses(env, req.addrinfo);
    uv_freeaddrinfo(req.addrinfo);
  }
  uv_loop_close(&loop);
  if (rc < 0) (*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
  return out;
}

JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_dnsGetNameInfoSync(
    JNIEnv *env, jclass cls, jbyteArray address, jint flags, jintArray status) {
  struct sockaddr_storage addr;
  jint rc = uv4j_sockaddr_from_java(env, address, &addr);
  uv_loop_t loop;
  if (rc == 0) rc = uv_loop_init(&loop);
  if (rc < 0) {
    (*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
    return NULL;
  }
  uv_getnameinfo_t req;
  rc = uv_getnameinfo(&loop, &req, NULL, (const struct sockaddr *) &addr, flags);
  jobjectArray out = rc == 0 ? encode_names(env, &req) : NULL;
  uv_loop_close(&loop);
  if (rc < 0) (*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
  return out;
}
