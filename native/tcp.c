/* uv_tcp_t */
#include <stdlib.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define TCP(ptr) UV4J_PTR(uv_tcp_t, ptr)

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_tcpNew(JNIEnv *env, jclass cls, jlong loop,
                                                            jobject peer, jint family) {
  uv4j_stream *tcp = (uv4j_stream *) uv4j_handle_alloc(env, sizeof *tcp, peer);
  if (tcp == NULL) return UV_ENOMEM;
  int rc = uv_tcp_init_ex(&UV4J_PTR(uv4j_loop, loop)->uv, &tcp->uv.tcp, (unsigned int) family);
  return uv4j_handle_initialized(env, (uv_handle_t *) tcp, rc);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpOpen(JNIEnv *env, jclass cls, jlong ptr,
                                                            jint sock) {
  return uv_tcp_open(TCP(ptr), (uv_os_sock_t) sock);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpBind(JNIEnv *env, jclass cls, jlong ptr,
                                                            jbyteArray address, jint flags) {
  struct sockaddr_storage addr;
  int rc = uv4j_sockaddr_from_java(env, address, &addr);
  if (rc < 0) return rc;
  return uv_tcp_bind(TCP(ptr), (const struct sockaddr *) &addr, (unsigned int) flags);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpConnect(JNIEnv *env, jclass cls, jlong ptr,
                                                               jint slot, jbyteArray address) {
  struct sockaddr_storage addr;
  int rc = uv4j_sockaddr_from_java(env, address, &addr);
  if (rc < 0) return rc;
  uv4j_loop *loop = (uv4j_loop *) TCP(ptr)->loop;
  uv4j_connect *req = malloc(sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  rc = uv4j_request_start(loop, (uv_req_t *) req, slot);
  if (rc == 0) {
    rc = uv_tcp_connect(&req->uv, TCP(ptr), (const struct sockaddr *) &addr, uv4j_connect_cb);
    if (rc < 0) uv4j_request_abandon(loop, slot);
  }
  if (rc < 0) free(req);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpNoDelay(JNIEnv *env, jclass cls, jlong ptr,
                                                               jboolean enable) {
  return uv_tcp_nodelay(TCP(ptr), enable ? 1 : 0);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpKeepAlive(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jboolean enable,
                                                                 jint delay) {
  return uv_tcp_keepalive(TCP(ptr), enable ? 1 : 0, (unsigned int) delay);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpSimultaneousAccepts(JNIEnv *env,
                                                                           jclass cls, jlong ptr,
                                                                           jboolean enable) {
  return uv_tcp_simultaneous_accepts(TCP(ptr), enable ? 1 : 0);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpSockName(JNIEnv *env, jclass cls,
                                                                jlong ptr, jbyteArray out) {
  struct sockaddr_storage addr;
  int len = sizeof addr;
  int rc = uv_tcp_getsockname(TCP(ptr), (struct sockaddr *) &addr, &len);
  if (rc < 0) return rc;
  return uv4j_sockaddr_to_java(env, (struct sockaddr *) &addr, out);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpPeerName(JNIEnv *env, jclass cls,
                                                                jlong ptr, jbyteArray out) {
  struct sockaddr_storage addr;
  int len = sizeof addr;
  int rc = uv_tcp_getpeername(TCP(ptr), (struct sockaddr *) &addr, &len);
  if (rc < 0) return rc;
  return uv4j_sockaddr_to_java(env, (struct sockaddr *) &addr, out);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_tcpCloseReset(JNIEnv *env, jclass cls,
                                                                  jlong ptr) {
  return uv_tcp_close_reset(TCP(ptr), uv4j_close_cb);
}
