package dev.aicompass.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits shell text (a command line or a small launch script) into simple commands the way a POSIX
 * shell would for the parts that matter to a serving command: single and double quotes, backslash
 * escapes, {@code \}-newline continuations, comments, the separators {@code ; && || | &} and
 * newlines, leading {@code NAME=value} assignments, {@code export}, and {@code $NAME},
 * {@code ${NAME}}, {@code ${NAME:-default}} expansion of variables the script assigns. Command
 * substitution is not run; {@code "$@"} expands to nothing (with a note).
 */
final class ShellWords {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> PREFIXES = Set.of("exec", "nohup", "time", "command", "env", "stdbuf");

  /** One simple command after expansion: the environment it runs with and its words. */
  static final class Command {
    final Map<String, String> environment;
    final List<String> words;

    Command(Map<String, String> environment, List<String> words) {
      this.environment = environment;
      this.words = words;
    }
  }

  /** A word before expansion: literal parts and variable references. */
  private static final class Word {
    final List<Object> parts = new ArrayList<>();
    final StringBuilder literal = new StringBuilder();
    /** The assignment's variable name when the word starts with an unquoted {@code NAME=}. */
    String assigns;
    boolean quotedSoFar;
    boolean any;

    void text(char c, boolean quoted) {
      if (!quoted && c == '=' && assigns == null && !quotedSoFar && parts.isEmpty()
          && NAME.matcher(literal).matches()) {
        assigns = literal.toString();
        literal.setLength(0);
        any = true;
        return;
      }
      quotedSoFar |= quoted;
      literal.append(c);
      any = true;
    }

    void variable(Var v) {
      flush();
      parts.add(v);
      any = true;
      quotedSoFar = true;
    }

    void flush() {
      if (literal.length() > 0) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
    }
  }

  /** A variable reference, {@code ${name:-fallback}}. */
  private static final class Var {
    final String name;
    final String fallback;

    Var(String name, String fallback) {
      this.name = name;
      this.fallback = fallback;
    }
  }

  final List<Command> commands = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  private ShellWords() {}

  /**
   * Splits {@code text} into simple commands, expanding the variables it assigns.
   *
   * @throws IllegalArgumentException for an unterminated quote
   */
  static ShellWords split(String text) {
    ShellWords out = new ShellWords();
    Map<String, String> vars = new LinkedHashMap<>();
    for (List<Word> raw : tokenize(text)) {
      out.expand(raw, vars);
    }
    return out;
  }

  private void expand(List<Word> raw, Map<String, String> vars) {
    Map<String, String> local = new LinkedHashMap<>();
    int i = 0;
    while (i < raw.size() && raw.get(i).assigns != null) {
      local.put(raw.get(i).assigns, value(raw.get(i), vars, local));
      i++;
    }
    if (i == raw.size()) {
      vars.putAll(local);
      return;
    }
    List<String> words = new ArrayList<>();
    for (int j = i; j < raw.size(); j++) {
      Word w = raw.get(j);
      String v = value(w, vars, local);
      if (w.assigns != null) {
        v = w.assigns + "=" + v;
      }
      if (!v.isEmpty() || !isForwardedArguments(w)) {
        words.add(v);
      }
    }
    if (!words.isEmpty() && words.get(0).equals("export")) {
      for (int j = 1; j < raw.size() - i; j++) {
        Word w = raw.get(i + j);
        if (w.assigns != null) {
          vars.put(w.assigns, value(w, vars, local));
        }
      }
      return;
    }
    int k = 0;
    while (k < words.size() && PREFIXES.contains(words.get(k))) {
      k++;
      while (k < words.size() && words.get(k).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        String a = words.get(k);
        local.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        k++;
      }
      while (k < words.size() && words.get(k).startsWith("-")) {
        k++;
      }
    }
    Map<String, String> env = new LinkedHashMap<>(vars);
    env.putAll(local);
    commands.add(new Command(env, new ArrayList<>(words.subList(k, words.size()))));
  }

  private static boolean isForwardedArguments(Word w) {
    return w.parts.size() == 1 && w.parts.get(0) instanceof Var
        && (((Var) w.parts.get(0)).name.equals("@") || ((Var) w.parts.get(0)).name.equals("*"));
  }

  private String value(Word w, Map<String, String> vars, Map<String, String> local) {
    StringBuilder sb = new StringBuilder();
    for (Object p : w.parts) {
      if (p instanceof String) {
        sb.append((String) p);
        continue;
      }
      Var v = (Var) p;
      if (v.name.equals("@") || v.name.equals("*") || v.name.matches("[0-9]")) {
        note("the script passes its own arguments ($" + v.name + ") on; they are not known here");
        continue;
      }
      String val = local.containsKey(v.name) ? local.get(v.name) : vars.get(v.name);
      if (val == null || (val.isEmpty() && v.fallback != null)) {
        if (v.fallback != null) {
          sb.append(v.fallback);
        } else {
          note("$" + v.name + " is not assigned in the command or script; it is left as written");
          sb.append("$").append(v.name);
        }
      } else {
        sb.append(val);
      }
    }
    return sb.toString();
  }

  private void note(String n) {
    if (!notes.contains(n)) {
      notes.add(n);
    }
  }

  /** Splits into commands of unexpanded words. */
  private static List<List<Word>> tokenize(String s) {
    List<List<Word>> commands = new ArrayList<>();
    List<Word> cmd = new ArrayList<>();
    Word w = new Word();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 < n && s.charAt(i + 1) == '\n') {
          i += 2;
          continue;
        }
        if (i + 2 < n && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') {
          i += 3;
          continue;
        }
        if (i + 1 < n) {
          w.text(s.charAt(i + 1), true);
        }
        i += 2;
        continue;
      }
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote in the serving command: "
              + excerpt(s.substring(i)));
        }
        for (int j = i + 1; j < end; j++) {
          w.text(s.charAt(j), true);
        }
        w.any = true;
        w.quotedSoFar = true;
        i = end + 1;
        continue;
      }
      if (c == '"') {
        int j = i + 1;
        w.any = true;
        w.quotedSoFar = true;
        while (true) {
          if (j >= n) {
            throw new IllegalArgumentException("unterminated double quote in the serving command: "
                + excerpt(s.substring(i)));
          }
          char d = s.charAt(j);
          if (d == '"') {
            break;
          }
          if (d == '\\' && j + 1 < n && "\"\\$`\n".indexOf(s.charAt(j + 1)) >= 0) {
            if (s.charAt(j + 1) != '\n') {
              w.text(s.charAt(j + 1), true);
            }
            j += 2;
            continue;
          }
          if (d == '$') {
            j = variable(s, j, w);
            continue;
          }
          w.text(d, true);
          j++;
        }
        i = j + 1;
        continue;
      }
      if (c == '$') {
        i = variable(s, i, w);
        continue;
      }
      if (c == '#' && !w.any) {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        w = endWord(cmd, w);
        i++;
        continue;
      }
      if (c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
        w = endWord(cmd, w);
        if (!cmd.isEmpty()) {
          commands.add(cmd);
          cmd = new ArrayList<>();
        }
        i++;
        continue;
      }
      w.text(c, false);
      i++;
    }
    endWord(cmd, w);
    if (!cmd.isEmpty()) {
      commands.add(cmd);
    }
    return commands;
  }

  /** Reads {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-x}} or {@code $@} at {@code i}; returns the index after it. */
  private static int variable(String s, int i, Word w) {
    int n = s.length();
    if (i + 1 >= n) {
      w.text('$', false);
      return i + 1;
    }
    char c = s.charAt(i + 1);
    if (c == '{') {
      int end = s.indexOf('}', i + 2);
      if (end < 0) {
        throw new IllegalArgumentException("unterminated ${ in the serving command: " + excerpt(s.substring(i)));
      }
      String body = s.substring(i + 2, end);
      int dash = body.indexOf(":-");
      int plain = body.indexOf('-');
      if (dash > 0) {
        w.variable(new Var(body.substring(0, dash), body.substring(dash + 2)));
      } else if (plain > 0) {
        w.variable(new Var(body.substring(0, plain), body.substring(plain + 1)));
      } else {
        w.variable(new Var(body, null));
      }
      return end + 1;
    }
    if (c == '@' || c == '*' || Character.isDigit(c)) {
      w.variable(new Var(String.valueOf(c), null));
      return i + 2;
    }
    int j = i + 1;
    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j == i + 1) {
      w.text('$', false);
      return i + 1;
    }
    w.variable(new Var(s.substring(i + 1, j), null));
    return j;
  }

  private static Word endWord(List<Word> cmd, Word w) {
    if (w.any) {
      w.flush();
      cmd.add(w);
      return new Word();
    }
    return w;
  }

  static String excerpt(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }
}
