package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void formatsTheProfileExamplesOfTheSchema() {
    // The values of the schema example in the issue: 1.93 TFLOPS, 0.0174 ms, 3.01 TB/s, 52.1 GB/s,
    // 79.19 GiB (vLLM's reading of an H100 80GB).
    assertEquals("1.93 TFLOPS", Quantities.formatFlopRate(1.93e12));
    assertEquals("0.0174 ms", Quantities.formatTime(1.74e-5));
    assertEquals("3.01 TB/s", Quantities.formatBandwidth(3.01e12));
    assertEquals("52.1 GB/s", Quantities.formatBandwidth(52.1e9));
    assertEquals("79.19 GiB", Quantities.formatBytes(85_031_714_816L));
  }

  @Test
  void roundsToFourSignificantDigitsWithoutExponent() {
    assertEquals("989 TFLOPS", Quantities.formatFlopRate(989e12));
    assertEquals("1235 TFLOPS", Quantities.formatFlopRate(1234.56e12));
    assertEquals("0.000001235 TFLOPS", Quantities.formatFlopRate(1.23456e6));
    assertEquals("12350 ms", Quantities.formatTime(12.3456));
  }

  @Test
  void picksTheBandwidthUnitAfterRounding() {
    // Found by EfficiencyProfileProperties: 999.99 GB/s once printed as "1000 GB/s", which
    // re-formatted as "1 TB/s".
    assertEquals("1 TB/s", Quantities.formatBandwidth(999.99e9));
    assertEquals("999.9 GB/s", Quantities.formatBandwidth(999.94e9));
  }

  @Test
  void parsesEveryPrefixIntoBaseUnits() {
    assertEquals(989e12, Quantities.parseFlopRate("peak", "989 TFLOPS"));
    assertEquals(1.5e9, Quantities.parseFlopRate("peak", "1.5GFLOPS"));
    assertEquals(3.35e12, Quantities.parseBandwidth("bw", "3.35 TB/s"));
    assertEquals(52.1e9, Quantities.parseBandwidth("bw", "52.1 GB/s"), 1e-3);
    assertEquals(1.74e-5, Quantities.parseTime("t", "0.0174 ms"), 1e-18);
    assertEquals(2e-6, Quantities.parseTime("t", "2 us"), 1e-18);
    assertEquals(80L << 30, Quantities.parseBytes("memory", "80 GiB"));
    assertEquals(80_000_000_000L, Quantities.parseBytes("memory", "80 GB"));
  }

  @Test
  void rejectsAnUnknownUnitNamingFieldValueAndRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quantities.parseBandwidth("hostToDevice", "52.1 GiB/s"));
    assertEquals("hostToDevice (\"52.1 GiB/s\") has unit \"GiB/s\"; expected one of "
        + "B/s, KB/s, MB/s, GB/s or TB/s", e.getMessage());
  }

  @Test
  void rejectsTextWithoutNumberOrUnit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quantities.parseFlopRate("--peak-bf16", "fast"));
    assertEquals("--peak-bf16 (\"fast\") must be a positive number followed by a unit "
        + "(FLOPS, GFLOPS, TFLOPS or PFLOPS)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseTime("t", "-1 ms"));
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseTime("t", "0 ms"));
  }

  @Test
  void refusesToFormatNonPositiveOrNaN() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quantities.formatFlopRate(Double.NaN));
    assertEquals("flopRate (NaN) must be a finite number above 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Quantities.formatTime(0));
    assertThrows(IllegalArgumentException.class, () -> Quantities.formatBytes(0));
  }
}
