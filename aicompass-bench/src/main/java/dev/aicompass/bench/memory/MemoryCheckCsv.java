package dev.aicompass.bench.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the CSV {@code scripts/memory_check.py} writes (Python's {@code csv.DictWriter}: a header
 * row, comma-separated, fields with commas or quotes in double quotes). Columns are found by
 * name, so their order does not matter.
 */
public final class MemoryCheckCsv {
  /** The columns the script writes, in its order. */
  public static final List<String> COLUMNS = List.of("model", "config_layers", "scaled_layers",
      "dtype", "batch", "input_len", "output_len", "weights_bytes", "kv_cache_bytes",
      "peak_bytes", "activation_peak_bytes", "torch_version", "gpu_name");

  private MemoryCheckCsv() {}

  /**
   * Reads {@code file}.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming the line, column and value when a column is missing
   *     or a number unreadable
   */
  public static List<MemoryCheckRow> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    }
  }

  /**
   * Parses CSV text.
   *
   * @throws IOException if the reader fails
   * @throws IllegalArgumentException naming the line, column and value when a column is missing
   *     or a number unreadable
   */
  public static List<MemoryCheckRow> parse(Reader text) throws IOException {
    BufferedReader in = new BufferedReader(text);
    String header = in.readLine();
    if (header == null) {
      throw new IllegalArgumentException("memory-check CSV is empty; expected a header with "
          + String.join(",", COLUMNS));
    }
    List<String> names = split(header.replace("\uFEFF", ""), 1);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i).trim(), i);
    }
    for (String c : COLUMNS) {
      if (!index.containsKey(c)) {
        throw new IllegalArgumentException("memory-check CSV header (" + header
            + ") lacks column \"" + c + "\"; expected " + String.join(",", COLUMNS));
      }
    }
    List<MemoryCheckRow> rows = new ArrayList<>();
    int lineNumber = 1;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      Line l = new Line(lineNumber, split(line, lineNumber), index);
      rows.add(new MemoryCheckRow(l.text("model"), l.integer("config_layers"),
          l.integer("scaled_layers"), l.text("dtype"), l.integer("batch"), l.integer("input_len"),
          l.integer("output_len"), l.bytes("weights_bytes"), l.bytes("kv_cache_bytes"),
          l.bytes("peak_bytes"), l.bytes("activation_peak_bytes"), l.text("torch_version"),
          l.text("gpu_name")));
    }
    return rows;
  }

  private static final class Line {
    private final int number;
    private final List<String> fields;
    private final Map<String, Integer> index;

    Line(int number, List<String> fields, Map<String, Integer> index) {
      this.number = number;
      this.fields = fields;
      this.index = index;
    }

    String text(String column) {
      int i = index.get(column);
      if (i >= fields.size()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "memory-check CSV line %d has %d fields; column \"%s\" is field %d", number,
            fields.size(), column, i + 1));
      }
      return fields.get(i).trim();
    }

    int integer(String column) {
      String v = text(column);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "memory-check CSV line %d: %s (\"%s\") must be an integer", number, column, v), e);
      }
    }

    /** A byte count, or empty for the script's "oom" and "error" markers. */
    OptionalLong bytes(String column) {
      String v = text(column);
      if (v.equals("oom") || v.equals("error") || v.isEmpty()) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "memory-check CSV line %d: %s (\"%s\") must be a byte count, \"oom\" or \"error\"",
            number, column, v), e);
      }
    }
  }

  /** Splits one CSV line: commas separate, double quotes enclose, "" is a quote inside quotes. */
  static List<String> split(String line, int lineNumber) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("memory-check CSV line " + lineNumber
          + " has an unclosed quote: " + line);
    }
    fields.add(field.toString());
    return fields;
  }
}
