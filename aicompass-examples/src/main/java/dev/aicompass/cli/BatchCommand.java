package dev.aicompass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aicompass batch}: many commands from standard input, one JSON object per line, one JVM. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Reads commands from standard input, one per line (the words after 'aicompass'), and writes one "
        + "JSON object per line in order. A failing line writes {\"error\": \"...\"} and the rest go on.",
    footer = {"", "Example:",
        "  printf 'memory --model llama-3.1-8b --gpu h100-sxm --json\\nmemory --model qwen3-8b --gpu l4 --json\\n' | aicompass batch"})
final class BatchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      out.println(runLine(line));
      out.flush();
    }
    return 0;
  }

  /** Runs one command line and returns its single JSON line (or an error object). */
  static String runLine(String line) {
    List<String> args;
    try {
      args = split(line);
    } catch (IllegalArgumentException e) {
      return Json.error(e.getMessage());
    }
    if (!args.isEmpty() && args.get(0).equals("aicompass")) {
      args.remove(0);
    }
    if (args.isEmpty()) {
      return Json.error("empty command");
    }
    if (args.get(0).equals("batch")) {
      return Json.error("batch cannot run inside batch");
    }
    if (!args.contains("--json")) {
      args.add("--json");
    }
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.commandLine(new PrintWriter(o, true), new PrintWriter(e, true)).execute(args.toArray(new String[0]));
    String text = o.toString().trim();
    if (code == 0 || code == 1 && isJsonObject(text)) {
      if (isJsonObject(text)) {
        return text;
      }
      return Json.error("command printed no JSON object: " + Main.oneLine(text));
    }
    String err = e.toString().trim();
    String first = err.isEmpty() ? "exit code " + code : err.split("\\R")[0];
    return Json.error(first.startsWith("aicompass: ") ? first.substring("aicompass: ".length()) : first);
  }

  private static boolean isJsonObject(String text) {
    if (!text.startsWith("{") || text.contains("\n")) {
      return false;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(text);
      return n.isObject();
    } catch (IOException ex) {
      return false;
    }
  }

  /** Splits a command line into words, honouring single and double quotes and backslash escapes. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          cur.append(line.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated " + quote + " quote in: " + line);
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
