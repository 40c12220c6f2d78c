package io.uv4j;

/**
 * A file system's status ({@code uv_statfs_t}).
 *
 * @param type file system type
 * @param bsize optimal transfer block size
 * @param blocks total data blocks
 * @param bfree free blocks
 * @param bavail free blocks available to unprivileged users
 * @param files total file nodes
 * @param ffree free file nodes
 */
public record StatFs(long type, long bsize, long blocks, long bfree, long bavail, long files, long ffree) {
  static StatFs of(long[] v) {
    return new StatFs(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }
}
