package dev.aicompass.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reads {@code synthetic_memory_check.csv}: made-up numbers in the script's format, not a measurement. */
class MemoryCheckCsvTest {
  static final Path SYNTHETIC = Path.of("src/test/resources/dev/aicompass/bench/memory/synthetic_memory_check.csv");

  @Test
  void readsEveryRowOfTheScriptsFormat() throws IOException {
    List<MemoryCheckRow> rows = MemoryCheckCsv.read(SYNTHETIC);
    assertEquals(5, rows.size());
    MemoryCheckRow first = rows.get(0);
    assertEquals("llama-3.1-8b", first.model());
    assertEquals(32, first.configLayers());
    assertEquals(32, first.scaledLayers());
    assertEquals("bf16", first.dtype());
    assertEquals(2, first.batch());
    assertEquals(256, first.inputLen());
    assertEquals(256, first.outputLen());
    assertEquals(OptionalLong.of(16_060_522_496L), first.weightsBytes());
    assertEquals(OptionalLong.of(134_217_728L), first.kvCacheBytes());
    assertEquals(OptionalLong.of(17_000_000_000L), first.peakBytes());
    assertEquals(OptionalLong.of(805_259_776L), first.activationPeakBytes());
    assertEquals("2.11.0+cu130", first.torchVersion());
    assertEquals("NVIDIA H100 80GB HBM3, synthetic", first.gpuName(), "quoted field with a comma");
    assertTrue(first.measured());
  }

  @Test
  void oomRowsHaveNoMeasurements() throws IOException {
    MemoryCheckRow oom = MemoryCheckCsv.read(SYNTHETIC).get(3);
    assertEquals(15, oom.scaledLayers());
    assertFalse(oom.measured());
    assertEquals(OptionalLong.empty(), oom.peakBytes());
  }

  @Test
  void baseModelDropsTheScriptsSuffixes() {
    MemoryCheckRow llava = row("llava-1.5-7b+576img+static-cache");
    assertEquals("llava-1.5-7b", llava.baseModel());
  }

  @Test
  void findsColumnsByNameInAnyOrder() throws IOException {
    String csv = "gpu_name,torch_version,activation_peak_bytes,peak_bytes,kv_cache_bytes,weights_bytes,"
        + "output_len,input_len,batch,dtype,scaled_layers,config_layers,model\n"
        + "H100,2.11,4,10,3,3,256,128,1,bf16,32,32,llama-3.1-8b\n";
    MemoryCheckRow r = MemoryCheckCsv.parse(new StringReader(csv)).get(0);
    assertEquals("llama-3.1-8b", r.model());
    assertEquals(128, r.inputLen());
    assertEquals(OptionalLong.of(10), r.peakBytes());
  }

  @Test
  void rejectsAMissingColumnNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryCheckCsv.parse(new StringReader("model,batch\nx,1\n")));
    assertTrue(e.getMessage().startsWith("memory-check CSV header (model,batch) lacks column \"config_layers\""),
        e.getMessage());
  }

  @Test
  void rejectsAnUnreadableByteCountNamingLineColumnAndValue() {
    String csv = String.join(",", MemoryCheckCsv.COLUMNS) + "\n"
        + "llama-3.1-8b,32,32,bf16,1,256,256,12GB,1,1,1,2.11,H100\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryCheckCsv.parse(new StringReader(csv)));
    assertEquals("memory-check CSV line 2: weights_bytes (\"12GB\") must be a byte count, \"oom\" or \"error\"",
        e.getMessage());
  }

  static MemoryCheckRow row(String model) {
    return new MemoryCheckRow(model, 32, 32, "bf16", 1, 256, 256, OptionalLong.of(1),
        OptionalLong.of(1), OptionalLong.of(3), OptionalLong.of(1), "2.11", "H100");
  }
}
