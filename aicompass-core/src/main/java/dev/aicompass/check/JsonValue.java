package dev.aicompass.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON values serving engines take on the command line (vLLM's
 * {@code --speculative-config '{"method": "eagle3", "num_speculative_tokens": 3}'}): objects,
 * arrays, strings, numbers, booleans and null, as {@code Map}, {@code List}, {@code String},
 * {@code Double}, {@code Boolean} and {@code null}. Single-quoted strings are accepted, as vLLM's
 * parser does not need them but users write them.
 */
final class JsonValue {
  private final String text;
  private int pos;

  private JsonValue(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException quoting the text and the position of the error
   */
  static Object parse(String text) {
    JsonValue p = new JsonValue(text);
    Object v = p.value();
    p.space();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the value");
    }
    return v;
  }

  private Object value() {
    space();
    if (pos >= text.length()) {
      throw error("value expected");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
      case '\'':
        return string();
      default:
        break;
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("value expected");
    }
    try {
      return Double.parseDouble(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("malformed number");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    space();
    if (peek('}')) {
      pos++;
      return m;
    }
    while (true) {
      space();
      if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\'')) {
        throw error("quoted key expected");
      }
      String key = string();
      space();
      expect(':');
      m.put(key, value());
      space();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    pos++;
    space();
    if (peek(']')) {
      pos++;
      return l;
    }
    while (true) {
      l.add(value());
      space();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect(']');
      return l;
    }
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            if (pos + 4 > text.length()) {
              throw error("malformed \\u escape");
            }
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          default:
            sb.append(e);
        }
        continue;
      }
      sb.append(c);
    }
    throw error("unterminated string");
  }

  private void space() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "' expected");
    }
    pos++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("malformed JSON '" + ShellWords.excerpt(text) + "': " + what + " at character "
        + (pos + 1));
  }
}
