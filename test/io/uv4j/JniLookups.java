package io.uv4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes, methods and fields C code looks up through JNI, read from its source text: every
 * {@code FindClass}, {@code GetMethodID}, {@code GetStaticMethodID}, {@code GetFieldID} and
 * {@code GetStaticFieldID} call, whether written out or made through a function or function-like
 * macro that passes its parameters on to one. A member lookup's class may be a lookup call or a
 * variable assigned one (also through {@code NewGlobalRef}). Names and signatures must be string
 * literals or names defined as one. Anything else, and JNI calls that register or reach members
 * some other way ({@code RegisterNatives}, {@code FromReflectedMethod}, ...), is an error: the
 * reader would rather fail than miss a lookup.
 */
final class JniLookups {
  /** A method, as GraalVM metadata names it: class, name, parameter types in Java syntax. */
  record Method(String className, String name, List<String> parameterTypes) {
    @Override
    public String toString() {
      return className + "." + name + "(" + String.join(", ", parameterTypes) + ")";
    }
  }

  /** A field of a class. */
  record Field(String className, String name) {
    @Override
    public String toString() {
      return className + "." + name;
    }
  }

  private enum Kind {
    CLASS,
    METHOD,
    FIELD
  }

  /** One lookup, its arguments as C expressions: [class name] or [class, name, signature]. */
  private record Lookup(Kind kind, List<String> arguments) {}

  /**
   * A function or function-like macro, with where its body lies in the scanned text. Its JNIEnv
   * parameter is not among {@code lookupInputs}: passing the environment on makes no wrapper.
   */
  private record Definition(
      String name, List<String> parameters, List<String> lookupInputs, String file, int bodyStart, int bodyEnd) {}

  /** A call in the scanned text: callee, arguments, where it is. */
  private record Call(String callee, List<String> arguments, String file, int at) {}

  private static final Map<String, Kind> JNI_LOOKUPS = Map.of(
      "FindClass", Kind.CLASS,
      "GetMethodID", Kind.METHOD,
      "GetStaticMethodID", Kind.METHOD,
      "GetFieldID", Kind.FIELD,
      "GetStaticFieldID", Kind.FIELD);
  private static final Set<String> UNMODELLED = Set.of(
      "RegisterNatives", "FromReflectedMethod", "FromReflectedField", "DefineClass", "AllocObject");
  private static final Set<String> REFERENCE_COPIES = Set.of("NewGlobalRef", "NewLocalRef", "NewWeakGlobalRef");
  private static final Set<String> KEYWORDS = Set.of("if", "while", "for", "switch", "return", "sizeof", "defined");
  private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*\\(");
  private static final Pattern MACRO = Pattern.compile(
      "(?m)^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_]\\w*)(\\([^)]*\\))?((?:[^\\n]*\\\\\\n)*[^\\n]*)");
  private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*(?:\\[\\s*\\])?\\s*=(?!=)");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
  private static final Pattern CAST = Pattern.compile("^\\(\\s*(?:const\\s+)?[A-Za-z_]\\w*\\s*\\**\\s*\\)\\s*");
  /** The {@code (*env)->} or {@code env->} before a JNI function. */
  private static final Pattern RECEIVER = Pattern.compile("^(?:\\(\\s*\\*\\s*[A-Za-z_]\\w*\\s*\\)|[A-Za-z_]\\w*)\\s*->\\s*");

  /** Every source file's text without comments, by file name, for error messages. */
  private final Map<String, String> texts = new LinkedHashMap<>();
  private final Map<String, Definition> definitions = new LinkedHashMap<>();
  private final Map<String, String> objectMacros = new HashMap<>();
  private final Map<String, List<Lookup>> wrappers = new HashMap<>();
  private final Map<String, List<String>> assignments = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  /** Where each file's macro names and parameter lists are, which are not calls. */
  private final Map<String, List<int[]>> macroHeads = new HashMap<>();
  private final Set<String> calledWrappers = new LinkedHashSet<>();

  private final Set<String> classes = new LinkedHashSet<>();
  private final Set<Method> methods = new LinkedHashSet<>();
  private final Set<Field> fields = new LinkedHashSet<>();

  private JniLookups() {}

  /**
   * The lookups in every {@code *.c} and {@code *.h} file of {@code dir}.
   *
   * @throws IllegalStateException if the folder has no C file, the files make no lookup, or a
   *     lookup cannot be resolved to literal names; the message names the file and line
   */
  static JniLookups read(Path dir) {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".c") || name.endsWith(".h")) {
          sources.put(name, Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the C sources in " + dir.toAbsolutePath(), e);
    }
    if (sources.keySet().stream().noneMatch(name -> name.endsWith(".c"))) {
      throw new IllegalStateException("no C file in " + dir.toAbsolutePath());
    }
    return parse(sources);
  }

  /**
   * The lookups in {@code sources}, file name to C text.
   *
   * @throws IllegalStateException as {@link #read} does
   */
  static JniLookups parse(Map<String, String> sources) {
    JniLookups lookups = new JniLookups();
    sources.forEach(lookups::scan);
    lookups.findWrappers();
    lookups.resolveCalls();
    if (lookups.classes.isEmpty()) {
      throw new IllegalStateException("no JNI lookup found in " + sources.keySet());
    }
    return lookups;
  }

  /** Every class looked up, directly or as the owner of a member, in Java syntax. */
  Set<String> classes() {
    return classes;
  }

  Set<Method> methods() {
    return methods;
  }

  Set<Field> fields() {
    return fields;
  }

  private void scan(String file, String source) {
    String text = withoutComments(source);
    StringBuilder scan = new StringBuilder(blankStrings(text));
    Matcher macro = MACRO.matcher(scan);
    while (macro.find()) {
      macroHeads.computeIfAbsent(file, name -> new ArrayList<>()).add(new int[] {macro.start(1), macro.start(3)});
      String body = text.substring(macro.start(3), macro.end(3)).replace("\\\n", " \n");
      if (macro.group(2) == null) {
        objectMacros.put(macro.group(1), body.strip());
      } else {
        List<String> parameters = parameters(macro.group(2).substring(1, macro.group(2).length() - 1));
        definitions.put(macro.group(1),
            new Definition(macro.group(1), parameters, parameters, file, macro.start(3), macro.end(3)));
      }
    }
    texts.put(file, text);
    Matcher call = CALL.matcher(scan);
    while (call.find()) {
      String callee = call.group(1);
      if (KEYWORDS.contains(callee) || inMacroHead(file, call.start())) continue;
      int open = call.end() - 1;
      int close = matching(scan, open, '(', ')');
      if (close < 0) throw error(file, text, call.start(), "unbalanced parentheses after " + callee);
      List<String> arguments = splitTopLevel(text, scan, open + 1, close);
      int next = skipWhitespace(scan, close + 1);
      if (next < scan.length() && scan.charAt(next) == '{' && !insideDefinition(file, call.start())) {
        int end = matching(scan, next, '{', '}');
        if (end < 0) throw error(file, text, next, "unbalanced braces in " + callee);
        String list = text.substring(open + 1, close);
        definitions.put(callee, new Definition(callee, parameters(list), lookupInputs(list), file, next + 1, end));
        continue;
      }
      if (UNMODELLED.contains(callee)) {
        throw error(file, text, call.start(), callee
            + " reaches Java members in a way this reader does not model; extend JniLookups");
      }
      calls.add(new Call(callee, arguments, file, call.start()));
    }
    Matcher assignment = ASSIGNMENT.matcher(scan);
    while (assignment.find()) {
      int end = statementEnd(scan, assignment.end());
      assignments.computeIfAbsent(assignment.group(1), name -> new ArrayList<>())
          .add(text.substring(assignment.end(), end).strip());
    }
  }

  /** Marks as wrappers the definitions that pass a parameter on to a lookup, to a fixed point. */
  private void findWrappers() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Definition definition : definitions.values()) {
        if (wrappers.containsKey(definition.name()) || isJniEntryPoint(definition.name())) continue;
        List<Lookup> passed = new ArrayList<>();
        for (Call call : calls) {
          if (!inside(definition, call)) continue;
          for (Lookup lookup : expand(call)) {
            if (mentionsAny(lookup, definition.lookupInputs())) passed.add(lookup);
          }
        }
        if (!passed.isEmpty()) {
          wrappers.put(definition.name(), passed);
          changed = true;
        }
      }
    }
  }

  private void resolveCalls() {
    for (Call call : calls) {
      Definition enclosing = enclosing(call);
      for (Lookup lookup : expand(call)) {
        if (enclosing != null && wrappers.containsKey(enclosing.name())
            && mentionsAny(lookup, enclosing.lookupInputs())) {
          continue; // the wrapper's own pass-through, resolved at each call of the wrapper
        }
        resolve(lookup, call);
      }
    }
    for (String wrapper : wrappers.keySet()) {
      if (!calledWrappers.contains(wrapper)) {
        Definition definition = definitions.get(wrapper);
        throw error(definition.file(), texts.get(definition.file()), definition.bodyStart(), wrapper
            + " passes its parameters to JNI lookups, but no C code calls it to say with what");
      }
    }
  }

  /** Functions the JVM calls: their parameters come from Java, not from C callers. */
  private static boolean isJniEntryPoint(String name) {
    return name.startsWith("Java_") || name.startsWith("JNI_");
  }

  private boolean inMacroHead(String file, int at) {
    for (int[] head : macroHeads.getOrDefault(file, List.of())) {
      if (at >= head[0] && at < head[1]) return true;
    }
    return false;
  }

  /** The lookups a call makes: itself if it is one, a wrapper's with the call's arguments. */
  private List<Lookup> expand(Call call) {
    Kind kind = JNI_LOOKUPS.get(call.callee());
    if (kind != null) {
      List<String> arguments = call.arguments();
      int wanted = kind == Kind.CLASS ? 2 : 4;
      if (arguments.size() != wanted) {
        throw error(call, call.callee() + " with " + arguments.size() + " arguments, not " + wanted);
      }
      return List.of(new Lookup(kind, arguments.subList(1, wanted)));
    }
    List<Lookup> templates = wrappers.get(call.callee());
    if (templates == null) return List.of();
    calledWrappers.add(call.callee());
    List<String> parameters = definitions.get(call.callee()).parameters();
    if (parameters.size() != call.arguments().size()) {
      throw error(call, call.callee() + " called with " + call.arguments().size()
          + " arguments; it takes " + parameters.size());
    }
    List<Lookup> lookups = new ArrayList<>();
    for (Lookup template : templates) {
      List<String> arguments = new ArrayList<>();
      for (String argument : template.arguments()) {
        arguments.add(substitute(argument, parameters, call.arguments()));
      }
      lookups.add(new Lookup(template.kind(), arguments));
    }
    return lookups;
  }

  private void resolve(Lookup lookup, Call call) {
    List<String> arguments = lookup.arguments();
    if (lookup.kind() == Kind.CLASS) {
      classes.add(javaClassName(literal(arguments.get(0), call, "class name")));
      return;
    }
    String owner = classOf(arguments.get(0), call, new LinkedHashSet<>());
    classes.add(owner);
    String name = literal(arguments.get(1), call, "member name");
    String signature = literal(arguments.get(2), call, "signature");
    if (lookup.kind() == Kind.FIELD) {
      fields.add(new Field(owner, name));
    } else {
      methods.add(new Method(owner, name, parameterTypes(signature, call)));
    }
  }

  /** The class a C expression holds: a class lookup, or a variable assigned exactly one. */
  private String classOf(String expression, Call call, Set<String> seen) {
    String bare = withoutCasts(expression);
    if (IDENTIFIER.matcher(bare).matches()) {
      if (!seen.add(bare)) throw error(call, "the class in " + bare + " is assigned in a cycle");
      Set<String> found = new LinkedHashSet<>();
      for (String value : assignments.getOrDefault(bare, List.of())) {
        if (!value.equals("NULL") && !value.equals("0")) found.add(classOf(value, call, seen));
      }
      if (found.size() != 1) {
        throw error(call, "cannot tell which class " + bare + " holds (assigned: "
            + assignments.getOrDefault(bare, List.of()) + ")");
      }
      return found.iterator().next();
    }
    Matcher first = CALL.matcher(blankStrings(bare));
    if (first.find() && first.start() == 0) {
      String callee = first.group(1);
      int close = matching(blankStrings(bare), first.end() - 1, '(', ')');
      if (close == bare.length() - 1) {
        List<String> arguments = splitTopLevel(bare, blankStrings(bare), first.end(), close);
        if (REFERENCE_COPIES.contains(callee) && arguments.size() == 2) {
          return classOf(arguments.get(1), call, seen);
        }
        for (Lookup lookup : expand(new Call(callee, arguments, call.file(), call.at()))) {
          if (lookup.kind() == Kind.CLASS) {
            return javaClassName(literal(lookup.arguments().get(0), call, "class name"));
          }
        }
      }
    }
    throw error(call, "cannot tell which class `" + expression + "` is; look classes up with "
        + "FindClass (or a wrapper of it) into a variable or inline");
  }

  /** The string a C expression spells: literals (adjacent ones joined) or a name defined as one. */
  private String literal(String expression, Call call, String what) {
    String bare = withoutCasts(expression);
    if (IDENTIFIER.matcher(bare).matches()) {
      String defined = objectMacros.get(bare);
      List<String> assigned = assignments.getOrDefault(bare, List.of());
      if (defined == null && assigned.size() == 1) defined = assigned.get(0);
      if (defined != null) return literal(defined, call, what);
    }
    Matcher part = Pattern.compile("\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(bare);
    StringBuilder value = new StringBuilder();
    int end = 0;
    while (part.find() && part.start() == end) {
      value.append(part.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
      end = part.end();
    }
    if (end == 0 || end != bare.length()) {
      throw error(call, "the " + what + " `" + expression + "` is not a string literal");
    }
    return value.toString();
  }

  /** {@code (Lio/uv4j/Peer;IJ)V} as {@code [io.uv4j.Peer, int, long]}. */
  private List<String> parameterTypes(String signature, Call call) {
    int close = signature.indexOf(')');
    if (!signature.startsWith("(") || close < 0) throw error(call, "bad method signature " + signature);
    List<String> types = new ArrayList<>();
    int at = 1;
    while (at < close) {
      int end = at;
      while (signature.charAt(end) == '[') end++;
      if (signature.charAt(end) == 'L') {
        end = signature.indexOf(';', end);
        if (end < 0 || end > close) throw error(call, "bad method signature " + signature);
      }
      types.add(javaClassName(signature.substring(at, end + 1)));
      at = end + 1;
    }
    return types;
  }

  /** A JNI class name or type descriptor ({@code java/lang/String}, {@code [I}) in Java syntax. */
  static String javaClassName(String jni) {
    if (!jni.startsWith("[")) {
      if (jni.length() == 1 && "BCDFIJSZV".contains(jni)) return primitive(jni.charAt(0));
      if (jni.startsWith("L") && jni.endsWith(";")) return jni.substring(1, jni.length() - 1).replace('/', '.');
      return jni.replace('/', '.');
    }
    return javaClassName(jni.substring(1)) + "[]";
  }

  private static String primitive(char descriptor) {
    return switch (descriptor) {
      case 'B' -> "byte";
      case 'C' -> "char";
      case 'D' -> "double";
      case 'F' -> "float";
      case 'I' -> "int";
      case 'J' -> "long";
      case 'S' -> "short";
      case 'Z' -> "boolean";
      default -> "void";
    };
  }

  private boolean insideDefinition(String file, int at) {
    for (Definition definition : definitions.values()) {
      if (definition.file().equals(file) && at >= definition.bodyStart() && at < definition.bodyEnd()) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(Definition definition, Call call) {
    return definition.file().equals(call.file()) && call.at() >= definition.bodyStart()
        && call.at() < definition.bodyEnd();
  }

  private Definition enclosing(Call call) {
    for (Definition definition : definitions.values()) {
      if (inside(definition, call)) return definition;
    }
    return null;
  }

  private static boolean mentionsAny(Lookup lookup, List<String> names) {
    for (String argument : lookup.arguments()) {
      for (String name : names) {
        if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(blankStrings(argument)).find()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String substitute(String expression, List<String> parameters, List<String> arguments) {
    String blanked = blankStrings(expression);
    StringBuilder out = new StringBuilder();
    Matcher name = IDENTIFIER.matcher(blanked);
    int last = 0;
    while (name.find()) {
      int index = parameters.indexOf(name.group());
      if (index < 0) continue;
      out.append(expression, last, name.start()).append(arguments.get(index));
      last = name.end();
    }
    return out.append(expression.substring(last)).toString();
  }

  /** The parameter names of a C parameter list: each declaration's last identifier. */
  private static List<String> parameters(String list) {
    List<String> names = new ArrayList<>();
    if (list.isBlank() || list.strip().equals("void")) return names;
    for (String declaration : list.split(",")) {
      Matcher identifier = IDENTIFIER.matcher(declaration.replaceAll("\\[[^]]*\\]", ""));
      String last = null;
      while (identifier.find()) last = identifier.group();
      if (last != null) names.add(last);
    }
    return names;
  }

  /** The parameters of a C parameter list that are not the JNI environment. */
  private static List<String> lookupInputs(String list) {
    List<String> names = new ArrayList<>();
    for (String declaration : list.split(",")) {
      if (!declaration.contains("JNIEnv")) names.addAll(parameters(declaration));
    }
    return names;
  }

  /** The expression without leading casts and without the JNI environment a call goes through. */
  private static String withoutCasts(String expression) {
    String bare = expression.strip();
    while (true) {
      Matcher cast = CAST.matcher(bare);
      if (!cast.find() || cast.end() == bare.length()) break;
      bare = bare.substring(cast.end()).strip();
    }
    Matcher receiver = RECEIVER.matcher(bare);
    return receiver.find() ? bare.substring(receiver.end()) : bare;
  }

  /** The C text with comments turned to spaces (newlines kept, so lines still count). */
  private static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source);
    int at = 0;
    while (at < out.length()) {
      char c = out.charAt(at);
      if (c == '"' || c == '\'') {
        at = literalEnd(out, at);
      } else if (c == '/' && at + 1 < out.length() && out.charAt(at + 1) == '*') {
        int end = out.indexOf("*/", at + 2);
        end = end < 0 ? out.length() : end + 2;
        blank(out, at, end);
        at = end;
      } else if (c == '/' && at + 1 < out.length() && out.charAt(at + 1) == '/') {
        int end = out.indexOf("\n", at);
        end = end < 0 ? out.length() : end;
        blank(out, at, end);
        at = end;
      } else {
        at++;
      }
    }
    return out.toString();
  }

  /** The text with the inside of every string and character literal turned to spaces. */
  private static String blankStrings(String text) {
    StringBuilder out = new StringBuilder(text);
    int at = 0;
    while (at < out.length()) {
      char c = out.charAt(at);
      if (c == '"' || c == '\'') {
        int end = literalEnd(out, at);
        blank(out, at + 1, Math.max(at + 1, end - 1));
        at = end;
      } else {
        at++;
      }
    }
    return out.toString();
  }

  private static int literalEnd(CharSequence text, int start) {
    char quote = text.charAt(start);
    int at = start + 1;
    while (at < text.length() && text.charAt(at) != quote && text.charAt(at) != '\n') {
      at += text.charAt(at) == '\\' ? 2 : 1;
    }
    return Math.min(at + 1, text.length());
  }

  private static void blank(StringBuilder text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) != '\n') text.setCharAt(i, ' ');
    }
  }

  private static int matching(CharSequence scan, int open, char opening, char closing) {
    int depth = 0;
    for (int at = open; at < scan.length(); at++) {
      char c = scan.charAt(at);
      if (c == opening) depth++;
      if (c == closing && --depth == 0) return at;
    }
    return -1;
  }

  private static List<String> splitTopLevel(String text, CharSequence scan, int start, int end) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = start;
    for (int at = start; at < end; at++) {
      char c = scan.charAt(at);
      if (c == '(' || c == '[' || c == '{') depth++;
      if (c == ')' || c == ']' || c == '}') depth--;
      if (c == ',' && depth == 0) {
        parts.add(text.substring(from, at).strip());
        from = at + 1;
      }
    }
    String last = text.substring(from, end).strip();
    if (!last.isEmpty() || !parts.isEmpty()) parts.add(last);
    return parts;
  }

  /** Where the value of an assignment that starts at {@code start} ends: {@code ;} or {@code ,}. */
  private static int statementEnd(CharSequence scan, int start) {
    int depth = 0;
    for (int at = start; at < scan.length(); at++) {
      char c = scan.charAt(at);
      if (c == '(' || c == '[' || c == '{') depth++;
      if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) return at;
        depth--;
      }
      if ((c == ';' || c == ',') && depth == 0) return at;
    }
    return scan.length();
  }

  private static int skipWhitespace(CharSequence scan, int at) {
    while (at < scan.length() && Character.isWhitespace(scan.charAt(at))) at++;
    return at;
  }

  private IllegalStateException error(Call call, String message) {
    return error(call.file(), texts.get(call.file()), call.at(), message);
  }

  private static IllegalStateException error(String file, String text, int at, String message) {
    int line = 1;
    for (int i = 0; i < at && text != null; i++) {
      if (text.charAt(i) == '\n') line++;
    }
    return new IllegalStateException(file + ":" + line + ": " + message);
  }
}
