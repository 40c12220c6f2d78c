package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Every file-system operation, run in one of its three forms and awaited, so that a test states a
 * behaviour once and checks it in each form. The asynchronous forms are checked on every call:
 * the call returns without calling back, the callback runs once on the loop thread, and a failure
 * arrives as the callback's error or the promise's rejection, never as a throw.
 */
final class FsForms {
  /** How an operation is called. */
  enum Form {
    SYNC,
    CALLBACK,
    PROMISE
  }

  @FunctionalInterface
  interface SyncCall<T> {
    T call() throws UvException;
  }

  @FunctionalInterface
  interface CallbackCall<T> {
    Cancelable start(Callback<T> callback);
  }

  @FunctionalInterface
  interface PromiseCall<T> {
    Promise<T> start();
  }

  @FunctionalInterface
  interface VoidSyncCall {
    void call() throws UvException;
  }

  private static final long WATCHDOG_MS = 60_000;

  private final Form form;
  private final Loop loop;
  private final Fs fs;

  FsForms(Form form, Loop loop) {
    this.form = form;
    this.loop = loop;
    this.fs = loop.fs();
  }

  Form form() {
    return form;
  }

  /** Runs one operation in this form and returns its result, or throws its error. */
  <T> T call(SyncCall<T> sync, CallbackCall<T> callback, PromiseCall<T> promise) throws UvException {
    switch (form) {
      case SYNC:
        return sync.call();
      case CALLBACK:
        return viaCallback(callback);
      default:
        return viaPromise(promise);
    }
  }

  private Void run(VoidSyncCall sync, CallbackCall<Void> callback, PromiseCall<Void> promise) throws UvException {
    return call(() -> {
      sync.call();
      return null;
    }, callback, promise);
  }

  private <T> T viaCallback(CallbackCall<T> start) throws UvException {
    Thread loopThread = Thread.currentThread();
    int[] calls = new int[1];
    Object[] result = new Object[1];
    UvException[] error = new UvException[1];
    Thread[] on = new Thread[1];
    Cancelable request = start.start((value, e) -> {
      calls[0]++;
      on[0] = Thread.currentThread();
      result[0] = value;
      error[0] = e;
    });
    assertNotNull(request);
    assertEquals(0, calls[0], "the callback ran inside the call that started the operation");
    runLoop();
    assertEquals(1, calls[0], "the callback should run exactly once");
    assertSame(loopThread, on[0], "the callback should run on the loop thread");
    if (error[0] != null) {
      assertNull(result[0], "a failed operation should report no result");
      throw error[0];
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  private <T> T viaPromise(PromiseCall<T> start) throws UvException {
    Promise<T> promise = start.start();
    assertTrue(promise.isPending(), "the promise settled inside the call that started the operation");
    promise.catchError(e -> null);
    runLoop();
    assertTrue(!promise.isPending(), "the promise should have settled");
    if (promise.isRejected()) {
      Throwable reason = promise.reason();
      assertTrue(reason instanceof UvException, "rejected with " + reason);
      throw (UvException) reason;
    }
    return promise.value();
  }

  private void runLoop() {
    Timer watchdog = Watchdog.arm(loop, WATCHDOG_MS);
    loop.run();
    watchdog.close();
  }

  // --- one method per operation ---------------------------------------------------------------

  int open(String path, int flags, int mode) throws UvException {
    return call(() -> Fs.openSync(path, flags, mode), cb -> fs.open(path, flags, mode, cb), () -> fs.open(path, flags, mode));
  }

  void close(int fd) throws UvException {
    run(() -> Fs.closeSync(fd), cb -> fs.close(fd, cb), () -> fs.close(fd));
  }

  int read(int fd, ByteBuffer[] buffers, long position) throws UvException {
    return call(() -> Fs.readSync(fd, buffers, position), cb -> fs.read(fd, buffers, position, cb), () -> fs.read(fd, buffers, position));
  }

  int write(int fd, ByteBuffer[] buffers, long position) throws UvException {
    return call(() -> Fs.writeSync(fd, buffers, position), cb -> fs.write(fd, buffers, position, cb), () -> fs.write(fd, buffers, position));
  }

  void unlink(String path) throws UvException {
    run(() -> Fs.unlinkSync(path), cb -> fs.unlink(path, cb), () -> fs.unlink(path));
  }

  void mkdir(String path, int mode) throws UvException {
    run(() -> Fs.mkdirSync(path, mode), cb -> fs.mkdir(path, mode, cb), () -> fs.mkdir(path, mode));
  }

  String mkdtemp(String template) throws UvException {
    return call(() -> Fs.mkdtempSync(template), cb -> fs.mkdtemp(template, cb), () -> fs.mkdtemp(template));
  }

  Fs.TempFile mkstemp(String template) throws UvException {
    return call(() -> Fs.mkstempSync(template), cb -> fs.mkstemp(template, cb), () -> fs.mkstemp(template));
  }

  void rmdir(String path) throws UvException {
    run(() -> Fs.rmdirSync(path), cb -> fs.rmdir(path, cb), () -> fs.rmdir(path));
  }

  Dir opendir(String path) throws UvException {
    return call(() -> Fs.opendirSync(path), cb -> fs.opendir(path, cb), () -> fs.opendir(path));
  }

  List<Dirent> readdir(Dir dir, int entries) throws UvException {
    return call(() -> Fs.readdirSync(dir, entries), cb -> fs.readdir(dir, entries, cb), () -> fs.readdir(dir, entries));
  }

  void closedir(Dir dir) throws UvException {
    run(() -> Fs.closedirSync(dir), cb -> fs.closedir(dir, cb), () -> fs.closedir(dir));
  }

  List<Dirent> scandir(String path) throws UvException {
    return call(() -> Fs.scandirSync(path), cb -> fs.scandir(path, cb), () -> fs.scandir(path));
  }

  Stat stat(String path) throws UvException {
    return call(() -> Fs.statSync(path), cb -> fs.stat(path, cb), () -> fs.stat(path));
  }

  Stat fstat(int fd) throws UvException {
    return call(() -> Fs.fstatSync(fd), cb -> fs.fstat(fd, cb), () -> fs.fstat(fd));
  }

  Stat lstat(String path) throws UvException {
    return call(() -> Fs.lstatSync(path), cb -> fs.lstat(path, cb), () -> fs.lstat(path));
  }

  StatFs statfs(String path) throws UvException {
    return call(() -> Fs.statfsSync(path), cb -> fs.statfs(path, cb), () -> fs.statfs(path));
  }

  void rename(String path, String dest) throws UvException {
    run(() -> Fs.renameSync(path, dest), cb -> fs.rename(path, dest, cb), () -> fs.rename(path, dest));
  }

  void fsync(int fd) throws UvException {
    run(() -> Fs.fsyncSync(fd), cb -> fs.fsync(fd, cb), () -> fs.fsync(fd));
  }

  void fdatasync(int fd) throws UvException {
    run(() -> Fs.fdatasyncSync(fd), cb -> fs.fdatasync(fd, cb), () -> fs.fdatasync(fd));
  }

  void ftruncate(int fd, long length) throws UvException {
    run(() -> Fs.ftruncateSync(fd, length), cb -> fs.ftruncate(fd, length, cb), () -> fs.ftruncate(fd, length));
  }

  void copyfile(String path, String dest, int flags) throws UvException {
    run(() -> Fs.copyfileSync(path, dest, flags), cb -> fs.copyfile(path, dest, flags, cb), () -> fs.copyfile(path, dest, flags));
  }

  long sendfile(int out, int in, long offset, long length) throws UvException {
    return call(() -> Fs.sendfileSync(out, in, offset, length), cb -> fs.sendfile(out, in, offset, length, cb),
        () -> fs.sendfile(out, in, offset, length));
  }

  void access(String path, int mode) throws UvException {
    run(() -> Fs.accessSync(path, mode), cb -> fs.access(path, mode, cb), () -> fs.access(path, mode));
  }

  void chmod(String path, int mode) throws UvException {
    run(() -> Fs.chmodSync(path, mode), cb -> fs.chmod(path, mode, cb), () -> fs.chmod(path, mode));
  }

  void fchmod(int fd, int mode) throws UvException {
    run(() -> Fs.fchmodSync(fd, mode), cb -> fs.fchmod(fd, mode, cb), () -> fs.fchmod(fd, mode));
  }

  void utime(String path, double atime, double mtime) throws UvException {
    run(() -> Fs.utimeSync(path, atime, mtime), cb -> fs.utime(path, atime, mtime, cb), () -> fs.utime(path, atime, mtime));
  }

  void futime(int fd, double atime, double mtime) throws UvException {
    run(() -> Fs.futimeSync(fd, atime, mtime), cb -> fs.futime(fd, atime, mtime, cb), () -> fs.futime(fd, atime, mtime));
  }

  void lutime(String path, double atime, double mtime) throws UvException {
    run(() -> Fs.lutimeSync(path, atime, mtime), cb -> fs.lutime(path, atime, mtime, cb), () -> fs.lutime(path, atime, mtime));
  }

  void link(String path, String dest) throws UvException {
    run(() -> Fs.linkSync(path, dest), cb -> fs.link(path, dest, cb), () -> fs.link(path, dest));
  }

  void symlink(String path, String dest, int flags) throws UvException {
    run(() -> Fs.symlinkSync(path, dest, flags), cb -> fs.symlink(path, dest, flags, cb), () -> fs.symlink(path, dest, flags));
  }

  String readlink(String path) throws UvException {
    return call(() -> Fs.readlinkSync(path), cb -> fs.readlink(path, cb), () -> fs.readlink(path));
  }

  String realpath(String path) throws UvException {
    return call(() -> Fs.realpathSync(path), cb -> fs.realpath(path, cb), () -> fs.realpath(path));
  }

  void chown(String path, int uid, int gid) throws UvException {
    run(() -> Fs.chownSync(path, uid, gid), cb -> fs.chown(path, uid, gid, cb), () -> fs.chown(path, uid, gid));
  }

  void fchown(int fd, int uid, int gid) throws UvException {
    run(() -> Fs.fchownSync(fd, uid, gid), cb -> fs.fchown(fd, uid, gid, cb), () -> fs.fchown(fd, uid, gid));
  }

  void lchown(String path, int uid, int gid) throws UvException {
    run(() -> Fs.lchownSync(path, uid, gid), cb -> fs.lchown(path, uid, gid, cb), () -> fs.lchown(path, uid, gid));
  }
}
