package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed quantity is rejected with an IllegalArgumentException that names the type and quotes the input (STYLE item 5). */
class UnitParsingTest {

  private static Stream<Arguments> parser(String type, Function<String, ?> parse, String unit) {
    List<String> bad = List.of("", "   ", unit, "80 XB", "-1 " + unit, "NaN " + unit, "1e400 " + unit, "80 " + unit + " extra",
        "eighty " + unit, "1.2.3 " + unit);
    return bad.stream().map(text -> Arguments.of(type, parse, text));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        parser("byte size", ByteSize::parse, "GiB"),
        parser("bandwidth", Bandwidth::parse, "TB/s"),
        parser("compute rate", FlopRate::parse, "TFLOPS"),
        parser("FLOP count", FlopCount::parse, "TFLOP"),
        parser("time", TimeSpan::parse, "ms"),
        parser("token rate", TokenRate::parse, "tok/s"),
        parser("power", Power::parse, "W"))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0} rejects \"{2}\"")
  @MethodSource("malformed")
  void rejectsMalformedInputQuotingIt(String type, Function<String, ?> parse, String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse.apply(text));
    assertTrue(e.getMessage().startsWith(type + " '" + text + "'"), e.getMessage());
  }

  static Stream<Arguments> nulls() {
    return Stream.of(
        Arguments.of("byte size", (Function<String, ?>) ByteSize::parse),
        Arguments.of("bandwidth", (Function<String, ?>) Bandwidth::parse),
        Arguments.of("compute rate", (Function<String, ?>) FlopRate::parse),
        Arguments.of("FLOP count", (Function<String, ?>) FlopCount::parse),
        Arguments.of("time", (Function<String, ?>) TimeSpan::parse),
        Arguments.of("token rate", (Function<String, ?>) TokenRate::parse),
        Arguments.of("power", (Function<String, ?>) Power::parse));
  }

  @ParameterizedTest(name = "{0} rejects null")
  @MethodSource("nulls")
  void rejectsNullNamingTheType(String type, Function<String, ?> parse) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse.apply(null));
    assertEquals(type + " text must be given", e.getMessage());
  }

  @Test
  void unknownUnitIsNamedAndTheKnownUnitsListed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("80 XB"));
    assertEquals("byte size '80 XB' has unknown unit 'XB' (units: B, KiB, MiB, GiB, TiB, kB, KB, MB, GB, TB)", e.getMessage());
  }

  @Test
  void aMissingUnitIsRejectedWhereNoDefaultExists() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("80"));
    assertTrue(e.getMessage().startsWith("byte size '80' needs a unit"), e.getMessage());
    // Counts and token rates have a natural default unit.
    assertEquals(12, FlopCount.parse("12").flops(), 0);
    assertEquals(1200, TokenRate.parse("1200").tokensPerSecond(), 0);
  }

  @Test
  void aByteSizeBeyondLongRangeIsAParseErrorQuotingTheInput() {
    // 1e30 B is a finite number, but no long holds it: it is malformed input, not an arithmetic accident.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("1e30 B"));
    assertTrue(e.getMessage().startsWith("byte size '1e30 B'"), e.getMessage());
    assertSame(ArithmeticException.class, e.getCause().getClass());
  }

  @Test
  void acceptsGroupedDigitsAndCaseInsensitiveUnits() {
    assertEquals(1_000_000_000_000L, ByteSize.parse("1,000 GB").bytes());
    assertEquals(1_000_000_000_000L, ByteSize.parse("1_000 GB").bytes());
    assertEquals(80L << 30, ByteSize.parse("80 gib").bytes());
  }

  @Test
  void moneyRejectsMalformedAmounts() {
    for (String text : new String[] {"", "USD", "-1 USD", "2.49", "2.49 US", "NaN USD"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(text));
      assertTrue(e.getMessage().startsWith("money '" + text + "'"), e.getMessage());
    }
    assertEquals(Money.of(2.49, "usd"), Money.parse("2.49 USD"));
  }
}
