package dev.aicompass.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfficiencyProfileJsonTest {

  @Test
  void writesTheSchemaFieldsInOrderWithQuantityStrings() {
    String json = EfficiencyProfileWriter.toJson(TestProfiles.h100Example());
    assertEquals("""
        {
          "schema" : "aicompass.efficiency-profile/1",
          "device" : {
            "name" : "NVIDIA H100 80GB HBM3",
            "computeCapability" : "9.0",
            "multiprocessors" : 132,
            "memory" : "79.19 GiB",
            "driver" : "580.159",
            "catalogId" : "h100-sxm"
          },
          "measuredAt" : "2026-11-23T10:00:00Z",
          "method" : "aicompass-bench 0.1.0; JCuda 12.6.0 driver API; PTX kernels (tiled mma.sync); 20 warm-up + 100 timed iterations; CUDA events",
          "gemm" : [
            {
              "precision" : "bf16",
              "kernel" : "aicompass-mma",
              "n" : 4096,
              "k" : 4096,
              "points" : [
                {
                  "m" : 1,
                  "achieved" : "1.93 TFLOPS",
                  "time" : "0.0174 ms"
                },
                {
                  "m" : 4096,
                  "achieved" : "620 TFLOPS",
                  "time" : "0.2217 ms"
                }
              ]
            }
          ],
          "memoryBandwidth" : {
            "copy" : "3.01 TB/s",
            "triad" : "3.05 TB/s",
            "layerNorm" : "2.9 TB/s"
          },
          "hostToDevice" : "52.1 GB/s",
          "deviceToHost" : "51.3 GB/s",
          "deviceToDevice" : null,
          "notes" : "cuBLAS not available (libcublas.so.12 not loadable)"
        }
        """, json);
  }

  @Test
  void roundTripsThroughJson() {
    EfficiencyProfile profile = TestProfiles.h100Example();
    EfficiencyProfile back = EfficiencyProfileReader.parse(EfficiencyProfileWriter.toJson(profile));
    // Every value of the example has at most 4 significant digits, so nothing is rounded away.
    assertEquals(profile.device(), back.device());
    assertEquals(profile.measuredAt(), back.measuredAt());
    assertEquals(profile.method(), back.method());
    assertEquals(profile.notes(), back.notes());
    assertEquals(profile.gemm().get(0).points().get(0).flopsPerSecond(),
        back.gemm().get(0).points().get(0).flopsPerSecond(), 1);
    assertEquals(EfficiencyProfileWriter.toJson(profile), EfficiencyProfileWriter.toJson(back));
  }

  @Test
  void readsTheIssueExampleWithPeerBandwidthAndWithoutCatalogId() {
    String json = """
        { "schema": "aicompass.efficiency-profile/1",
          "device": { "name": "NVIDIA H100 80GB HBM3", "computeCapability": "9.0",
                      "multiprocessors": 132, "memory": "79.19 GiB", "driver": "580.159" },
          "measuredAt": "2026-11-23T10:00:00Z",
          "method": "aicompass-bench 0.1.0",
          "gemm": [ { "precision": "bf16", "kernel": "cublas", "n": 4096, "k": 4096,
                      "points": [ { "m": 1, "achieved": "1.93 TFLOPS", "time": "0.0174 ms" } ] } ],
          "memoryBandwidth": { "copy": "3.01 TB/s", "triad": "3.05 TB/s", "layerNorm": "2.90 TB/s" },
          "hostToDevice": "52.1 GB/s", "deviceToHost": "51.3 GB/s",
          "deviceToDevice": "389 GB/s", "notes": "..." }
        """;
    EfficiencyProfile profile = EfficiencyProfileReader.parse(json);
    assertEquals(null, profile.device().catalogId());
    assertEquals(389e9, profile.deviceToDeviceBytesPerSecond().getAsDouble(), 1);
    assertEquals(Precision.BF16, profile.gemm().get(0).precision());
    assertEquals("cublas", profile.gemm().get(0).kernel());
  }

  @Test
  void writesAndReadsFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nested/profile.json");
    EfficiencyProfileWriter.write(TestProfiles.h100Example(), file);
    assertTrue(Files.size(file) > 0);
    assertEquals(TestProfiles.h100Example().device(),
        EfficiencyProfileReader.read(file).device());
  }

  @Test
  void rejectsAnotherSchema() {
    String json = EfficiencyProfileWriter.toJson(TestProfiles.h100Example())
        .replace("efficiency-profile/1", "efficiency-profile/2");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EfficiencyProfileReader.parse(json));
    assertEquals("schema (\"aicompass.efficiency-profile/2\") must be "
        + "\"aicompass.efficiency-profile/1\"", e.getMessage());
  }

  @Test
  void namesTheFieldOfABadQuantity() {
    String json = EfficiencyProfileWriter.toJson(TestProfiles.h100Example())
        .replace("\"0.2217 ms\"", "\"0.2217 fortnights\"");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EfficiencyProfileReader.parse(json));
    assertEquals("gemm[0].points[1].time (\"0.2217 fortnights\") has unit \"fortnights\"; "
        + "expected one of s, ms, us or ns", e.getMessage());
  }

  @Test
  void namesAMissingFieldAndAnUnknownPrecision() {
    String json = EfficiencyProfileWriter.toJson(TestProfiles.h100Example());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> EfficiencyProfileReader.parse(json.replace("\"hostToDevice\"", "\"h2d\"")));
    assertEquals("hostToDevice (missing) must be present", missing.getMessage());
    IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
        () -> EfficiencyProfileReader.parse(json.replace("\"bf16\"", "\"tf32\"")));
    assertEquals("gemm[0].precision (\"tf32\") must be one of fp16, bf16, int8, fp8",
        precision.getMessage());
  }

  @Test
  void rejectsTextThatIsNotJson() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EfficiencyProfileReader.parse("{ not json"));
    assertTrue(e.getMessage().startsWith("efficiency profile is not valid JSON"), e.getMessage());
  }
}
