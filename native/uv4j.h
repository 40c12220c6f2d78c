/*
 * uv4j's C shim: shared declarations.
 *
 * Every handle is one malloc'd libuv struct whose `data` holds a JNI global
 * reference to its Java peer (an io.uv4j.Peer). Every libuv callback becomes
 * one upcall, io.uv4j.Loop.upcall(peer, event, arg), made by uv4j_upcall().
 * The shim keeps no policy: Java decides what an event means.
 */
#ifndef UV4J_H
#define UV4J_H

#include <jni.h>
#include <stdint.h>
#include <uv.h>

/* Event kinds passed to the Java funnel; io.uv4j.Peer mirrors them. */
enum {
  UV4J_EVENT_CLOSED = 0, /* close callback ran; arg unused            */
  UV4J_EVENT_FIRED = 1   /* timer/idle/prepare/check/async callback ran */
};

/* A loop: the libuv loop first, so a uv_loop_t* is also a uv4j_loop*. */
typedef struct uv4j_loop {
  uv_loop_t uv;
  JNIEnv *env;         /* env of the thread inside loopRun, for upcalls */
  jthrowable escaped;  /* global ref: a throwable that got past the funnel */
} uv4j_loop;

extern JavaVM *uv4j_vm;
extern jclass uv4j_object_class;
extern jclass uv4j_string_class;

#define UV4J_PTR(type, jptr) ((type *) (intptr_t) (jptr))
#define UV4J_JPTR(ptr) ((jlong) (intptr_t) (ptr))

/* Delivers one event to the Java peer; a throwable that escapes the funnel
 * is kept on the loop, which is stopped, and rethrown when loopRun returns. */
void uv4j_upcall(uv_loop_t *loop, jobject peer, jint event, jlong arg);

/* Allocates a handle of `size` bytes whose data is a new global ref to peer.
 * Returns NULL (with no exception pending) when memory runs out. */
uv_handle_t *uv4j_handle_alloc(JNIEnv *env, size_t size, jobject peer);

/* Undoes uv4j_handle_alloc for a handle whose init failed. */
void uv4j_handle_free(JNIEnv *env, uv_handle_t *handle);

/* The callback shared by every handle kind that just "fires". */
void uv4j_fired_cb(uv_handle_t *handle);

#endif
