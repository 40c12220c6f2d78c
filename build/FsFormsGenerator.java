import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes io/uv4j/Fs.java from the operation table build/fs-operations.txt: for each operation the
 * callback, Promise and sync forms it has, each with String paths and, where it has them, with
 * Path ones, Javadoc included. Run by Maven in generate-sources:
 *
 * <pre>java build/FsFormsGenerator.java DESCRIPTION OUTPUT_DIR</pre>
 *
 * The format is described at the top of the description.
 */
public final class FsFormsGenerator {
  private static final String FORMS = "callback promise sync path";

  /** One parameter; type "path" is a String in the String forms and a Path in the Path forms. */
  record Param(String type, String name, String doc) {
    boolean isPath() {
      return type.equals("path");
    }
  }

  static final class Operation {
    final String name;
    final String uvName;
    final int line;
    final List<String> doc = new ArrayList<>();
    String brief;
    final List<Param> params = new ArrayList<>();
    String resultType;
    String resultDoc;
    String callbackDoc;
    String cancelDoc = "lets the operation be cancelled while it waits for a pool thread";
    String spec;
    final List<String> throwsLines = new ArrayList<>();
    String syncThrows;
    final Map<String, List<String>> bodies = new LinkedHashMap<>();
    final Set<String> forms = new LinkedHashSet<>();

    Operation(String name, String uvName, int line) {
      this.name = name;
      this.uvName = uvName;
      this.line = line;
    }
  }

  private final Map<String, String> sharedThrows = new LinkedHashMap<>();
  private final List<String> header = new ArrayList<>();
  private final List<Operation> operations = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java FsFormsGenerator.java DESCRIPTION OUTPUT_DIR");
      System.exit(2);
    }
    FsFormsGenerator generator = new FsFormsGenerator();
    generator.read(Path.of(args[0]));
    Path target = Path.of(args[1], "io", "uv4j", "Fs.java");
    Files.createDirectories(target.getParent());
    String text = generator.generate();
    // an unchanged file keeps its time stamp, so the compiler sees nothing new
    if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
      Files.writeString(target, text, StandardCharsets.UTF_8);
    }
  }

  // --- reading ------------------------------------------------------------------------------

  private void read(Path description) throws IOException {
    List<String> lines = Files.readAllLines(description, StandardCharsets.UTF_8);
    Operation op = null;
    boolean inHeader = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int number = i + 1;
      if (inHeader) {
        if (line.equals("end header")) inHeader = false;
        else header.add(line);
        continue;
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
      if (trimmed.equals("begin header")) {
        inHeader = true;
      } else if (trimmed.startsWith("throws ") && !line.startsWith(" ")) {
        String[] kv = keyValue(trimmed.substring("throws ".length()), number);
        sharedThrows.put(kv[0], kv[1]);
      } else if (trimmed.startsWith("op ")) {
        String[] words = trimmed.substring(3).strip().split("\\s+");
        op = new Operation(words[0], words.length > 1 ? words[1] : null, number);
        operations.add(op);
      } else if (op == null) {
        throw error(number, "expected 'op', 'throws' or 'begin header': " + trimmed);
      } else {
        property(op, keyValue(trimmed, number), number);
      }
    }
    if (inHeader) throw error(lines.size(), "'begin header' without 'end header'");
    for (Operation each : operations) check(each);
  }

  private static String[] keyValue(String text, int number) {
    int colon = text.indexOf(':');
    if (colon < 0) throw error(number, "expected 'key: value': " + text);
    return new String[] {text.substring(0, colon).strip(), text.substring(colon + 1).strip()};
  }

  private void property(Operation op, String[] kv, int number) {
    String key = kv[0];
    String value = kv[1];
    if (key.startsWith("param ")) {
      String[] typeName = key.substring(6).strip().split("\\s+");
      if (typeName.length != 2) throw error(number, "expected 'param TYPE NAME: doc'");
      op.params.add(new Param(typeName[0], typeName[1], value));
    } else if (key.startsWith("result ")) {
      op.resultType = key.substring(7).strip();
      op.resultDoc = value;
    } else if (key.endsWith("-body")) {
      String form = key.substring(0, key.length() - 5);
      if (!FORMS.contains(form) || form.equals("path")) throw error(number, "no such form: " + form);
      op.bodies.computeIfAbsent(form, f -> new ArrayList<>()).add(value);
    } else {
      switch (key) {
        case "doc" -> op.doc.add(value);
        case "brief" -> op.brief = value;
        case "callback" -> op.callbackDoc = value;
        case "cancel" -> op.cancelDoc = value;
        case "spec" -> op.spec = value;
        case "throws" -> op.throwsLines.add(value);
        case "sync-throws" -> op.syncThrows = value;
        case "forms" -> {
          for (String form : value.split("\\s+")) {
            if (!List.of(FORMS.split(" ")).contains(form)) throw error(number, "no such form: " + form);
            op.forms.add(form);
          }
        }
        default -> throw error(number, "unknown key: " + key);
      }
    }
  }

  private void check(Operation op) {
    if (op.doc.isEmpty()) throw error(op.line, op.name + " has no doc");
    if (op.resultType == null) throw error(op.line, op.name + " has no result");
    if (op.forms.isEmpty()) throw error(op.line, op.name + " has no forms");
    if (op.forms.contains("callback") && op.callbackDoc == null) throw error(op.line, op.name + " has no callback doc");
    for (String form : List.of("callback", "promise", "sync")) {
      boolean promised = form.equals("promise") && op.forms.contains("callback");
      if (op.forms.contains(form) && op.spec == null && !op.bodies.containsKey(form) && !promised) {
        throw error(op.line, op.name + " has neither a spec nor a " + form + "-body");
      }
    }
    if (op.forms.contains("path") && op.params.stream().noneMatch(Param::isPath)) {
      throw error(op.line, op.name + " has a path form but no path parameter");
    }
    List<String> lines = new ArrayList<>(op.throwsLines);
    lines.addAll(List.of("FAILED", "LOOP", "FOREIGN_PATH"));
    if (op.syncThrows != null) lines.add(op.syncThrows);
    for (String line : lines) {
      if (isReference(line) && !sharedThrows.containsKey(line)) throw error(op.line, "no shared throws " + line);
    }
  }

  /** A shared line by its name, or the line itself. */
  private String throwsText(String line) {
    return isReference(line) ? sharedThrows.get(line) : line;
  }

  private static boolean isReference(String throwsLine) {
    return throwsLine.matches("[A-Z_]+");
  }

  private static IllegalArgumentException error(int line, String message) {
    return new IllegalArgumentException("fs-operations.txt:" + line + ": " + message);
  }

  // --- writing ------------------------------------------------------------------------------

  private String generate() {
    out.append("// Generated by build/FsFormsGenerator.java from build/fs-operations.txt: edit those.\n");
    for (String line : header) out.append(line).append('\n');
    Set<String> uvNames = new LinkedHashSet<>();
    for (Operation op : operations) if (op.uvName != null) uvNames.add(op.uvName);
    out.append('\n');
    for (String uv : uvNames) {
      out.append("  private static final FsOp ").append(uv).append(" = FsOp.of(\"").append(uv).append("\");\n");
    }
    for (Operation op : operations) {
      for (String form : List.of("callback", "promise", "sync")) {
        if (!op.forms.contains(form)) continue;
        method(op, form, false);
        if (op.forms.contains("path")) method(op, form, true);
      }
    }
    out.append("}\n");
    return out.toString();
  }

  private void method(Operation op, String form, boolean pathForm) {
    boolean isVoid = op.resultType.equals("Void");
    String name = form.equals("sync") ? op.name + "Sync" : op.name;
    List<String> doc = new ArrayList<>();
    if (pathForm) {
      doc.add("Same as {@link #" + name + "(" + String.join(", ", linkTypes(op, form)) + ")} for a {@link java.nio.file.Path}.");
    } else {
      doc.addAll(form.equals("callback") || op.brief == null ? op.doc : List.of(op.brief));
      if (form.equals("sync")) doc.add("Runs at once on the calling thread.");
    }
    List<String> tags = new ArrayList<>();
    for (Param p : op.params) tags.add("@param " + p.name() + " " + p.doc());
    String returnType;
    switch (form) {
      case "callback" -> {
        tags.add("@param callback " + op.callbackDoc);
        tags.add("@return " + op.cancelDoc);
        returnType = "Cancelable";
      }
      case "promise" -> {
        tags.add("@return fulfilled with " + (isVoid ? "nothing ({@code null})" : op.resultDoc)
            + ", rejected with a {@link UvException}");
        returnType = "Promise<" + op.resultType + ">";
      }
      default -> {
        if (!isVoid) tags.add("@return " + op.resultDoc);
        tags.add("@throws " + throwsText(op.syncThrows != null ? op.syncThrows : "FAILED"));
        returnType = isVoid ? "void" : primitive(op.resultType);
      }
    }
    for (String line : op.throwsLines) tags.add("@throws " + throwsText(line));
    if (pathForm) tags.add("@throws " + throwsText("FOREIGN_PATH"));
    if (!form.equals("sync")) tags.add("@throws " + throwsText("LOOP"));

    out.append("\n  /**\n");
    for (String line : doc) wrap(line, "   * ", "   * ");
    out.append("   *\n");
    for (String tag : tags) wrap(tag, "   * ", "   *     ");
    out.append("   */\n");
    List<String> signature = new ArrayList<>();
    for (Param p : op.params) signature.add(javaType(p, pathForm) + " " + p.name());
    if (form.equals("callback")) signature.add("Callback<" + op.resultType + "> callback");
    out.append("  public ").append(form.equals("sync") ? "static " : "").append(returnType).append(' ').append(name)
        .append('(').append(String.join(", ", signature)).append(')')
        .append(form.equals("sync") ? " throws UvException" : "").append(" {\n");
    for (String line : body(op, form, pathForm, name, isVoid)) out.append("    ").append(line).append('\n');
    out.append("  }\n");
  }

  private static List<String> body(Operation op, String form, boolean pathForm, String name, boolean isVoid) {
    String result = isVoid && form.equals("sync") ? "" : "return ";
    if (pathForm) {
      List<String> args = new ArrayList<>();
      for (Param p : op.params) args.add(p.isPath() ? "str(" + p.name() + ", \"" + p.name() + "\")" : p.name());
      if (form.equals("callback")) args.add("callback");
      return List.of(result + name + "(" + String.join(", ", args) + ");");
    }
    if (op.bodies.containsKey(form)) return op.bodies.get(form);
    if (op.spec == null) {
      // a Promise form made of the callback form
      List<String> args = new ArrayList<>();
      for (Param p : op.params) args.add(p.name());
      args.add("callback");
      return List.of("return promised(this, callback -> " + name + "(" + String.join(", ", args) + "));");
    }
    return List.of(switch (form) {
      case "callback" -> "return async(this, " + op.spec + ", callback);";
      case "promise" -> "return promise(this, " + op.spec + ");";
      default -> result + "sync(" + op.spec + ");";
    });
  }

  /** The parameter types of the String form of {@code form}, as a {@code @link} names them. */
  private static List<String> linkTypes(Operation op, String form) {
    List<String> types = new ArrayList<>();
    for (Param p : op.params) types.add(javaType(p, false).replaceAll("<.*>", ""));
    if (form.equals("callback")) types.add("Callback");
    return types;
  }

  private static String javaType(Param p, boolean pathForm) {
    return p.isPath() ? (pathForm ? "Path" : "String") : p.type();
  }

  private static String primitive(String boxed) {
    return switch (boxed) {
      case "Integer" -> "int";
      case "Long" -> "long";
      default -> boxed;
    };
  }

  /** Appends {@code text} as Javadoc lines of at most 100 columns. */
  private void wrap(String text, String first, String rest) {
    String prefix = first;
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split(" ")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > 100) {
        out.append(line).append('\n');
        prefix = rest;
        line = new StringBuilder(prefix);
      }
      if (line.length() > prefix.length()) line.append(' ');
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
