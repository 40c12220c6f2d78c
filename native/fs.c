/*
 * uv_fs_t: every file-system request. Each op returns a negative error when it cannot start.
 * Given a slot, it runs on the thread pool as the request Java keeps under that slot in its
 * loop's table (see uv4j_request_start) and returns 0. Its completion record carries the result,
 * a stat's fields, and the native request, from which the fsResult* functions read the bigger
 * results while the completion is delivered. Given UV4J_FS_SYNC, it has already run on the
 * calling thread (libuv's sync mode): the op returns the request itself, which Java reads with
 * the fsResult* functions and then frees with fsFree.
 */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"
#include "fs_ops.h"

/* Sync requests need a loop pointer; a never-run loop serves every thread. */
static uv_loop_t sync_loop;
static uv_once_t sync_loop_once = UV_ONCE_INIT;

static void init_sync_loop(void) {
  uv_loop_init(&sync_loop);
}

JNIEXPORT jintArray JNICALL Java_io_uv4j_internal_Native_fsSyncLoopDescriptors(JNIEnv *env,
                                                                               jclass cls) {
  uv_once(&sync_loop_once, init_sync_loop);
  return uv4j_loop_descriptors(env, &sync_loop);
}

typedef struct uv4j_fs {
  uv_fs_t uv;
  uv_dirent_t *dirents; /* readdir's entries, owned here */
  uv4j_loop *async_loop; /* the loop of an async request; NULL for a sync one */
  jint slot;             /* an async request's slot in its loop's request table */
} uv4j_fs;

/* Frees a request and what it owns. readdir's names are freed from the shim's own array:
 * uv_fs_req_cleanup would reach them through the uv_dir_t, which the readdir callback may
 * already have closed and freed. */
static void fs_free(uv4j_fs *req) {
  if (req->uv.fs_type == UV_FS_READDIR && req->dirents != NULL) {
    for (ssize_t i = 0; i < req->uv.result; i++) free((char *) req->dirents[i].name);
    req->uv.ptr = NULL;
  }
  uv_fs_req_cleanup(&req->uv);
  free(req->dirents);
  free(req);
}

static void fs_release(uv_req_t *req) {
  fs_free((uv4j_fs *) req);
}

/* Indexed by op code: what the op yields, to know which results go into the completion record. */
#define FS_RESULT_ENTRY(name, shape, result, call) [UV_FS_##name] = UV4J_FS_RESULT_##result,
static const enum uv4j_fs_result fs_results[] = {UV4J_FS_OPS(FS_RESULT_ENTRY)};

static void fs_cb(uv_fs_t *uv) {
  uv4j_completion *c = uv4j_request_completion(uv->loop, (uv_req_t *) uv, ((uv4j_fs *) uv)->slot,
                                               (jlong) uv->result, fs_release);
  if (uv->result >= 0 && fs_results[uv->fs_type] == UV4J_FS_RESULT_STAT) {
    uv4j_stat_to_longs(&uv->statbuf, c->stat);
  }
  uv4j_request_deliver(uv->loop);
}

/* A request for one op: async on `loop` as the request under `request`, a slot, or sync when
 * `request` is UV4J_FS_SYNC. */
static uv4j_fs *fs_new(JNIEnv *env, jlong loop, jint request, uv_loop_t **uv, uv_fs_cb *cb) {
  uv4j_fs *req = calloc(1, sizeof *req);
  if (req == NULL) return NULL;
  if (request != UV4J_FS_SYNC) {
    req->async_loop = UV4J_PTR(uv4j_loop, loop);
    req->slot = request;
    if (uv4j_request_start(req->async_loop, (uv_req_t *) &req->uv, request) < 0) {
      free(req);
      return NULL;
    }
    *uv = &req->async_loop->uv;
    *cb = fs_cb;
  } else {
    uv_once(&sync_loop_once, init_sync_loop);
    *uv = &sync_loop;
    *cb = NULL;
  }
  return req;
}

/* What an op returns to Java: 0 for an async request, a sync request itself, or the error it
 * could not start with. */
static jlong fs_started(JNIEnv *env, uv4j_fs *req, int rc) {
  if (req->async_loop != NULL) {
    if (rc >= 0) return 0;
    /* libuv makes no callback for a request that did not start: free it here */
    uv4j_request_abandon(req->async_loop, req->slot);
    fs_free(req);
    return rc;
  }
  if (rc < 0) req->uv.result = rc; /* a sync op refused before it ran leaves result unset */
  return UV4J_JPTR(req);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_fsFree(JNIEnv *env, jclass cls, jlong ptr) {
  fs_free(UV4J_PTR(uv4j_fs, ptr));
}

/* Every argument any operation takes; each entry point fills those of its shape. */
typedef struct fs_args {
  const char *path;
  const char *new_path;
  uv_file file;
  uv_file out_file;
  int flags;
  int mode;
  int64_t offset; /* also ftruncate's length */
  size_t length;
  double atime;
  double mtime;
  uv_uid_t uid;
  uv_gid_t gid;
  const uv_buf_t *bufs;
  unsigned int nbufs;
  uv_dir_t *dir;
  unsigned int entries;
} fs_args;

/* readdir fills entries the request owns (see fs_free). */
static int fs_readdir(uv_loop_t *uv, uv4j_fs *req, const fs_args *a, uv_fs_cb cb) {
  req->dirents = calloc(a->entries, sizeof *req->dirents);
  if (req->dirents == NULL) return UV_ENOMEM;
  a->dir->dirents = req->dirents;
  a->dir->nentries = a->entries;
  return uv_fs_readdir(uv, &req->uv, a->dir, cb);
}

enum fs_shape { FS_PATH, FS_TWO_PATHS, FS_FILE, FS_OWNER, FS_TIMES, FS_IO, FS_SENDFILE, FS_DIR };

typedef int (*fs_call)(uv_loop_t *uv, uv4j_fs *req, const fs_args *a, uv_fs_cb cb);

#define FS_CALL(name, shape, result, call)                                                      \
  static int fs_call_##name(uv_loop_t *uv, uv4j_fs *req, const fs_args *a, uv_fs_cb cb) {     \
    return call;                                                                               \
  }
UV4J_FS_OPS(FS_CALL)

/* Indexed by op code: the shape whose entry point takes the op, and how to start it. */
#define FS_OP_ENTRY(name, shape, result, call) [UV_FS_##name] = {FS_##shape, fs_call_##name},
static const struct fs_op {
  enum fs_shape shape;
  fs_call call;
} fs_ops[] = {UV4J_FS_OPS(FS_OP_ENTRY)};

/* Starts op `op`, which must be of `shape`, with `a`: async when `request` is a slot, else sync. */
static jlong fs_run(JNIEnv *env, jlong loop, jint request, jint op, enum fs_shape shape,
                    const fs_args *a) {
  if (op < 0 || (size_t) op >= UV4J_COUNT_OF(fs_ops) || fs_ops[op].call == NULL ||
      fs_ops[op].shape != shape) {
    return UV_EINVAL;
  }
  uv_loop_t *uv;
  uv_fs_cb cb;
  uv4j_fs *req = fs_new(env, loop, request, &uv, &cb);
  if (req == NULL) return UV_ENOMEM;
  return fs_started(env, req, fs_ops[op].call(uv, req, a, cb));
}

/* Runs op on up to two paths; each path is NULL or UTF-8 bytes, read into `a`. Strings cross as
 * UTF-8 bytes: Java's modified UTF-8 would mangle supplementary characters. */
static jlong fs_run_on_paths(JNIEnv *env, jlong loop, jint request, jint op,
                             enum fs_shape shape, jbyteArray path, jbyteArray new_path,
                             fs_args *a) {
  char small[256], new_small[256];
  char *chars = NULL, *new_chars = NULL;
  jlong rc = UV_ENOMEM;
  if ((path == NULL || (a->path = chars = uv4j_c_string(env, path, small, sizeof small)) != NULL) &&
      (new_path == NULL ||
       (a->new_path = new_chars = uv4j_c_string(env, new_path, new_small, sizeof new_small)) != NULL)) {
    rc = fs_run(env, loop, request, op, shape, a);
  }
  uv4j_c_string_free(chars, small);
  uv4j_c_string_free(new_chars, new_small);
  return rc;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsPath(JNIEnv *env, jclass cls, jlong loop,
                                                            jint request, jint op,
                                                            jbyteArray path, jint flags,
                                                            jint mode) {
  fs_args a = {.flags = flags, .mode = mode};
  return fs_run_on_paths(env, loop, request, op, FS_PATH, path, NULL, &a);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsTwoPaths(JNIEnv *env, jclass cls,
                                                                jlong loop, jint request,
                                                                jint op, jbyteArray path,
                                                                jbyteArray newPath, jint flags) {
  fs_args a = {.flags = flags};
  return fs_run_on_paths(env, loop, request, op, FS_TWO_PATHS, path, newPath, &a);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsFile(JNIEnv *env, jclass cls, jlong loop,
                                                            jint request, jint op, jint file,
                                                            jint mode, jlong length) {
  fs_args a = {.file = file, .mode = mode, .offset = length};
  return fs_run(env, loop, request, op, FS_FILE, &a);
}

/* chown and lchown take the path; fchown takes the file, with a null path. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsOwner(JNIEnv *env, jclass cls, jlong loop,
                                                             jint request, jint op,
                                                             jbyteArray path, jint file, jint uid,
                                                             jint gid) {
  fs_args a = {.file = file, .uid = (uv_uid_t) uid, .gid = (uv_gid_t) gid};
  return fs_run_on_paths(env, loop, request, op, FS_OWNER, path, NULL, &a);
}

/* utime and lutime take the path; futime takes the file, with a null path. Times in seconds. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsTimes(JNIEnv *env, jclass cls, jlong loop,
                                                             jint request, jint op,
                                                             jbyteArray path, jint file,
                                                             jdouble atime, jdouble mtime) {
  fs_args a = {.file = file, .atime = atime, .mtime = mtime};
  return fs_run_on_paths(env, loop, request, op, FS_TIMES, path, NULL, &a);
}

#define UV4J_FS_MAX_IOV 64

/* read or write into/from direct buffers; offset -1 uses the file position. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsReadWrite(
    JNIEnv *env, jclass cls, jlong loop, jint request, jint op, jint file,
    jobjectArray buffers, jintArray positions, jintArray lengths, jint count, jlong offset) {
  uv_buf_t bufs[UV4J_FS_MAX_IOV];
  jint pos[UV4J_FS_MAX_IOV], lens[UV4J_FS_MAX_IOV];
  if (count <= 0 || count > UV4J_FS_MAX_IOV) return UV_EINVAL;
  (*env)->GetIntArrayRegion(env, positions, 0, count, pos);
  (*env)->GetIntArrayRegion(env, lengths, 0, count, lens);
  if ((*env)->ExceptionCheck(env)) return UV_EINVAL;
  for (jint i = 0; i < count; i++) {
    jobject buffer = (*env)->GetObjectArrayElement(env, buffers, i);
    if (buffer == NULL) return UV_EINVAL;
    bufs[i] = uv_buf_init(uv4j_buffer_address(env, buffer, pos[i]), (unsigned int) lens[i]);
    (*env)->DeleteLocalRef(env, buffer);
  }
  fs_args a = {.file = file, .bufs = bufs, .nbufs = (unsigned int) count, .offset = offset};
  return fs_run(env, loop, request, op, FS_IO, &a);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsSendfile(JNIEnv *env, jclass cls,
                                                                jlong loop, jint request,
                                                                jint op, jint outFile,
                                                                jint inFile, jlong inOffset,
                                                                jlong length) {
  fs_args a = {.out_file = outFile, .file = inFile, .offset = inOffset, .length = (size_t) length};
  return fs_run(env, loop, request, op, FS_SENDFILE, &a);
}

/* readdir (up to `entries` at once) or closedir on a dir from opendir. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsDir(JNIEnv *env, jclass cls, jlong loop,
                                                           jint request, jint op, jlong dir,
                                                           jint entries) {
  fs_args a = {.dir = UV4J_PTR(uv_dir_t, dir), .entries = (unsigned int) entries};
  return fs_run(env, loop, request, op, FS_DIR, &a);
}

/* --- results --------------------------------------------------------------------------- */

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsResult(JNIEnv *env, jclass cls,
                                                              jlong ptr) {
  return (jlong) UV4J_PTR(uv_fs_t, ptr)->result;
}

void uv4j_stat_to_longs(const uv_stat_t *s, jlong *v) {
  jlong values[UV4J_STAT_LONGS] = {
      (jlong) s->st_dev,     (jlong) s->st_mode,    (jlong) s->st_nlink,   (jlong) s->st_uid,
      (jlong) s->st_gid,     (jlong) s->st_rdev,    (jlong) s->st_ino,     (jlong) s->st_size,
      (jlong) s->st_blksize, (jlong) s->st_blocks,  (jlong) s->st_flags,   (jlong) s->st_gen,
      s->st_atim.tv_sec,     s->st_atim.tv_nsec,    s->st_mtim.tv_sec,     s->st_mtim.tv_nsec,
      s->st_ctim.tv_sec,     s->st_ctim.tv_nsec,    s->st_birthtim.tv_sec, s->st_birthtim.tv_nsec};
  memcpy(v, values, sizeof values);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_fsResultStat(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jlongArray out) {
  jlong v[UV4J_STAT_LONGS];
  uv4j_stat_to_longs(&UV4J_PTR(uv_fs_t, ptr)->statbuf, v);
  (*env)->SetLongArrayRegion(env, out, 0, UV4J_STAT_LONGS, v);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_fsResultStatfs(JNIEnv *env, jclass cls,
                                                                   jlong ptr, jlongArray out) {
  const uv_statfs_t *s = UV4J_PTR(uv_fs_t, ptr)->ptr;
  jlong v[UV4J_STATFS_LONGS] = {(jlong) s->f_type,   (jlong) s->f_bsize, (jlong) s->f_blocks,
                                (jlong) s->f_bfree,  (jlong) s->f_bavail, (jlong) s->f_files,
                                (jlong) s->f_ffree};
  (*env)->SetLongArrayRegion(env, out, 0, UV4J_STATFS_LONGS, v);
}

/* The request's path (mkdtemp and mkstemp put the created name there), UTF-8. */
JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_fsResultPath(JNIEnv *env, jclass cls,
                                                                       jlong ptr) {
  return uv4j_string_bytes(env, UV4J_PTR(uv_fs_t, ptr)->path);
}

/* readlink's and realpath's answer, UTF-8. */
JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_fsResultString(JNIEnv *env, jclass cls,
                                                                         jlong ptr) {
  return uv4j_string_bytes(env, UV4J_PTR(uv_fs_t, ptr)->ptr);
}

/* opendir's uv_dir_t. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsResultDir(JNIEnv *env, jclass cls,
                                                                 jlong ptr) {
  return UV4J_JPTR(UV4J_PTR(uv_fs_t, ptr)->ptr);
}

/* Stores one entry at pair index i of out as {name bytes, byte[]{type}}; 0, or -1 with an
 * exception pending. */
static int entry_to_java(JNIEnv *env, jobjectArray out, jsize i, const uv_dirent_t *entry) {
  jbyteArray name = uv4j_string_bytes(env, entry->name);
  if (name == NULL) return -1;
  (*env)->SetObjectArrayElement(env, out, 2 * i, name);
  (*env)->DeleteLocalRef(env, name);
  jbyteArray type = (*env)->NewByteArray(env, 1);
  if (type == NULL) return -1;
  jbyte t = (jbyte) entry->type;
  (*env)->SetByteArrayRegion(env, type, 0, 1, &t);
  (*env)->SetObjectArrayElement(env, out, 2 * i + 1, type);
  (*env)->DeleteLocalRef(env, type);
  return (*env)->ExceptionCheck(env) ? -1 : 0;
}

/* scandir's or readdir's entries as {name bytes, byte[]{uv_dirent_type_t}} pairs, null pairs
 * after the last if scandir ended early. Each scandir name is copied as soon as
 * uv_fs_scandir_next hands it out: its next call frees it. */
JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_fsResultEntries(JNIEnv *env,
                                                                            jclass cls,
                                                                            jlong ptr) {
  uv4j_fs *req = UV4J_PTR(uv4j_fs, ptr);
  jsize count = req->uv.result > 0 ? (jsize) req->uv.result : 0;
  jobjectArray out = (*env)->NewObjectArray(env, count * 2, uv4j_object_class, NULL);
  if (out == NULL) return NULL;
  for (jsize i = 0; i < count; i++) {
    uv_dirent_t entry;
    if (req->uv.fs_type == UV_FS_READDIR) entry = req->dirents[i];
    else if (uv_fs_scandir_next(&req->uv, &entry) != 0) break; /* the rest stay null */
    if (entry_to_java(env, out, i, &entry) < 0) return NULL;
  }
  return out;
}
