package dev.aicompass.bench;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.bench.internal.Quantities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link EfficiencyProfile} as JSON of schema {@value EfficiencyProfile#SCHEMA}, with
 * every quantity as a {@code "<number> <unit>"} string (4 significant digits).
 */
public final class EfficiencyProfileWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EfficiencyProfileWriter() {}

  /**
   * Returns the profile as pretty-printed JSON ending in a newline.
   *
   * @param profile the profile to write
   * @return the JSON text
   */
  public static String toJson(EfficiencyProfile profile) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(toTree(profile)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize efficiency profile", e);
    }
  }

  /**
   * Writes the profile to {@code file} in UTF-8, creating parent folders.
   *
   * @param profile the profile to write
   * @param file the destination; replaced if it exists
   * @throws IOException if the file cannot be written
   */
  public static void write(EfficiencyProfile profile, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(profile), StandardCharsets.UTF_8);
  }

  static ObjectNode toTree(EfficiencyProfile profile) {
    ObjectNode root = NODES.objectNode();
    root.put("schema", EfficiencyProfile.SCHEMA);
    EfficiencyProfile.Device d = profile.device();
    ObjectNode device = root.putObject("device");
    device.put("name", d.name());
    device.put("computeCapability", d.computeCapability());
    device.put("multiprocessors", d.multiprocessors());
    device.put("memory", Quantities.formatBytes(d.memoryBytes()));
    device.put("driver", d.driver());
    device.put("catalogId", d.catalogId());
    root.put("measuredAt", profile.measuredAt().toString());
    root.put("method", profile.method());
    ArrayNode gemm = root.putArray("gemm");
    for (EfficiencyProfile.GemmSeries s : profile.gemm()) {
      ObjectNode series = gemm.addObject();
      series.put("precision", s.precision().id());
      series.put("kernel", s.kernel());
      series.put("n", s.n());
      series.put("k", s.k());
      ArrayNode points = series.putArray("points");
      for (EfficiencyProfile.GemmPoint p : s.points()) {
        ObjectNode point = points.addObject();
        point.put("m", p.m());
        point.put("achieved", Quantities.formatFlopRate(p.flopsPerSecond()));
        point.put("time", Quantities.formatTime(p.seconds()));
      }
    }
    ObjectNode memory = root.putObject("memoryBandwidth");
    memory.put("copy", Quantities.formatBandwidth(profile.memoryBandwidth().copyBytesPerSecond()));
    memory.put("triad",
        Quantities.formatBandwidth(profile.memoryBandwidth().triadBytesPerSecond()));
    memory.put("layerNorm",
        Quantities.formatBandwidth(profile.memoryBandwidth().layerNormBytesPerSecond()));
    root.put("hostToDevice", Quantities.formatBandwidth(profile.hostToDeviceBytesPerSecond()));
    root.put("deviceToHost", Quantities.formatBandwidth(profile.deviceToHostBytesPerSecond()));
    if (profile.deviceToDeviceBytesPerSecond().isPresent()) {
      root.put("deviceToDevice",
          Quantities.formatBandwidth(profile.deviceToDeviceBytesPerSecond().getAsDouble()));
    } else {
      root.putNull("deviceToDevice");
    }
    root.put("notes", profile.notes());
    return root;
  }
}
