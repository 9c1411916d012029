package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeSpanTest {

  @Test
  void parsesMillisecondsWithOrWithoutASpace() {
    assertEquals(0.5, TimeSpan.parse("500ms").seconds(), 1e-15);
    assertEquals(0.05, TimeSpan.parse("50 ms").seconds(), 1e-15);
  }

  @Test
  void parsesSecondsAndOtherUnits() {
    assertEquals(0.5, TimeSpan.parse("0.5 s").seconds(), 0);
    assertEquals(20e-6, TimeSpan.parse("20 us").seconds(), 1e-18);
    assertEquals(20e-6, TimeSpan.parse("20 µs").seconds(), 1e-18);
    assertEquals(120, TimeSpan.parse("2 min").seconds(), 0);
  }

  @Test
  void halfASecondPrintsAs500Milliseconds() {
    assertEquals("500 ms", TimeSpan.parse("0.5 s").toString());
    assertEquals("1.25 s", TimeSpan.ofSeconds(1.25).toString());
    assertEquals("730 us", TimeSpan.ofMicros(730).toString());
    assertEquals("0 ms", TimeSpan.ZERO.toString());
  }

  @Test
  void convertsToAndFromDuration() {
    assertEquals(Duration.ofMillis(500), TimeSpan.parse("500ms").toDuration());
    assertEquals(0.25, TimeSpan.of(Duration.ofMillis(250)).seconds(), 1e-15);
  }

  @Test
  void arithmeticNeverGoesNegative() {
    TimeSpan a = TimeSpan.ofMillis(5);
    assertEquals(TimeSpan.ZERO, a.minusOrZero(TimeSpan.ofMillis(6)));
    assertEquals(0.012, a.plus(TimeSpan.ofMillis(7)).seconds(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> a.times(-1));
    assertThrows(IllegalArgumentException.class, () -> a.dividedBy(0));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.ofSeconds(-1e-9));
  }

  @Test
  void aBareNumberIsReadInTheDefaultUnit() {
    org.junit.jupiter.api.Assertions.assertEquals(0.5, TimeSpan.parse("500", "ms").seconds(), 1e-12);
    org.junit.jupiter.api.Assertions.assertEquals(2.0, TimeSpan.parse("2s", "ms").seconds(), 1e-12);
    org.junit.jupiter.api.Assertions.assertEquals(0.0125, TimeSpan.parse(" 12.5 ", "ms").seconds(), 1e-12);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("500"));
  }
}
