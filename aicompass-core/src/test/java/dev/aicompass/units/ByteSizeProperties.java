package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ByteSizeProperties {

  /** Sizes up to 2^61 bytes (2 EiB), so that sums of two and printed-then-rounded values stay inside a long. */
  private static final Gen<ByteSize> SIZES = longs().between(0, 1L << 61).map(ByteSize::ofBytes);

  /** Small sizes spread over every unit, where most printing happens. */
  private static final Gen<ByteSize> SMALL = doubles().between(0, 50).map(e -> ByteSize.ofBytes((long) Math.pow(2, e)));

  /**
   * Printing keeps 2 decimals below 100 units and 1 above, so the relative error of a round trip is
   * at most 0.005 / 1 (0.5 %) in binary units, and parsing rounds up to a whole byte (one more at
   * most; 1193 B prints as 1.17 KiB, which parses to 1199 B); sizes under 1 KiB print exactly.
   */
  private static void assertRoundTrips(ByteSize x, ByteSize back) {
    if (x.bytes() < 1024) {
      assertEquals(x, back);
    } else {
      assertEquals(x.bytes(), back.bytes(), x.bytes() * 0.005 + 1, () -> x.bytes() + " printed as " + x);
    }
  }

  @Test
  void parseOfToStringRoundTripsWithinPrintPrecision() {
    assertRoundTrips(ByteSize.ofBytes(1193), ByteSize.parse(ByteSize.ofBytes(1193).toString()));
    qt().forAll(SIZES).checkAssert(x -> assertRoundTrips(x, ByteSize.parse(x.toString())));
    qt().forAll(SMALL).checkAssert(x -> assertRoundTrips(x, ByteSize.parse(x.toString())));
  }

  @Test
  void parseOfDecimalStringRoundTripsWithinPrintPrecision() {
    qt().forAll(SIZES.mix(SMALL)).checkAssert(x -> {
      ByteSize back = ByteSize.parse(x.toDecimalString());
      if (x.bytes() < 1000) {
        assertEquals(x, back);
      } else {
        assertEquals(x.bytes(), back.bytes(), x.bytes() * 0.005 + 1, () -> x.bytes() + " printed as " + x.toDecimalString());
      }
    });
  }

  @Test
  void plusIsMonotoneInBothArguments() {
    qt().forAll(SIZES, SIZES, SIZES).checkAssert((a, b, c) -> {
      ByteSize lo = a.min(b);
      ByteSize hi = a.max(b);
      assertTrue(lo.plus(c).compareTo(hi.plus(c)) <= 0);
      assertTrue(a.plus(c).compareTo(a) >= 0);
      assertEquals(a.plus(c), c.plus(a));
    });
  }

  @Test
  void timesIsMonotoneInTheFactor() {
    qt().forAll(longs().between(0, 1L << 40).map(ByteSize::ofBytes), doubles().between(0, 1000), doubles().between(0, 1000))
        .checkAssert((x, f, g) -> {
          assertTrue(x.times(Math.min(f, g)).compareTo(x.times(Math.max(f, g))) <= 0);
          assertTrue(x.times(f).bytes() >= 0);
        });
  }

  @Test
  void dividingThenMultiplyingRoundTrips() {
    qt().forAll(longs().between(0, 1L << 50).map(ByteSize::ofBytes), longs().between(1, 1 << 20)).checkAssert((x, n) -> {
      // Division rounds up, so multiplying back gives at least x and less than x + n.
      long back = x.dividedBy(n).times(n).bytes();
      assertTrue(back >= x.bytes() && back < x.bytes() + n, () -> x.bytes() + " / " + n + " * " + n + " = " + back);
    });
  }

  @Test
  void bytesOverBandwidthTimesBandwidthGivesTheBytesBack() {
    qt().forAll(longs().between(0, 1L << 50).map(ByteSize::ofBytes), doubles().between(1e6, 1e14).map(Bandwidth::ofBytesPerSecond))
        .checkAssert((x, bw) -> {
          ByteSize back = bw.times(x.dividedBy(bw));
          assertEquals(x.bytes(), back.bytes(), 1 + x.bytes() * 1e-12);
        });
  }

  @Test
  void conversionsAreNeverNegativeOrNaN() {
    qt().forAll(SIZES).checkAssert(x -> {
      for (double v : new double[] {x.toKibibytes(), x.toMebibytes(), x.toGibibytes(), x.toGigabytes()}) {
        assertTrue(v >= 0 && Double.isFinite(v), () -> x.bytes() + " converted to " + v);
      }
    });
  }
}
