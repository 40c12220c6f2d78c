/*
 * The file-system operations, one line each: X(NAME, SHAPE, RESULT, CALL). NAME is the
 * operation's uv_fs_type without UV_FS_ (its op code across JNI is that uv_fs_type); SHAPE names
 * the native entry point that takes its arguments (fs.c); RESULT says what Java reads when it
 * completes; CALL starts it in fs.c, from `a` (a filled fs_args), `uv`, `req` and `cb`. misc.c
 * exports every op code and result kind to Java, which reads them by name at load.
 */
#ifndef UV4J_FS_OPS_H
#define UV4J_FS_OPS_H

#define UV4J_FS_OPS(X)                                                                          \
  X(OPEN, PATH, INT, uv_fs_open(uv, &req->uv, a->path, a->flags, a->mode, cb))                   \
  X(CLOSE, FILE, NONE, uv_fs_close(uv, &req->uv, a->file, cb))                                   \
  X(READ, IO, INT, uv_fs_read(uv, &req->uv, a->file, a->bufs, a->nbufs, a->offset, cb))          \
  X(WRITE, IO, INT, uv_fs_write(uv, &req->uv, a->file, a->bufs, a->nbufs, a->offset, cb))        \
  X(SENDFILE, SENDFILE, LONG,                                                                   \
    uv_fs_sendfile(uv, &req->uv, a->out_file, a->file, a->offset, a->length, cb))               \
  X(STAT, PATH, STAT, uv_fs_stat(uv, &req->uv, a->path, cb))                                     \
  X(LSTAT, PATH, STAT, uv_fs_lstat(uv, &req->uv, a->path, cb))                                   \
  X(FSTAT, FILE, STAT, uv_fs_fstat(uv, &req->uv, a->file, cb))                                   \
  X(FTRUNCATE, FILE, NONE, uv_fs_ftruncate(uv, &req->uv, a->file, a->offset, cb))                \
  X(UTIME, TIMES, NONE, uv_fs_utime(uv, &req->uv, a->path, a->atime, a->mtime, cb))              \
  X(FUTIME, TIMES, NONE, uv_fs_futime(uv, &req->uv, a->file, a->atime, a->mtime, cb))            \
  X(ACCESS, PATH, NONE, uv_fs_access(uv, &req->uv, a->path, a->mode, cb))                        \
  X(CHMOD, PATH, NONE, uv_fs_chmod(uv, &req->uv, a->path, a->mode, cb))                          \
  X(FCHMOD, FILE, NONE, uv_fs_fchmod(uv, &req->uv, a->file, a->mode, cb))                        \
  X(FSYNC, FILE, NONE, uv_fs_fsync(uv, &req->uv, a->file, cb))                                   \
  X(FDATASYNC, FILE, NONE, uv_fs_fdatasync(uv, &req->uv, a->file, cb))                           \
  X(UNLINK, PATH, NONE, uv_fs_unlink(uv, &req->uv, a->path, cb))                                 \
  X(RMDIR, PATH, NONE, uv_fs_rmdir(uv, &req->uv, a->path, cb))                                   \
  X(MKDIR, PATH, NONE, uv_fs_mkdir(uv, &req->uv, a->path, a->mode, cb))                          \
  X(MKDTEMP, PATH, CREATED_PATH, uv_fs_mkdtemp(uv, &req->uv, a->path, cb))                       \
  X(MKSTEMP, PATH, TEMP_FILE, uv_fs_mkstemp(uv, &req->uv, a->path, cb))                          \
  X(RENAME, TWO_PATHS, NONE, uv_fs_rename(uv, &req->uv, a->path, a->new_path, cb))               \
  X(SCANDIR, PATH, ENTRIES, uv_fs_scandir(uv, &req->uv, a->path, 0, cb))                         \
  X(LINK, TWO_PATHS, NONE, uv_fs_link(uv, &req->uv, a->path, a->new_path, cb))                   \
  X(SYMLINK, TWO_PATHS, NONE, uv_fs_symlink(uv, &req->uv, a->path, a->new_path, a->flags, cb))   \
  X(READLINK, PATH, STRING, uv_fs_readlink(uv, &req->uv, a->path, cb))                           \
  X(CHOWN, OWNER, NONE, uv_fs_chown(uv, &req->uv, a->path, a->uid, a->gid, cb))                  \
  X(FCHOWN, OWNER, NONE, uv_fs_fchown(uv, &req->uv, a->file, a->uid, a->gid, cb))                \
  X(REALPATH, PATH, STRING, uv_fs_realpath(uv, &req->uv, a->path, cb))                           \
  X(COPYFILE, TWO_PATHS, NONE, uv_fs_copyfile(uv, &req->uv, a->path, a->new_path, a->flags, cb)) \
  X(LCHOWN, OWNER, NONE, uv_fs_lchown(uv, &req->uv, a->path, a->uid, a->gid, cb))                \
  X(OPENDIR, PATH, DIR, uv_fs_opendir(uv, &req->uv, a->path, cb))                                \
  X(READDIR, DIR, ENTRIES, fs_readdir(uv, req, a, cb))                                           \
  X(CLOSEDIR, DIR, NONE, uv_fs_closedir(uv, &req->uv, a->dir, cb))                               \
  X(STATFS, PATH, STATFS, uv_fs_statfs(uv, &req->uv, a->path, cb))                               \
  X(LUTIME, TIMES, NONE, uv_fs_lutime(uv, &req->uv, a->path, a->atime, a->mtime, cb))

/* What a completed operation yields, as Java reads it: nothing, its result as an int or a long,
 * a stat or statfs, a string (readlink, realpath), the created path (mkdtemp), a descriptor and
 * the created path (mkstemp), a directory stream, or directory entries. */
#define UV4J_FS_RESULTS(X) \
  X(NONE) X(INT) X(LONG) X(STAT) X(STATFS) X(STRING) X(CREATED_PATH) X(TEMP_FILE) X(DIR) X(ENTRIES)

#define UV4J_FS_RESULT_ENUM(kind) UV4J_FS_RESULT_##kind,
enum uv4j_fs_result { UV4J_FS_RESULTS(UV4J_FS_RESULT_ENUM) };
#undef UV4J_FS_RESULT_ENUM

#endif
