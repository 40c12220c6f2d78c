package io.uv4j;

import java.util.List;

/**
 * The fuzzer's operations: name, group, weight. {@code --ops} and {@code --skip} select them by
 * name or group, to replay a failure with fewer kinds of calls.
 */
final class FuzzOps {
  /** Closes a handle while an IPC write that passes it is still queued. */
  static final String IPC_CLOSE_SENT = "ipc-close-sent";

  private FuzzOps() {}

  /** What runs on a loop's thread. */
  static final List<FuzzOp<FuzzWorld>> LOOP =
      List.of(
          new FuzzOp<>("run-nowait", "run", 12, FuzzWorld::runNowait),
          new FuzzOp<>("run-once", "run", 6, FuzzWorld::runOnce),
          new FuzzOp<>("run-briefly", "run", 4, FuzzWorld::runBriefly),
          new FuzzOp<>("run-deep", "run", 2, FuzzWorld::runDeep),
          new FuzzOp<>("run-at-stack-edge", "stack-edge", 1, FuzzWorld::runAtStackEdge),
          new FuzzOp<>("stop", "run", 1, FuzzWorld::stop),
          new FuzzOp<>("exit", "run", 1, FuzzWorld::exit),
          new FuzzOp<>("exit-in-callback", "run", 1, FuzzWorld::exitInCallback),
          new FuzzOp<>("close-loop", "close-loop", 1, FuzzWorld::closeLoop),
          new FuzzOp<>("close-loop-elsewhere", "threads", 1, FuzzWorld::closeLoopElsewhere),
          new FuzzOp<>("call-elsewhere", "threads", 1, FuzzWorld::callElsewhere),
          new FuzzOp<>("execute-elsewhere", "execute", 2, FuzzWorld::executeElsewhere),
          new FuzzOp<>("async-elsewhere", "threads", 1, FuzzWorld::asyncElsewhere),
          new FuzzOp<>("toggle-handlers", "handlers", 1, FuzzWorld::toggleHandlers),
          new FuzzOp<>("quiet-tracer", "tracer", 1, FuzzWorld::setQuietTracer),
          new FuzzOp<>("throwing-tracer", "throwing-tracer", 1, FuzzWorld::setThrowingTracer),
          new FuzzOp<>("timer", "timers", 4, FuzzWorld::startTimer),
          new FuzzOp<>("retune-timer", "timers", 2, FuzzWorld::retuneTimer),
          new FuzzOp<>("timeout", "timers", 2, FuzzWorld::setTimeoutOrInterval),
          new FuzzOp<>("clear-timeout", "timers", 1, FuzzWorld::clearTimeout),
          new FuzzOp<>("immediate", "timers", 2, FuzzWorld::immediatesAndTicks),
          new FuzzOp<>("close-handle", "handles", 4, FuzzWorld::closeHandle),
          new FuzzOp<>("ref-unref", "handles", 1, FuzzWorld::refOrUnref),
          new FuzzOp<>("promise", "promises", 2, FuzzWorld::promises),
          new FuzzOp<>("process-events", "promises", 2, FuzzWorld::processEvents),
          new FuzzOp<>("queue-work", "work", 3, FuzzWorld::queueWork),
          new FuzzOp<>("dns", "work", 1, FuzzWorld::lookUpLocalhost),
          new FuzzOp<>("cancel", "work", 3, FuzzWorld::cancel),
          new FuzzOp<>("write-read-file", "fs", 2, FuzzWorld::writeThenReadFile),
          new FuzzOp<>("file-operation", "fs", 3, FuzzWorld::otherFileOperation),
          new FuzzOp<>("tcp-connect", "tcp", 3, FuzzWorld::connectTcp),
          new FuzzOp<>("talk", "tcp", 6, FuzzWorld::talk),
          new FuzzOp<>("shutdown", "tcp", 1, FuzzWorld::shutdown),
          new FuzzOp<>("close-reset", "tcp", 1, FuzzWorld::closeReset),
          new FuzzOp<>("read-stop-start", "tcp", 1, FuzzWorld::readStopOrStart),
          new FuzzOp<>("tcp-options", "tcp", 1, FuzzWorld::tcpOptions),
          new FuzzOp<>("udp-send", "udp", 3, FuzzWorld::sendDatagram),
          new FuzzOp<>("ipc-pair", "ipc", 2, FuzzWorld::ipcPair),
          new FuzzOp<>("pass-handle", "ipc", 4, FuzzWorld::passHandle),
          new FuzzOp<>("close-sent-handle", IPC_CLOSE_SENT, 2, FuzzWorld::closeSentHandle),
          new FuzzOp<>("open-raw-fd", "raw-fd", 2, FuzzWorld::openRawFd),
          new FuzzOp<>("close-raw-fd", "raw-fd", 1, FuzzWorld::closeRawFd),
          new FuzzOp<>("watch-raw-fd", "raw-fd", 1, FuzzWorld::watchRawFd),
          new FuzzOp<>("stream-over-file", "raw-fd", 1, FuzzWorld::streamOverFile),
          new FuzzOp<>("adopt-owned-fd", "owned-fd", 1, FuzzWorld::adoptOwnedFd),
          new FuzzOp<>("close-owned-fd", "owned-fd", 1, FuzzWorld::closeOwnedFd),
          new FuzzOp<>("spawn-child", "process", 3, FuzzWorld::spawnChild),
          new FuzzOp<>("child-pipes", "process", 4, FuzzWorld::childPipes),
          new FuzzOp<>("child-control", "process", 2, FuzzWorld::childControl),
          new FuzzOp<>("kill-group", "process", 1, FuzzWorld::killGroup),
          new FuzzOp<>("abandon-child", "process", 1, FuzzWorld::abandonChild),
          new FuzzOp<>("child-elsewhere", "threads", 1, FuzzWorld::childElsewhere),
          new FuzzOp<>("watch-signal", "signal", 2, FuzzWorld::watchSignal),
          new FuzzOp<>("retune-signal", "signal", 2, FuzzWorld::retuneSignal),
          new FuzzOp<>("ask-os", "os", 1, FuzzWorld::askOs),
          new FuzzOp<>("environment", "os", 1, FuzzWorld::environment),
          new FuzzOp<>("pipe-pair", "pipe", 2, FuzzWorld::pipePair),
          new FuzzOp<>("try-write-handle", "ipc", 1, FuzzWorld::tryWriteHandle),
          new FuzzOp<>("sized-udp", "udp", 1, FuzzWorld::sizedUdp),
          new FuzzOp<>("udp-try-send-many", "udp", 1, FuzzWorld::udpTrySendMany),
          new FuzzOp<>("open-udp", "udp", 1, FuzzWorld::openUdp),
          new FuzzOp<>("sized-tcp", "tcp", 1, FuzzWorld::sizedTcp),
          new FuzzOp<>("dns-sync", "dns-sync", 1, FuzzWorld::dnsSync),
          new FuzzOp<>("print-handles", "debug", 1, FuzzWorld::printHandles),
          new FuzzOp<>("loop-options", "loop-options", 1, FuzzWorld::loopOptions),
          new FuzzOp<>("inspect-descriptors", "debug", 1, FuzzWorld::inspectDescriptors),
          new FuzzOp<>("pipe-chain", "pipes", 2, FuzzWorld::pipeChain),
          new FuzzOp<>("pipe-file", "pipes", 1, FuzzWorld::pipeFile),
          new FuzzOp<>("stream-settings", "stream-settings", 2, FuzzWorld::streamSettings),
          new FuzzOp<>("on-close", "handles", 1, FuzzWorld::listenForClose),
          new FuzzOp<>("framing", "framing", 1, FuzzWorld::framing),
          new FuzzOp<>("connect-by-name", "tcp", 1, FuzzWorld::connectByName),
          new FuzzOp<>("trace-writer", "tracer", 1, FuzzWorld::setTraceWriter),
          new FuzzOp<>("loop-group", "threads", 1, FuzzWorld::loopGroup));

  /** What sync-fs worker threads do, on their own and on shared descriptors and Dirs. */
  static final List<FuzzOp<SyncFsWorker>> SYNC_FS =
      List.of(
          new FuzzOp<>("fs-open", "sync-fs", 3, SyncFsWorker::open),
          new FuzzOp<>("fs-close", "sync-fs", 2, SyncFsWorker::close),
          new FuzzOp<>("fs-write-read-own", "sync-fs", 3, SyncFsWorker::writeReadOwn),
          new FuzzOp<>("fs-write-read-shared", "sync-fs", 4, SyncFsWorker::writeReadShared),
          new FuzzOp<>("fs-fstat-shared", "sync-fs", 2, SyncFsWorker::fstatShared),
          new FuzzOp<>("fs-stat", "sync-fs", 2, SyncFsWorker::stat),
          new FuzzOp<>("fs-scandir", "scandir", 2, SyncFsWorker::scandir),
          new FuzzOp<>("fs-read-own-dir", "sync-fs", 2, SyncFsWorker::readOwnDir),
          new FuzzOp<>("fs-open-shared-dir", "shared-dir", 1, SyncFsWorker::openSharedDir),
          new FuzzOp<>("fs-read-shared-dir", "shared-dir", 4, SyncFsWorker::readSharedDir),
          new FuzzOp<>("fs-close-shared-dir", "shared-dir", 1, SyncFsWorker::closeSharedDir),
          new FuzzOp<>("fs-scandir-large", "scandir", 1, SyncFsWorker::scandirLarge));
}
