package dev.aicompass.catalog.internal;

import java.util.regex.Pattern;

/** Builds JSONPath-style locations such as {@code $.models[3].config.hidden_size}. */
final class JsonPaths {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

  private JsonPaths() {}

  static String field(String parent, String name) {
    if (PLAIN.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
