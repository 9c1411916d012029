package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void parsesBinaryUnitsAsPowersOf1024() {
    assertEquals(80L << 30, ByteSize.parse("80 GiB").bytes());
    assertEquals(512L << 20, ByteSize.parse("512MiB").bytes());
    assertEquals(1L << 40, ByteSize.parse("1 TiB").bytes());
    assertEquals(1024, ByteSize.parse("1024 B").bytes());
  }

  @Test
  void parsesDecimalUnitsAsPowersOf1000() {
    // H200 datasheet: "141 GB" HBM3e.
    assertEquals(141_000_000_000L, ByteSize.parse("141 GB").bytes());
    assertEquals(1_000_000L, ByteSize.parse("1 MB").bytes());
    assertEquals(2_000L, ByteSize.parse("2 kB").bytes());
  }

  @Test
  void keepsSiAndIecApart() {
    assertEquals(1_000_000_000L, ByteSize.ofGigabytes(1).bytes());
    assertEquals(1L << 30, ByteSize.ofGibibytes(1).bytes());
    assertNotEquals(ByteSize.parse("1 GB"), ByteSize.parse("1 GiB"));
    assertEquals(ByteSize.ofGigabytes(80), ByteSize.parse("80 GB"));
    assertEquals(ByteSize.ofGibibytes(80), ByteSize.parse("80 GiB"));
    // 80 GB is 74.51 GiB, not 80.
    assertEquals(74.505805969, ByteSize.ofGigabytes(80).toGibibytes(), 1e-9);
  }

  @Test
  void printsInTheLargestBinaryUnit() {
    assertEquals("80 GiB", ByteSize.ofGibibytes(80).toString());
    assertEquals("79.19 GiB", ByteSize.ofGibibytes(79.19).toString());
    assertEquals("131.3 GiB", ByteSize.parse("141 GB").toString());
    assertEquals("512 MiB", ByteSize.parse("512 MiB").toString());
    assertEquals("1000 B", ByteSize.ofBytes(1000).toString());
  }

  @Test
  void printsDecimalFormOnRequest() {
    assertEquals("141 GB", ByteSize.parse("141 GB").toDecimalString());
    assertEquals("85.16 GB", ByteSize.ofBytes(85_160_940_943L).toDecimalString());
  }

  @Test
  void fractionalBytesRoundUpToAWholeByte() {
    // 4-bit weights: 3 params x 0.5 B = 1.5 B -> 2 B.
    assertEquals(2, ByteSize.ofBytes(1.5).bytes());
    assertEquals(1, ByteSize.ofBytes(1.0).bytes());
    assertEquals(4, ByteSize.ofBytes(10).dividedBy(3).bytes());
  }

  @Test
  void bytesDividedByBandwidthIsATimeSpan() {
    // Seed 004 Table 4 row 1 (T32): 352.524 GB of IO at 4000 GB/s -> 0.08813 s.
    TimeSpan t = ByteSize.ofGigabytes(352.524).dividedBy(Bandwidth.ofGigabytesPerSecond(4000));
    assertEquals(0.088131, t.seconds(), 1e-6);
    // 80 GiB read at 3.35 TB/s.
    assertEquals(85_899_345_920.0 / 3.35e12, ByteSize.parse("80 GiB").dividedBy(Bandwidth.parse("3.35 TB/s")).seconds(), 1e-15);
  }

  @Test
  void overflowThrowsArithmeticException() {
    ByteSize max = ByteSize.ofBytes(Long.MAX_VALUE);
    assertThrows(ArithmeticException.class, () -> max.plus(ByteSize.ofBytes(1)));
    assertThrows(ArithmeticException.class, () -> max.times(2));
    assertThrows(ArithmeticException.class, () -> ByteSize.ofGibibytes(1).times(1L << 34));
    assertThrows(ArithmeticException.class, () -> ByteSize.ofTebibytes(1e7));
    assertThrows(ArithmeticException.class, () -> ByteSize.ofBytes(1e19));
  }

  @Test
  void subtractingMoreThanTheSizeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ByteSize.ofGibibytes(1).minus(ByteSize.ofGibibytes(2)));
    assertTrue(e.getMessage().contains("2 GiB") && e.getMessage().contains("1 GiB"), e.getMessage());
    assertEquals(ByteSize.ZERO, ByteSize.ofGibibytes(1).minusOrZero(ByteSize.ofGibibytes(2)));
  }

  @Test
  void negativeSizesAndFactorsAreRejectedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.ofBytes(-1L));
    assertEquals("bytes (-1) must not be negative", e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> ByteSize.ofBytes(8).times(Double.NaN));
    assertTrue(f.getMessage().startsWith("factor (NaN)"), f.getMessage());
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> ByteSize.ofBytes(8).times(-2L));
    assertEquals("factor (-2) must not be negative", g.getMessage());
  }

  @Test
  void countsWholeUnits() {
    // A 16-token block of Llama-3.1-8B KV (131072 B/token) in a 1 GiB pool.
    assertEquals(512, ByteSize.ofGibibytes(1).count(ByteSize.ofBytes(16 * 131072L)));
  }
}
