/* Socket addresses and direct buffers as they cross JNI. */
#include <string.h>
#include "uv4j.h"

int uv4j_sockaddr_from_java(JNIEnv *env, jbyteArray encoded, struct sockaddr_storage *out) {
  jbyte raw[UV4J_SOCKADDR_LEN];
  (*env)->GetByteArrayRegion(env, encoded, 0, UV4J_SOCKADDR_LEN, raw);
  if ((*env)->ExceptionCheck(env)) return UV_EINVAL;
  unsigned char *b = (unsigned char *) raw;
  unsigned short port = (unsigned short) ((b[2] << 8) | b[3]);
  memset(out, 0, sizeof *out);
  if (b[0] == 4) {
    struct sockaddr_in *in = (struct sockaddr_in *) out;
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    memcpy(&in->sin_addr, b + 8, 4);
    return 0;
  }
  if (b[0] == 6) {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) out;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    in6->sin6_scope_id = ((uint32_t) b[4] << 24) | ((uint32_t) b[5] << 16) |
                         ((uint32_t) b[6] << 8) | b[7];
    memcpy(&in6->sin6_addr, b + 8, 16);
    return 0;
  }
  return UV_EAFNOSUPPORT;
}

int uv4j_sockaddr_to_java(JNIEnv *env, const struct sockaddr *addr, jbyteArray out) {
  unsigned char b[UV4J_SOCKADDR_LEN];
  memset(b, 0, sizeof b);
  if (addr->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *) addr;
    unsigned short port = ntohs(in->sin_port);
    b[0] = 4;
    b[2] = (unsigned char) (port >> 8);
    b[3] = (unsigned char) port;
    memcpy(b + 8, &in->sin_addr, 4);
  } else if (addr->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) addr;
    unsigned short port = ntohs(in6->sin6_port);
    uint32_t scope = in6->sin6_scope_id;
    b[0] = 6;
    b[2] = (unsigned char) (port >> 8);
    b[3] = (unsigned char) port;
    b[4] = (unsigned char) (scope >> 24);
    b[5] = (unsigned char) (scope >> 16);
    b[6] = (unsigned char) (scope >> 8);
    b[7] = (unsigned char) scope;
    memcpy(b + 8, &in6->sin6_addr, 16);
  } else {
    return UV_EAFNOSUPPORT;
  }
  (*env)->SetByteArrayRegion(env, out, 0, UV4J_SOCKADDR_LEN, (const jbyte *) b);
  return (*env)->ExceptionCheck(env) ? UV_EINVAL : 0;
}

char *uv4j_buffer_address(JNIEnv *env, jobject buffer, jint offset) {
  char *base = (*env)->GetDirectBufferAddress(env, buffer);
  if (base == NULL) return NULL;
  return base + offset;
}
