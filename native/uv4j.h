/*
 * uv4j's C shim: shared declarations.
 *
 * Every handle is one malloc'd libuv struct whose `data` holds a JNI global
 * reference to its Java peer (an io.uv4j.Peer). Every libuv callback becomes
 * one upcall, io.uv4j.Loop.upcall(peer, event, arg), made by uv4j_upcall(),
 * but request completions: requests hold no reference to Java, which names each
 * by a slot, and their completions reach the loop's io.uv4j.RequestTable, one or
 * a burst of them per upcall (uv4j_request_start).
 * The shim keeps no policy: Java decides what an event means.
 */
#ifndef UV4J_H
#define UV4J_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

/* Event kinds passed to the Java funnel; Java reads them from the constant table (misc.c). */
enum {
  UV4J_EVENT_CLOSED = 0,     /* close callback ran; arg unused                 */
  UV4J_EVENT_FIRED = 1,      /* timer/idle/prepare/check/async callback ran    */
  UV4J_EVENT_READ = 2,       /* read callback; arg = nread (negative: error)   */
  UV4J_EVENT_CONNECTION = 3, /* a listening stream has a connection; arg = status */
  UV4J_EVENT_DONE = 4,       /* a request completed; arg = status or result    */
  UV4J_EVENT_WRITTEN = 5     /* a stream's oldest queued write completed; arg = status */
};

/* uv_stat_t as UV4J_STAT_LONGS longs: dev mode nlink uid gid rdev ino size blksize blocks flags
 * gen, then atime, mtime, ctime, birthtime as (seconds, nanoseconds) pairs. */
#define UV4J_STAT_LONGS 20
void uv4j_stat_to_longs(const uv_stat_t *s, jlong *v);

/* One completion as Java reads it from its loop's completion buffer, a direct ByteBuffer in the
 * platform's byte order: the offsets and the size are exported to Java (misc.c). */
typedef struct uv4j_completion {
  jint slot;                   /* the request's slot in the Java request table */
  jlong result;                /* its status or result */
  jlong request;               /* the native request, readable through JNI while it is delivered */
  jlong stat[UV4J_STAT_LONGS]; /* a stat result, as uv4j_stat_to_longs writes it */
} uv4j_completion;

/* The completion buffer's layout, as Java reads it. */
#define UV4J_COMPLETION_SLOT ((int) offsetof(uv4j_completion, slot))
#define UV4J_COMPLETION_RESULT ((int) offsetof(uv4j_completion, result))
#define UV4J_COMPLETION_REQUEST ((int) offsetof(uv4j_completion, request))
#define UV4J_COMPLETION_STAT ((int) offsetof(uv4j_completion, stat))
#define UV4J_COMPLETION_SIZE ((int) sizeof(uv4j_completion))
/* How many completions one delivery carries at most; a longer burst takes several. */
#define UV4J_COMPLETIONS_MAX 64

typedef void (*uv4j_request_release)(uv_req_t *req);

/* A loop's requests that Java names by slot, and the completions waiting for one upcall. */
typedef struct uv4j_request_table {
  jobject java;                /* global ref: the loop's io.uv4j.RequestTable */
  uv4j_completion *completions; /* the Java table's completion buffer */
  uv_req_t **by_slot;          /* the request started under each slot, NULL once it completed */
  uint32_t slot_count;
  uint32_t pending;            /* completions written and not yet delivered */
  uv_req_t *pending_req[UV4J_COMPLETIONS_MAX];
  uv4j_request_release pending_release[UV4J_COMPLETIONS_MAX];
  int in_burst;                /* inside libuv's callback that runs finished pool work */
  uv_async_cb pool_done;       /* that callback, which the loop's wq_async runs through ours */
} uv4j_request_table;

/* A loop: the libuv loop first, so a uv_loop_t* is also a uv4j_loop*. */
typedef struct uv4j_loop {
  uv_loop_t uv;
  JNIEnv *env;         /* env of the thread inside loopRun, for upcalls */
  jthrowable escaped;  /* global ref: a throwable that got past the funnel */
  char *slab;          /* the loop's read buffer, a Java direct ByteBuffer every read    */
  size_t slab_len;     /* without a buffer of its own fills from the start               */
  uv4j_request_table requests; /* requests Java names by slot (see uv4j_request_start) */
} uv4j_loop;

/* A stream handle with the buffer Java chose for its next read (NULL: the loop's slab). libuv
 * reads a handle passed over an IPC pipe when the write that passes it goes out, so a stream
 * that pending writes pass stays allocated past its close callback: the last of them frees it. */
typedef struct uv4j_stream {
  union {
    uv_stream_t stream;
    uv_tcp_t tcp;
    uv_pipe_t pipe;
    uv_tty_t tty;
  } uv;
  char *read_base;
  size_t read_len;
  unsigned int passing_writes; /* pending writes that pass this handle */
  int closed;                  /* its close callback ran */
} uv4j_stream;

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

/* The close callback of every handle: upcall, then free unless uv4j_stream_outlives_close. */
void uv4j_close_cb(uv_handle_t *handle);

/* Whether a handle whose close callback is running must stay allocated because pending writes
 * still pass it; the last of those writes then frees it. */
int uv4j_stream_outlives_close(uv_handle_t *handle);

/* The callback shared by every handle kind that just "fires". */
void uv4j_fired_cb(uv_handle_t *handle);

/* Requests of every kind: Java keeps the request object in its loop's table
 * (io.uv4j.RequestTable) under a slot, and C knows the request by that slot only (no global
 * reference).
 *
 * uv4j_request_start records a request under the slot Java gave it, for uv_cancel (0, or
 * UV_ENOMEM); a request that then fails to start is forgotten with uv4j_request_abandon. When it
 * completes, uv4j_request_completion forgets it (so that a cancel by its slot finds nothing) and
 * returns its record in the completion buffer, in which the caller may put small results, and
 * uv4j_request_deliver hands the record to Java: at once, or, for completions of libuv's pool,
 * with the rest of the burst in one upcall. `release` frees the request once Java has seen its
 * completion, so results read through JNI (record's `request`) stay valid until then. */
int uv4j_request_start(uv4j_loop *loop, uv_req_t *req, jint slot);
void uv4j_request_abandon(uv4j_loop *loop, jint slot);
uv4j_completion *uv4j_request_completion(uv_loop_t *loop, uv_req_t *req, jint slot, jlong result,
                                         uv4j_request_release release);
void uv4j_request_deliver(uv_loop_t *loop);

/* Makes a new loop deliver each burst of pool completions in one upcall. */
void uv4j_request_table_init(uv4j_loop *loop);
/* Frees what uv4j_request_table_init and the Java table's registration made. */
void uv4j_request_table_free(JNIEnv *env, uv4j_loop *loop);
/* Delivers the completions written so far, if any (before any other upcall, to keep order). */
void uv4j_request_flush(uv4j_loop *loop);

/* Calls the Java table: completed(count) on the loop thread, runOnPool(slot) on a pool thread. */
void uv4j_completions_call(uv4j_loop *loop, jint count);
void uv4j_pool_run(JNIEnv *env, jobject table, jint slot);

/* Socket addresses cross JNI as a byte[UV4J_SOCKADDR_LEN]: [0] family (4 or 6), [2..3] port
 * (big endian), [4..7] IPv6 scope id, [8..23] address (4 or 16 bytes). */
#define UV4J_SOCKADDR_LEN 24
int uv4j_sockaddr_from_java(JNIEnv *env, jbyteArray encoded, struct sockaddr_storage *out);
int uv4j_sockaddr_to_java(JNIEnv *env, const struct sockaddr *addr, jbyteArray out);

/* The descriptors libuv keeps for `loop`, as an int[] with -1 for each it has none of; NULL
 * with an exception pending when out of memory. */
jintArray uv4j_loop_descriptors(JNIEnv *env, uv_loop_t *loop);

/* The address of a direct buffer plus offset; NULL if the buffer is not direct (Java only
 * passes direct buffers). */
char *uv4j_buffer_address(JNIEnv *env, jobject buffer, jint offset);

/* uv_statfs_t as UV4J_STATFS_LONGS longs: type bsize blocks bfree bavail files ffree. */
#define UV4J_STATFS_LONGS 7

/* uv_metrics_t as UV4J_LOOP_METRICS_LONGS longs: loop_count events events_waiting. */
#define UV4J_LOOP_METRICS_LONGS 3

/* A named number of a table exported to Java as a String[] of names and an int[] of values in
 * the same order (errors, signals, the shared constants); NULL with an exception pending when
 * out of memory. */
typedef struct uv4j_named_value {
  const char *name;
  int value;
} uv4j_named_value;
#define UV4J_COUNT_OF(table) ((jsize) (sizeof(table) / sizeof((table)[0])))
jobjectArray uv4j_names_to_java(JNIEnv *env, const uv4j_named_value *table, jsize count);
jintArray uv4j_values_to_java(JNIEnv *env, const uv4j_named_value *table, jsize count);

/* The largest datagram each recvmmsg slot holds: libuv's private UV__UDP_DGRAM_MAXSIZE. */
#define UV4J_UDP_DGRAM_MAXSIZE (64 * 1024)

/* The socket options udpSetOption sets. */
enum {
  UV4J_UDP_MULTICAST_LOOP,
  UV4J_UDP_MULTICAST_TTL,
  UV4J_UDP_BROADCAST,
  UV4J_UDP_TTL
};

/* What signalDisposition reports the process does on a signal. */
enum {
  UV4J_SIGNAL_DEFAULT,
  UV4J_SIGNAL_IGNORED,
  UV4J_SIGNAL_HANDLED
};

/* A NUL-terminated copy of a byte[] from Java, which has checked it holds no NUL: in `small` when
 * it fits in small_size bytes (small may be NULL, small_size 0), else malloc'd; NULL when memory
 * runs out. uv4j_c_string_free(chars, small) releases it (free(), where small is NULL). */
char *uv4j_c_string(JNIEnv *env, jbyteArray bytes, char *small, size_t small_size);
void uv4j_c_string_free(char *chars, const char *small);

/* A new byte[] of `length` bytes of `chars`, or of the C string `chars`; NULL for a NULL
 * `chars`, or with an exception pending when out of memory. */
jbyteArray uv4j_bytes_of(JNIEnv *env, const char *chars, size_t length);
jbyteArray uv4j_string_bytes(JNIEnv *env, const char *chars);

/* One of libuv's calls that copy a string into a caller's buffer of *size bytes, setting *size
 * to its length, or answering UV_ENOBUFS; `source` is what it reads from (a handle, a name). */
typedef int (*uv4j_string_getter)(const void *source, char *buffer, size_t *size);

/* Calls `get` with a buffer grown until the string fits and stores the string in *out as a
 * byte[]: 0, the getter's error, or UV_ENOMEM (an exception may then be pending). */
int uv4j_get_string(JNIEnv *env, uv4j_string_getter get, const void *source, jbyteArray *out);

/* The handle, as a jlong for Java, that uv4j_handle_alloc made and libuv's init then answered
 * `rc` for; when init failed, the handle is freed and `rc` returned instead. */
jlong uv4j_handle_initialized(JNIEnv *env, uv_handle_t *handle, int rc);

/* Defines the entry point Native.name(long loop, Peer peer) of a handle kind: a new `type`
 * (a libuv handle struct, or a struct of the shim's that starts with one) which `init`, an
 * expression of `uv` (the uv_loop_t) and `handle` (the new `type`), initializes. Returns what
 * uv4j_handle_initialized does, or UV_ENOMEM. */
#define UV4J_HANDLE_NEW(name, type, init)                                                       \
  JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_##name(JNIEnv *env, jclass cls,          \
                                                              jlong loop, jobject peer) {     \
    type *handle = (type *) uv4j_handle_alloc(env, sizeof *handle, peer);                       \
    if (handle == NULL) return UV_ENOMEM;                                                       \
    uv_loop_t *uv = &UV4J_PTR(uv4j_loop, loop)->uv;                                             \
    return uv4j_handle_initialized(env, (uv_handle_t *) handle, init);                          \
  }

/* Defines kind_fired_cb, the uv_kind_cb of a handle kind that just fires (see uv4j_fired_cb):
 * libuv's callback types differ by handle type, so each kind needs its own. */
#define UV4J_FIRED_CB(kind) \
  static void kind##_fired_cb(uv_##kind##_t *handle) { uv4j_fired_cb((uv_handle_t *) handle); }

/* A request that reports one status to Java under its slot in the loop's request table
 * (connects, shutdowns, datagram sends): delivers the status, then `release` frees it. */
void uv4j_status_request_done(uv_req_t *req, uv_loop_t *loop, jint slot, int status,
                              uv4j_request_release release);

/* A connect (tcp or pipe) under its slot in the loop's request table, and its callback. */
typedef struct uv4j_connect {
  uv_connect_t uv;
  jint slot;
} uv4j_connect;
void uv4j_connect_cb(uv_connect_t *req, int status);

/* The slot the fs entry points take to run an op at once on the calling thread (fs.c). */
#define UV4J_FS_SYNC (-1)

#endif
