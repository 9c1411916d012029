package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class QuantitiesProperties {

  @Test
  void flopRateSurvivesFormatAndParseWithinRounding() {
    qt().forAll(doubles().between(1e3, 1e18)).checkAssert(rate -> {
      String text = Quantities.formatFlopRate(rate);
      double back = Quantities.parseFlopRate("rate", text);
      assertTrue(Math.abs(back - rate) <= rate * 5e-4, text + " vs " + rate);
      assertEquals(text, Quantities.formatFlopRate(back));
    });
  }

  @Test
  void bandwidthSurvivesFormatAndParseWithinRounding() {
    qt().forAll(doubles().between(1e6, 1e14)).checkAssert(bw -> {
      // (999.95e9 .. 1e12 is pinned in QuantitiesTest: random doubles rarely land there.)
      String text = Quantities.formatBandwidth(bw);
      double back = Quantities.parseBandwidth("bw", text);
      assertTrue(Math.abs(back - bw) <= bw * 5e-4, text + " vs " + bw);
      assertEquals(text, Quantities.formatBandwidth(back));
    });
  }

  @Test
  void timeSurvivesFormatAndParseWithinRounding() {
    qt().forAll(doubles().between(1e-9, 1e3)).checkAssert(seconds -> {
      String text = Quantities.formatTime(seconds);
      double back = Quantities.parseTime("t", text);
      assertTrue(Math.abs(back - seconds) <= seconds * 5e-4, text + " vs " + seconds);
      assertEquals(text, Quantities.formatTime(back));
    });
  }

  @Test
  void memorySizeSurvivesFormatAndParseWithinRounding() {
    qt().forAll(longs().between(1L << 20, 1L << 44)).checkAssert(bytes -> {
      String text = Quantities.formatBytes(bytes);
      long back = Quantities.parseBytes("memory", text);
      assertTrue(Math.abs(back - bytes) <= bytes * 5e-4, text + " vs " + bytes);
      assertEquals(text, Quantities.formatBytes(back));
    });
  }
}
