package dev.aicompass.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicompass.catalog.CatalogException;
import dev.aicompass.internal.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value inside a {@link JsonDocument} with its JSON path, so that every error names the file,
 * the path, the line, the value and the rule.
 */
public final class JsonView {
  private final JsonDocument doc;
  private final String path;
  private final JsonNode node;

  JsonView(JsonDocument doc, String path, JsonNode node) {
    this.doc = doc;
    this.path = path;
    this.node = node;
  }

  public String path() {
    return path;
  }

  JsonDocument document() {
    return doc;
  }

  /** Returns the node, or {@code null} when the value is absent. */
  public JsonNode node() {
    return node;
  }

  public String file() {
    return doc.file();
  }

  /** Returns the line of the value (or -1 when unknown). */
  public int line() {
    return doc.line(path);
  }

  /** Returns whether the value is absent or JSON {@code null}. */
  public boolean isAbsent() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  public boolean isObject() {
    return node != null && node.isObject();
  }

  public boolean isArray() {
    return node != null && node.isArray();
  }

  /** Returns whether {@code field} is present and not null. */
  public boolean has(String field) {
    return !field(field).isAbsent();
  }

  /** Returns the view of {@code name} in this object (absent when this is not an object or lacks it). */
  public JsonView field(String name) {
    JsonNode child = node != null && node.isObject() ? node.get(name) : null;
    return new JsonView(doc, JsonPaths.field(path, name), child);
  }

  /** Returns the elements of this array. */
  public List<JsonView> elements() {
    List<JsonView> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new JsonView(doc, JsonPaths.index(path, i), node.get(i)));
      }
    }
    return out;
  }

  /** Returns the field names of this object, in file order. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    if (node != null && node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
    }
    return names;
  }

  /** Returns where this value is: {@code file: path (line N)}. */
  public String location() {
    int line = line();
    return doc.file() + ": " + path + (line > 0 ? " (line " + line + ")" : "");
  }

  /** Returns an error located at this value: {@code file: path (line N): message}. */
  public CatalogException error(String message) {
    return new CatalogException(locate(message));
  }

  /** Returns {@code message} prefixed with this value's file, path and line. */
  public String locate(String message) {
    StringBuilder sb = new StringBuilder(doc.file()).append(": ");
    if (!"$".equals(path)) {
      sb.append(path);
      int line = line();
      if (line > 0) {
        sb.append(" (line ").append(line).append(')');
      }
      sb.append(": ");
    }
    return sb.append(message).toString();
  }

  /** Returns an error at this object saying that {@code field} is missing and what it is needed for. */
  public CatalogException missing(String field, String neededFor) {
    return error("missing '" + field + "'" + (neededFor == null ? "" : " (needed for " + neededFor + ")"));
  }

  /** Checks that this value is a JSON object. */
  public JsonView requireObject() {
    if (!isObject()) {
      throw error("must be a JSON object, got " + describe(node));
    }
    return this;
  }

  /** Checks that this value is a JSON array. */
  public JsonView requireArray() {
    if (!isArray()) {
      throw error("must be a JSON array, got " + describe(node));
    }
    return this;
  }

  /** Fails on the fields of this object that are not in {@code known}, suggesting the closest known names. */
  public void rejectUnknown(Set<String> known) {
    List<String> unknown = new ArrayList<>();
    for (String name : fieldNames()) {
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    String first = unknown.get(0);
    List<String> close = Suggestions.closest(first, new ArrayList<>(new TreeSet<>(known)), 2);
    String msg = "unknown field" + (unknown.size() > 1 ? "s " : " ") + quoteAll(unknown)
        + " (known: " + String.join(", ", new TreeSet<>(known)) + "; did you mean " + String.join(" or ", close) + "?)";
    throw field(first).error(msg);
  }

  private static String quoteAll(List<String> names) {
    List<String> q = new ArrayList<>();
    for (String n : names) {
      q.add("'" + n + "'");
    }
    return String.join(", ", q);
  }

  // ---- typed readers: absent or null → empty; wrong type → error naming the value and the rule ----

  /** Returns this value as a string, failing when it is not one. */
  public String asString() {
    if (node == null || !node.isTextual()) {
      throw error("must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  /** Returns the string {@code field}, failing when it is absent or not a string. */
  public String requireString(String field) {
    JsonView v = field(field);
    if (v.isAbsent()) {
      throw missing(field, null);
    }
    return v.asString();
  }

  public Optional<String> optString(String field) {
    JsonView v = field(field);
    return v.isAbsent() ? Optional.empty() : Optional.of(v.asString());
  }

  /** Returns this value as an int, failing when it is not an integral number in int range. */
  public int asInt() {
    if (node == null || !node.isNumber()) {
      throw error("must be an integer, got " + describe(node));
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToInt()) {
        throw error(node.asText() + " is out of range (at most " + Integer.MAX_VALUE + ")");
      }
      return node.intValue();
    }
    double d = node.doubleValue();
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw error("must be an integer, got " + describe(node));
    }
    return (int) d;
  }

  public OptionalInt optInt(String field) {
    JsonView v = field(field);
    return v.isAbsent() ? OptionalInt.empty() : OptionalInt.of(v.asInt());
  }

  /** Returns this value as a finite double. */
  public double asDouble() {
    if (node == null || !node.isNumber()) {
      throw error("must be a number, got " + describe(node));
    }
    double d = node.doubleValue();
    if (!Double.isFinite(d)) {
      throw error("number " + node.asText() + " is out of range");
    }
    return d;
  }

  public OptionalDouble optDouble(String field) {
    JsonView v = field(field);
    return v.isAbsent() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
  }

  public boolean asBoolean() {
    if (node == null || !node.isBoolean()) {
      throw error("must be true or false, got " + describe(node));
    }
    return node.booleanValue();
  }

  public Optional<Boolean> optBoolean(String field) {
    JsonView v = field(field);
    return v.isAbsent() ? Optional.empty() : Optional.of(v.asBoolean());
  }

  /** Returns the object {@code field} if present, failing when it is present but not an object. */
  public Optional<JsonView> optObject(String field) {
    JsonView v = field(field);
    return v.isAbsent() ? Optional.empty() : Optional.of(v.requireObject());
  }

  /** Returns the array {@code field} if present, failing when it is present but not an array. */
  public Optional<JsonView> optArray(String field) {
    JsonView v = field(field);
    return v.isAbsent() ? Optional.empty() : Optional.of(v.requireArray());
  }

  /** Returns the strings of the array {@code field} (empty when absent). */
  public List<String> stringList(String field) {
    List<String> out = new ArrayList<>();
    optArray(field).ifPresent(a -> {
      for (JsonView e : a.elements()) {
        out.add(e.asString());
      }
    });
    return out;
  }

  /** Describes a value for a message: its JSON type and an abbreviated rendering. */
  public static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return "a string '" + JsonDocument.abbreviate(n.textValue()) + "'";
    }
    if (n.isNumber()) {
      return "a number (" + JsonDocument.abbreviate(n.asText()) + ")";
    }
    if (n.isBoolean()) {
      return "a boolean (" + n.asText() + ")";
    }
    if (n.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
