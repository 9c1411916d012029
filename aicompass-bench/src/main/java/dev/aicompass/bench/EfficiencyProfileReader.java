package dev.aicompass.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicompass.bench.internal.Quantities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Reads JSON of schema {@value EfficiencyProfile#SCHEMA} back into an {@link EfficiencyProfile}. */
public final class EfficiencyProfileReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EfficiencyProfileReader() {}

  /**
   * Parses a profile from JSON text.
   *
   * @param json the JSON document
   * @return the profile, quantities converted to base units
   * @throws IllegalArgumentException if the text is not JSON, the schema differs from
   *     {@value EfficiencyProfile#SCHEMA}, or a field is missing or malformed (the message names
   *     the field, the value and the rule)
   */
  public static EfficiencyProfile parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("efficiency profile is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("efficiency profile must be a JSON object");
    }
    String schema = text(root, "schema");
    if (!EfficiencyProfile.SCHEMA.equals(schema)) {
      throw new IllegalArgumentException("schema (\"" + schema + "\") must be \""
          + EfficiencyProfile.SCHEMA + "\"");
    }
    JsonNode d = object(root, "device");
    EfficiencyProfile.Device device = new EfficiencyProfile.Device(
        text(d, "name", "device.name"),
        text(d, "computeCapability", "device.computeCapability"),
        integer(d, "multiprocessors", "device.multiprocessors"),
        Quantities.parseBytes("device.memory", text(d, "memory", "device.memory")),
        text(d, "driver", "device.driver"),
        d.hasNonNull("catalogId") ? d.get("catalogId").asText() : null);
    Instant measuredAt;
    String at = text(root, "measuredAt");
    try {
      measuredAt = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "measuredAt (\"" + at + "\") must be an ISO-8601 instant like 2026-11-23T10:00:00Z", e);
    }
    List<EfficiencyProfile.GemmSeries> gemm = new ArrayList<>();
    JsonNode series = array(root, "gemm");
    for (int i = 0; i < series.size(); i++) {
      JsonNode s = series.get(i);
      String where = "gemm[" + i + "]";
      List<EfficiencyProfile.GemmPoint> points = new ArrayList<>();
      JsonNode ps = array(s, "points", where + ".points");
      for (int j = 0; j < ps.size(); j++) {
        JsonNode p = ps.get(j);
        String pat = where + ".points[" + j + "]";
        points.add(new EfficiencyProfile.GemmPoint(
            integer(p, "m", pat + ".m"),
            Quantities.parseFlopRate(pat + ".achieved", text(p, "achieved", pat + ".achieved")),
            Quantities.parseTime(pat + ".time", text(p, "time", pat + ".time"))));
      }
      Precision precision;
      try {
        precision = Precision.fromId(text(s, "precision", where + ".precision"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "." + e.getMessage(), e);
      }
      gemm.add(new EfficiencyProfile.GemmSeries(precision, text(s, "kernel", where + ".kernel"),
          integer(s, "n", where + ".n"), integer(s, "k", where + ".k"), points));
    }
    JsonNode mem = object(root, "memoryBandwidth");
    EfficiencyProfile.MemoryBandwidth memory = new EfficiencyProfile.MemoryBandwidth(
        bandwidth(mem, "copy", "memoryBandwidth.copy"),
        bandwidth(mem, "triad", "memoryBandwidth.triad"),
        bandwidth(mem, "layerNorm", "memoryBandwidth.layerNorm"));
    OptionalDouble d2d = root.hasNonNull("deviceToDevice")
        ? OptionalDouble.of(bandwidth(root, "deviceToDevice", "deviceToDevice"))
        : OptionalDouble.empty();
    return new EfficiencyProfile(device, measuredAt, text(root, "method"), gemm, memory,
        bandwidth(root, "hostToDevice", "hostToDevice"),
        bandwidth(root, "deviceToHost", "deviceToHost"), d2d,
        root.hasNonNull("notes") ? root.get("notes").asText() : "");
  }

  /**
   * Reads a profile from a UTF-8 JSON file.
   *
   * @param file the profile JSON file
   * @return the profile, quantities converted to base units
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if its content is not a valid profile (see {@link #parse})
   */
  public static EfficiencyProfile read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static double bandwidth(JsonNode node, String name, String path) {
    return Quantities.parseBandwidth(path, text(node, name, path));
  }

  private static String text(JsonNode node, String name) {
    return text(node, name, name);
  }

  private static String text(JsonNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(path + " (missing) must be present");
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(path + " (" + value + ") must be a string");
    }
    return value.asText();
  }

  private static int integer(JsonNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(path + " (missing) must be present");
    }
    if (!value.isInt()) {
      throw new IllegalArgumentException(path + " (" + value + ") must be an integer");
    }
    return value.asInt();
  }

  private static JsonNode object(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException(
          name + " (" + (value == null ? "missing" : value.toString()) + ") must be an object");
    }
    return value;
  }

  private static JsonNode array(JsonNode node, String name) {
    return array(node, name, name);
  }

  private static JsonNode array(JsonNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException(
          path + " (" + (value == null ? "missing" : value.toString()) + ") must be an array");
    }
    return value;
  }
}
