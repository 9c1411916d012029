package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An amount of money in one currency ({@code "2.49 USD"}); amounts are non-negative. */
public final class Money implements Comparable<Money> {
  private static final Pattern FORM = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]{3})\\s*");

  private final double amount;
  private final String currency;

  private Money(double amount, String currency) {
    this.amount = amount;
    this.currency = currency;
  }

  /** Returns {@code amount} of the three-letter {@code currency} code. */
  public static Money of(double amount, String currency) {
    Checks.nonNegative("amount", amount);
    if (currency == null || !currency.matches("[A-Za-z]{3}")) {
      throw Checks.invalid("currency", currency, "be a three-letter code such as USD");
    }
    return new Money(amount, currency.toUpperCase(Locale.ROOT));
  }

  /** Parses {@code "2.49 USD"}. */
  public static Money parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("money '" + text + "' is not of the form '<amount> <CUR>', e.g. '2.49 USD'");
    }
    return of(Double.parseDouble(m.group(1)), m.group(2));
  }

  public double amount() {
    return amount;
  }

  public String currency() {
    return currency;
  }

  public Money times(double factor) {
    return new Money(amount * Checks.nonNegative("factor", factor), currency);
  }

  @Override
  public int compareTo(Money o) {
    if (!currency.equals(o.currency)) {
      throw new IllegalArgumentException("cannot compare " + this + " with " + o);
    }
    return Double.compare(amount, o.amount);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money && ((Money) o).currency.equals(currency) && Double.compare(((Money) o).amount, amount) == 0;
  }

  @Override
  public int hashCode() {
    return currency.hashCode() * 31 + Double.hashCode(amount);
  }

  @Override
  public String toString() {
    return Quantities.number(amount, amount >= 100 ? 0 : 2) + " " + currency;
  }
}
