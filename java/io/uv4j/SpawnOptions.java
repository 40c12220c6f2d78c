package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link ChildProcess#spawn} starts a child ({@code uv_process_options_t}): the program, its
 * arguments, environment and working directory, its user and group, flags, and what each of its
 * descriptors is connected to. Immutable; made by a {@link Builder}.
 *
 * <p>Strings cross to the OS as bytes by the rules {@link Fs} uses for paths: UTF-8, where a lone
 * surrogate {@code U+DC80..U+DCFF} stands for the byte that is not valid UTF-8.
 */
public final class SpawnOptions {
  // libuv's uv_process_flags
  static final int SETUID = Native.constant("UV_PROCESS_SETUID");
  static final int SETGID = Native.constant("UV_PROCESS_SETGID");
  static final int WINDOWS_VERBATIM_ARGUMENTS = Native.constant("UV_PROCESS_WINDOWS_VERBATIM_ARGUMENTS");
  static final int DETACHED = Native.constant("UV_PROCESS_DETACHED");
  static final int WINDOWS_HIDE = Native.constant("UV_PROCESS_WINDOWS_HIDE");

  private final String file;
  private final List<String> argv;
  private final Map<String, String> env;
  private final String cwd;
  private final int flags;
  private final int uid;
  private final int gid;
  private final List<Stdio> stdio;

  private SpawnOptions(Builder b) {
    this.file = b.file;
    List<String> all = new ArrayList<>();
    all.add(b.argv0 != null ? b.argv0 : b.file);
    all.addAll(b.args);
    this.argv = List.copyOf(all);
    this.env = b.env == null ? null : Map.copyOf(b.env);
    this.cwd = b.cwd;
    this.flags = b.flags;
    this.uid = b.uid;
    this.gid = b.gid;
    this.stdio = List.copyOf(b.stdio);
  }

  /**
   * Starts options for running {@code file}. A name without a path separator is looked up on the
   * {@code PATH} of the child's environment.
   *
   * @param file the program to run
   * @return a builder with the defaults: no arguments, the JVM's environment, the JVM's working
   *     directory, every descriptor ignored
   * @throws NullPointerException if {@code file} is null
   * @throws IllegalArgumentException if {@code file} is empty or holds a NUL character or a lone
   *     surrogate that stands for no byte (the message names it)
   */
  public static Builder builder(String file) {
    return new Builder(file);
  }

  /** {@return the program to run} */
  public String file() {
    return file;
  }

  /** {@return the child's whole argument vector, {@code argv[0]} first} */
  public List<String> argv() {
    return argv;
  }

  /**
   * The child's environment.
   *
   * @return an unmodifiable map, or {@code null} for the JVM's environment as the OS has it now
   */
  public Map<String, String> env() {
    return env;
  }

  /** {@return the child's working directory, or {@code null} for the JVM's} */
  public String cwd() {
    return cwd;
  }

  /** {@return what each of the child's descriptors is connected to, fd 0 first} */
  public List<Stdio> stdio() {
    return stdio;
  }

  int flags() {
    return flags;
  }

  int uid() {
    return uid;
  }

  int gid() {
    return gid;
  }

  /** Collects options; every setter checks its argument and returns this builder. */
  public static final class Builder {
    private final String file;
    private String argv0;
    private final List<String> args = new ArrayList<>();
    private Map<String, String> env;
    private String cwd;
    private int flags;
    private int uid;
    private int gid;
    private final List<Stdio> stdio = new ArrayList<>(List.of(Stdio.ignore(), Stdio.ignore(), Stdio.ignore()));

    private Builder(String file) {
      Objects.requireNonNull(file, "file");
      if (file.isEmpty()) throw new IllegalArgumentException("file is empty");
      this.file = checkText("file", file);
    }

    /**
     * Sets {@code argv[0]}, the name the child sees itself run as; the default is the file.
     *
     * @param argv0 the name
     * @return this builder
     * @throws NullPointerException if {@code argv0} is null
     * @throws IllegalArgumentException if it holds a NUL character or a lone surrogate that stands
     *     for no byte (the message names it)
     */
    public Builder argv0(String argv0) {
      this.argv0 = checkText("argv0", Objects.requireNonNull(argv0, "argv0"));
      return this;
    }

    /**
     * Sets the arguments after {@code argv[0]}, replacing any set before.
     *
     * @param args the arguments, in order
     * @return this builder
     * @throws NullPointerException if {@code args} or one of them is null
     * @throws IllegalArgumentException if one holds a NUL character or a lone surrogate that stands
     *     for no byte (the message names it and its index)
     */
    public Builder args(List<String> args) {
      Objects.requireNonNull(args, "args");
      List<String> checked = new ArrayList<>(args.size());
      for (int i = 0; i < args.size(); i++) {
        String arg = Objects.requireNonNull(args.get(i), "args[" + i + "]");
        checked.add(checkText("args[" + i + "]", arg));
      }
      this.args.clear();
      this.args.addAll(checked);
      return this;
    }

    /**
     * Sets the arguments after {@code argv[0]}, replacing any set before.
     *
     * @param args the arguments, in order
     * @return this builder
     * @throws NullPointerException if {@code args} or one of them is null
     * @throws IllegalArgumentException if one holds a NUL character or a lone surrogate that stands
     *     for no byte (the message names it and its index)
     */
    public Builder args(String... args) {
      return args(Arrays.asList(Objects.requireNonNull(args, "args")));
    }

    /**
     * Sets the child's whole environment, replacing the default (the JVM's environment).
     *
     * @param env variable names to values
     * @return this builder
     * @throws NullPointerException if {@code env}, a name or a value is null
     * @throws IllegalArgumentException if a name is empty or has {@code '='} past its first
     *     character (Windows keeps hidden names such as {@code =C:}), or a name or value holds a
     *     NUL character or a lone surrogate that stands for no byte (the message names it)
     */
    public Builder env(Map<String, String> env) {
      Objects.requireNonNull(env, "env");
      Map<String, String> checked = new LinkedHashMap<>();
      env.forEach((name, value) -> {
        checkName(name);
        Objects.requireNonNull(value, () -> "value of " + name);
        checked.put(name, checkText("value of " + name, value));
      });
      this.env = checked;
      return this;
    }

    /**
     * Sets one variable of the child's environment, on top of the JVM's environment (the {@link
     * System#getenv()} view of it) unless {@link #env(Map)} set another.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code value} is null
     * @throws IllegalArgumentException as {@link #env(Map)}
     */
    public Builder env(String name, String value) {
      checkName(name);
      Objects.requireNonNull(value, () -> "value of " + name);
      checkText("value of " + name, value);
      if (env == null) env = new LinkedHashMap<>(System.getenv());
      env.put(name, value);
      return this;
    }

    /**
     * Sets the child's working directory.
     *
     * @param cwd the directory
     * @return this builder
     * @throws NullPointerException if {@code cwd} is null
     * @throws IllegalArgumentException if it is empty, or holds a NUL character or a lone
     *     surrogate that stands for no byte (the message names it)
     */
    public Builder cwd(String cwd) {
      Objects.requireNonNull(cwd, "cwd");
      if (cwd.isEmpty()) throw new IllegalArgumentException("cwd is empty");
      this.cwd = checkText("cwd", cwd);
      return this;
    }

    /**
     * Sets the child's working directory.
     *
     * @param cwd the directory, of the default file system
     * @return this builder
     * @throws NullPointerException if {@code cwd} is null
     * @throws IllegalArgumentException as {@link #cwd(String)}
     */
    public Builder cwd(Path cwd) {
      return cwd(PathCodec.of(Objects.requireNonNull(cwd, "cwd")));
    }

    /**
     * Runs the child as user {@code uid} ({@code UV_PROCESS_SETUID}); not supported on Windows,
     * where spawning then fails with {@code ENOTSUP}.
     *
     * @param uid the user id
     * @return this builder
     * @throws IllegalArgumentException if {@code uid} is negative
     */
    public Builder uid(int uid) {
      if (uid < 0) throw new IllegalArgumentException("uid must be >= 0, got " + uid);
      this.uid = uid;
      flags |= SETUID;
      return this;
    }

    /**
     * Runs the child with group {@code gid} ({@code UV_PROCESS_SETGID}); not supported on
     * Windows, where spawning then fails with {@code ENOTSUP}.
     *
     * @param gid the group id
     * @return this builder
     * @throws IllegalArgumentException if {@code gid} is negative
     */
    public Builder gid(int gid) {
      if (gid < 0) throw new IllegalArgumentException("gid must be >= 0, got " + gid);
      this.gid = gid;
      flags |= SETGID;
      return this;
    }

    /**
     * Starts the child in a session (Unix) or console (Windows) of its own, so that it can
     * outlive this process ({@code UV_PROCESS_DETACHED}). The child still keeps the loop alive
     * until {@link Handle#unref()}.
     *
     * @param detached whether to detach
     * @return this builder
     */
    public Builder detached(boolean detached) {
      return flag(DETACHED, detached);
    }

    /**
     * Windows: hides the child's console window ({@code UV_PROCESS_WINDOWS_HIDE}); ignored
     * elsewhere.
     *
     * @param hide whether to hide it
     * @return this builder
     */
    public Builder windowsHide(boolean hide) {
      return flag(WINDOWS_HIDE, hide);
    }

    /**
     * Windows: passes the arguments to the child as they are, unquoted ({@code
     * UV_PROCESS_WINDOWS_VERBATIM_ARGUMENTS}); ignored elsewhere.
     *
     * @param verbatim whether to leave them unquoted
     * @return this builder
     */
    public Builder windowsVerbatimArguments(boolean verbatim) {
      return flag(WINDOWS_VERBATIM_ARGUMENTS, verbatim);
    }

    /**
     * Connects the child's descriptor {@code fd}; descriptors between 2 and {@code fd} that are
     * not set are ignored.
     *
     * @param fd the child's descriptor (0 stdin, 1 stdout, 2 stderr, 3 and up: extra ones)
     * @param entry what it is connected to
     * @return this builder
     * @throws NullPointerException if {@code entry} is null
     * @throws IllegalArgumentException if {@code fd} is negative or above 255
     */
    public Builder stdio(int fd, Stdio entry) {
      Objects.requireNonNull(entry, "entry");
      if (fd < 0 || fd > 255) throw new IllegalArgumentException("fd must be in 0..255, got " + fd);
      while (stdio.size() <= fd) stdio.add(Stdio.ignore());
      stdio.set(fd, entry);
      return this;
    }

    /**
     * Connects the child's stdin; same as {@code stdio(0, entry)}.
     *
     * @param entry what it is connected to
     * @return this builder
     * @throws NullPointerException if {@code entry} is null
     */
    public Builder stdin(Stdio entry) {
      return stdio(0, entry);
    }

    /**
     * Connects the child's stdout; same as {@code stdio(1, entry)}.
     *
     * @param entry what it is connected to
     * @return this builder
     * @throws NullPointerException if {@code entry} is null
     */
    public Builder stdout(Stdio entry) {
      return stdio(1, entry);
    }

    /**
     * Connects the child's stderr; same as {@code stdio(2, entry)}.
     *
     * @param entry what it is connected to
     * @return this builder
     * @throws NullPointerException if {@code entry} is null
     */
    public Builder stderr(Stdio entry) {
      return stdio(2, entry);
    }

    /**
     * The options collected so far.
     *
     * @return new immutable options; this builder may go on being used
     */
    public SpawnOptions build() {
      return new SpawnOptions(this);
    }

    private Builder flag(int flag, boolean on) {
      flags = on ? flags | flag : flags & ~flag;
      return this;
    }

    private static void checkName(String name) {
      Objects.requireNonNull(name, "environment variable name");
      if (name.isEmpty()) throw new IllegalArgumentException("environment variable name is empty");
      if (name.indexOf('=', 1) >= 0) {
        throw new IllegalArgumentException("environment variable name holds '=': " + name);
      }
      checkText("environment variable name", name);
    }
  }

  /**
   * Returns {@code value} once sure the OS can take it: it has no NUL, which would end it early,
   * and encodes to bytes.
   */
  static String checkText(String what, String value) {
    int nul = value.indexOf('\0');
    if (nul >= 0) {
      throw new IllegalArgumentException(what + " holds a NUL character at index " + nul + ": " + value.replace("\0", "\\0"));
    }
    PathCodec.encode(value, what);
    return value;
  }
}
