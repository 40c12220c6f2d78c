/* uv_udp_t */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

/* A UDP handle with the buffer Java chose for its next receive (NULL: the loop's slab), the buffer
 * libuv last took (one recvmmsg fills several datagrams into it), and the sender, flags and place
 * in that buffer of the datagram being delivered. */
typedef struct uv4j_udp {
  uv_udp_t uv;
  char *read_base;
  size_t read_len;
  char *batch_base;
  struct sockaddr_storage sender;
  int has_sender;
  unsigned flags;
  size_t offset;
} uv4j_udp;

typedef struct uv4j_send {
  uv_udp_send_t uv;
  jint slot;
  char *owned;
} uv4j_send;

#define UDP(ptr) UV4J_PTR(uv_udp_t, ptr)

static void alloc_cb(uv_handle_t *handle, size_t suggested, uv_buf_t *buf) {
  uv4j_udp *udp = (uv4j_udp *) handle;
  if (udp->read_base != NULL) {
    *buf = uv_buf_init(udp->read_base, (unsigned int) udp->read_len);
  } else {
    uv4j_loop *loop = (uv4j_loop *) handle->loop;
    *buf = uv_buf_init(loop->slab, (unsigned int) loop->slab_len);
  }
  udp->batch_base = buf->base;
}

static void recv_cb(uv_udp_t *handle, ssize_t nread, const uv_buf_t *buf,
                    const struct sockaddr *addr, unsigned flags) {
  uv4j_udp *udp = (uv4j_udp *) handle;
  /* nothing to read, or the end of a recvmmsg batch, which Java hears of to supply a new buffer */
  if (nread == 0 && addr == NULL && !(flags & UV_UDP_MMSG_FREE)) return;
  udp->offset = buf->base != NULL && udp->batch_base != NULL ? (size_t) (buf->base - udp->batch_base) : 0;
  udp->has_sender = addr != NULL;
  if (addr != NULL) {
    memcpy(&udp->sender, addr,
           addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
  }
  udp->flags = flags;
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_READ, (jlong) nread);
}

static void free_send(uv_req_t *req) {
  free(((uv4j_send *) req)->owned);
  free(req);
}

static void send_cb(uv_udp_send_t *req, int status) {
  uv4j_status_request_done((uv_req_t *) req, req->handle->loop, ((uv4j_send *) req)->slot, status,
                           free_send);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_udpNew(JNIEnv *env, jclass cls, jlong loop,
                                                            jobject peer, jint family,
                                                            jboolean recvmmsg) {
  uv4j_udp *udp = (uv4j_udp *) uv4j_handle_alloc(env, sizeof *udp, peer);
  if (udp == NULL) return UV_ENOMEM;
  unsigned int flags = (unsigned int) family;
  if (recvmmsg) flags |= UV_UDP_RECVMMSG;
  int rc = uv_udp_init_ex(&UV4J_PTR(uv4j_loop, loop)->uv, &udp->uv, flags);
  return uv4j_handle_initialized(env, (uv_handle_t *) udp, rc);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpOpen(JNIEnv *env, jclass cls, jlong ptr,
                                                            jint sock) {
  return uv_udp_open(UDP(ptr), (uv_os_sock_t) sock);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_udpSetReadBuffer(JNIEnv *env, jclass cls,
                                                                     jlong ptr, jobject buffer,
                                                                     jint offset, jint length) {
  uv4j_udp *udp = UV4J_PTR(uv4j_udp, ptr);
  udp->read_base = buffer == NULL ? NULL : uv4j_buffer_address(env, buffer, offset);
  udp->read_len = (size_t) length;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpBind(JNIEnv *env, jclass cls, jlong ptr,
                                                            jbyteArray address, jint flags) {
  struct sockaddr_storage addr;
  int rc = uv4j_sockaddr_from_java(env, address, &addr);
  if (rc < 0) return rc;
  return uv_udp_bind(UDP(ptr), (const struct sockaddr *) &addr, (unsigned int) flags);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpConnect(JNIEnv *env, jclass cls, jlong ptr,
                                                               jbyteArray address) {
  if (address == NULL) return uv_udp_connect(UDP(ptr), NULL);
  struct sockaddr_storage addr;
  int rc = uv4j_sockaddr_from_java(env, address, &addr);
  if (rc < 0) return rc;
  return uv_udp_connect(UDP(ptr), (const struct sockaddr *) &addr);
}

/* Sends from a direct buffer (owned == NULL) or from a malloc'd copy the request frees. */
static jint send_buf(JNIEnv *env, uv_udp_t *udp, jint slot, char *base, size_t len,
                     jbyteArray address, char *owned) {
  struct sockaddr_storage addr;
  const struct sockaddr *to = NULL;
  if (address != NULL) {
    int rc = uv4j_sockaddr_from_java(env, address, &addr);
    if (rc < 0) {
      free(owned);
      return rc;
    }
    to = (const struct sockaddr *) &addr;
  }
  uv4j_loop *loop = (uv4j_loop *) udp->loop;
  uv4j_send *req = malloc(sizeof *req);
  int rc = req == NULL ? UV_ENOMEM : uv4j_request_start(loop, (uv_req_t *) req, slot);
  if (rc < 0) {
    free(req);
    free(owned);
    return rc;
  }
  req->slot = slot;
  req->owned = owned;
  uv_buf_t buf = uv_buf_init(base, (unsigned int) len);
  rc = uv_udp_send(&req->uv, udp, &buf, 1, to, send_cb);
  if (rc < 0) {
    uv4j_request_abandon(loop, slot);
    free_send((uv_req_t *) req);
  }
  return rc;
}

/* A direct buffer in the loop's read slab is copied: the next read overwrites the slab. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpSend(JNIEnv *env, jclass cls, jlong ptr,
                                                            jint slot, jobject buffer,
                                                            jint offset, jint length,
                                                            jbyteArray address) {
  char *base = uv4j_buffer_address(env, buffer, offset);
  uv4j_loop *loop = (uv4j_loop *) UDP(ptr)->loop;
  char *owned = NULL;
  if (base >= loop->slab && base < loop->slab + loop->slab_len) {
    owned = malloc(length > 0 ? (size_t) length : 1);
    if (owned == NULL) return UV_ENOMEM;
    memcpy(owned, base, (size_t) length);
    base = owned;
  }
  return send_buf(env, UDP(ptr), slot, base, (size_t) length, address, owned);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpSendArray(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jint slot,
                                                                 jbyteArray array, jint offset,
                                                                 jint length,
                                                                 jbyteArray address) {
  char *copy = malloc(length > 0 ? (size_t) length : 1);
  if (copy == NULL) return UV_ENOMEM;
  (*env)->GetByteArrayRegion(env, array, offset, length, (jbyte *) copy);
  if ((*env)->ExceptionCheck(env)) {
    free(copy);
    return UV_EINVAL;
  }
  return send_buf(env, UDP(ptr), slot, copy, (size_t) length, address, copy);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpTrySend(JNIEnv *env, jclass cls,
                                                               jlong ptr, jobject buffer,
                                                               jint offset, jint length,
                                                               jbyteArray address) {
  struct sockaddr_storage addr;
  const struct sockaddr *to = NULL;
  if (address != NULL) {
    int rc = uv4j_sockaddr_from_java(env, address, &addr);
    if (rc < 0) return rc;
    to = (const struct sockaddr *) &addr;
  }
  uv_buf_t buf = uv_buf_init(uv4j_buffer_address(env, buffer, offset), (unsigned int) length);
  return uv_udp_try_send(UDP(ptr), &buf, 1, to);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpRecvStart(JNIEnv *env, jclass cls,
                                                                 jlong ptr) {
  return uv_udp_recv_start(UDP(ptr), alloc_cb, recv_cb);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpRecvStop(JNIEnv *env, jclass cls,
                                                                jlong ptr) {
  return uv_udp_recv_stop(UDP(ptr));
}

/* During a receive: the sender into out (returns 0), or 1 when there is none; info gets the flags
 * and the datagram's offset in the buffer of its receive. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpLastSender(JNIEnv *env, jclass cls,
                                                                  jlong ptr, jbyteArray out,
                                                                  jintArray info) {
  uv4j_udp *udp = UV4J_PTR(uv4j_udp, ptr);
  jint values[2] = {(jint) udp->flags, (jint) udp->offset};
  (*env)->SetIntArrayRegion(env, info, 0, 2, values);
  if (!udp->has_sender) return 1;
  return uv4j_sockaddr_to_java(env, (const struct sockaddr *) &udp->sender, out);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpSockName(JNIEnv *env, jclass cls,
                                                                jlong ptr, jbyteArray out,
                                                                jboolean peer) {
  struct sockaddr_storage addr;
  int len = sizeof addr;
  int rc = peer ? uv_udp_getpeername(UDP(ptr), (struct sockaddr *) &addr, &len)
                : uv_udp_getsockname(UDP(ptr), (struct sockaddr *) &addr, &len);
  if (rc < 0) return rc;
  return uv4j_sockaddr_to_java(env, (struct sockaddr *) &addr, out);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpSetMembership(JNIEnv *env, jclass cls,
                                                                     jlong ptr, jstring group,
                                                                     jstring iface, jstring source,
                                                                     jboolean join) {
  const char *g = (*env)->GetStringUTFChars(env, group, NULL);
  const char *i = iface == NULL ? NULL : (*env)->GetStringUTFChars(env, iface, NULL);
  const char *s = source == NULL ? NULL : (*env)->GetStringUTFChars(env, source, NULL);
  int rc;
  if (g == NULL || (iface != NULL && i == NULL) || (source != NULL && s == NULL)) {
    rc = UV_ENOMEM;
  } else if (s != NULL) {
    rc = uv_udp_set_source_membership(UDP(ptr), g, i, s, join ? UV_JOIN_GROUP : UV_LEAVE_GROUP);
  } else {
    rc = uv_udp_set_membership(UDP(ptr), g, i, join ? UV_JOIN_GROUP : UV_LEAVE_GROUP);
  }
  if (g != NULL) (*env)->ReleaseStringUTFChars(env, group, g);
  if (i != NULL) (*env)->ReleaseStringUTFChars(env, iface, i);
  if (s != NULL) (*env)->ReleaseStringUTFChars(env, source, s);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpSetMulticastInterface(JNIEnv *env,
                                                                             jclass cls,
                                                                             jlong ptr,
                                                                             jstring iface) {
  const char *i = (*env)->GetStringUTFChars(env, iface, NULL);
  if (i == NULL) return UV_ENOMEM;
  int rc = uv_udp_set_multicast_interface(UDP(ptr), i);
  (*env)->ReleaseStringUTFChars(env, iface, i);
  return rc;
}

/* option: one of UV4J_UDP_MULTICAST_LOOP, _MULTICAST_TTL, _BROADCAST, _TTL */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpSetOption(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jint option,
                                                                 jint value) {
  switch (option) {
    case UV4J_UDP_MULTICAST_LOOP: return uv_udp_set_multicast_loop(UDP(ptr), value);
    case UV4J_UDP_MULTICAST_TTL: return uv_udp_set_multicast_ttl(UDP(ptr), value);
    case UV4J_UDP_BROADCAST: return uv_udp_set_broadcast(UDP(ptr), value);
    case UV4J_UDP_TTL: return uv_udp_set_ttl(UDP(ptr), value);
    default: return UV_EINVAL;
  }
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_udpUsingRecvmmsg(JNIEnv *env, jclass cls,
                                                                         jlong ptr) {
  return uv_udp_using_recvmmsg(UDP(ptr)) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_udpSendQueueSize(JNIEnv *env, jclass cls,
                                                                      jlong ptr) {
  return (jlong) uv_udp_get_send_queue_size(UDP(ptr));
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_udpSendQueueCount(JNIEnv *env, jclass cls,
                                                                       jlong ptr) {
  return (jlong) uv_udp_get_send_queue_count(UDP(ptr));
}

/* One datagram of a uv_udp_try_send2 call: its one buffer, and where it goes. */
typedef struct uv4j_datagram {
  uv_buf_t buf;
  struct sockaddr_storage addr;
} uv4j_datagram;

/* Sends `count` datagrams, each from one direct buffer, in as few system calls as the platform
 * allows. `addresses` is null (all to the connected peer) or one encoded address per datagram.
 * Returns how many went out, or the error of the first. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_udpTrySendMany(JNIEnv *env, jclass cls,
                                                                   jlong ptr,
                                                                   jobjectArray buffers,
                                                                   jintArray offsets,
                                                                   jintArray lengths,
                                                                   jobjectArray addresses,
                                                                   jint count) {
  if (count <= 0) return UV_EINVAL;
  size_t n = (size_t) count;
  uv4j_datagram *datagrams = malloc(n * sizeof *datagrams);
  uv_buf_t **bufs = malloc(n * sizeof *bufs);
  unsigned int *nbufs = malloc(n * sizeof *nbufs);
  struct sockaddr **addrs = malloc(n * sizeof *addrs);
  jint *ranges = malloc(2 * n * sizeof *ranges); /* the offsets, then the lengths */
  int rc = 0;
  if (datagrams == NULL || bufs == NULL || nbufs == NULL || addrs == NULL || ranges == NULL) {
    rc = UV_ENOMEM;
    goto done;
  }
  (*env)->GetIntArrayRegion(env, offsets, 0, count, ranges);
  (*env)->GetIntArrayRegion(env, lengths, 0, count, ranges + n);
  if ((*env)->ExceptionCheck(env)) {
    rc = UV_EINVAL;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    jobject buffer = (*env)->GetObjectArrayElement(env, buffers, (jsize) i);
    if (buffer == NULL) {
      rc = UV_EINVAL;
      goto done;
    }
    char *base = uv4j_buffer_address(env, buffer, ranges[i]);
    (*env)->DeleteLocalRef(env, buffer);
    if (base == NULL) {
      rc = UV_EINVAL;
      goto done;
    }
    datagrams[i].buf = uv_buf_init(base, (unsigned int) ranges[n + i]);
    bufs[i] = &datagrams[i].buf;
    nbufs[i] = 1;
    addrs[i] = NULL;
    if (addresses != NULL) {
      jbyteArray address = (*env)->GetObjectArrayElement(env, addresses, (jsize) i);
      if (address == NULL) {
        rc = UV_EINVAL;
        goto done;
      }
      rc = uv4j_sockaddr_from_java(env, address, &datagrams[i].addr);
      (*env)->DeleteLocalRef(env, address);
      if (rc < 0) goto done;
      addrs[i] = (struct sockaddr *) &datagrams[i].addr;
    }
  }
  rc = uv_udp_try_send2(UDP(ptr), (unsigned int) count, bufs, nbufs, addrs, 0);
done:
  free(datagrams);
  free(bufs);
  free(nbufs);
  free(addrs);
  free(ranges);
  return rc;
}
