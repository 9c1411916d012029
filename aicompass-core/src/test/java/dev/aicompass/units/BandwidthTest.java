package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BandwidthTest {

  @Test
  void parsesDecimalByteRates() {
    // H100 SXM datasheet: 3.35 TB/s HBM3.
    assertEquals(3.35e12, Bandwidth.parse("3.35 TB/s").bytesPerSecond(), 1);
    assertEquals(900e9, Bandwidth.parse("900 GB/s").bytesPerSecond(), 1e-3);
  }

  @Test
  void parsesBitRatesAtEightBitsPerByte() {
    // 400 Gb/s InfiniBand NDR = 50 GB/s.
    assertEquals(50e9, Bandwidth.parse("400 Gb/s").bytesPerSecond(), 1e-3);
    assertEquals(Bandwidth.parse("400 Gb/s"), Bandwidth.parse("400 Gbps"));
    assertEquals("50 GB/s", Bandwidth.parse("400 Gb/s").toString());
  }

  @Test
  void keepsSiAndIecApart() {
    assertNotEquals(Bandwidth.parse("1 GB/s"), Bandwidth.parse("1 GiB/s"));
    assertEquals(1L << 30, Bandwidth.parse("1 GiB/s").bytesPerSecond(), 0);
  }

  @Test
  void printsInDecimalUnits() {
    assertEquals("3.35 TB/s", Bandwidth.parse("3.35 TB/s").toString());
    assertEquals("900 GB/s", Bandwidth.ofGigabytesPerSecond(900).toString());
    assertEquals("4.8 TB/s", Bandwidth.ofTerabytesPerSecond(4.8).toString());
  }

  @Test
  void timesATimeSpanGivesBytes() {
    // Seed 004 section 5.5: 0.012 GiB/token x 32 tokens over 900 GB/s takes 0.000427 s; inverting gives the bytes back.
    ByteSize bytes = ByteSize.ofBytes(13_303_808L * 32);
    TimeSpan t = bytes.dividedBy(Bandwidth.ofGigabytesPerSecond(900));
    assertEquals(0.000473, t.seconds(), 1e-6);
    assertEquals(bytes, Bandwidth.ofGigabytesPerSecond(900).times(t));
  }

  @Test
  void zeroAndNegativeRatesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bandwidth.parse("0 GB/s"));
    assertTrue(e.getMessage().contains("'0 GB/s'"), e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> Bandwidth.ofBytesPerSecond(0));
    assertEquals("bandwidth (bytes/s) (0) must be a positive finite number", f.getMessage());
  }
}
