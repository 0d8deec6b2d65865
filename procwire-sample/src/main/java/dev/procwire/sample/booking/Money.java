package dev.procwire.sample.booking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency, in its minor units ({@code EUR 12.50}). Not a record, and built on
 * {@code java.util.Currency}, which the annotation processor does not know: {@link MoneyAdapter}
 * teaches it the text form {@code "EUR 12.50"}.
 */
public final class Money {
    private final Currency currency;
    private final BigDecimal amount;

    private Money(Currency currency, BigDecimal amount) {
        this.currency = currency;
        this.amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    /**
     * {@code Money.of("EUR", "12.50")}.
     *
     * @throws IllegalArgumentException for an unknown currency code or more decimals than it has
     */
    public static Money of(String currencyCode, String amount) {
        try {
            return new Money(Currency.getInstance(currencyCode), new BigDecimal(amount));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(currencyCode + " has " + Currency.getInstance(currencyCode)
                    .getDefaultFractionDigits() + " decimals, so " + amount + " is not an amount of it");
        }
    }

    /**
     * Reads {@link #toString()}'s form, {@code "EUR 12.50"}.
     *
     * @throws IllegalArgumentException when {@code text} is not a currency code, a space and an amount
     */
    public static Money parse(String text) {
        int space = text.indexOf(' ');
        if (space != 3 || text.length() < 5) {
            throw new IllegalArgumentException("expected an amount such as \"EUR 12.50\" but found \"" + text + "\"");
        }
        try {
            return of(text.substring(0, 3), text.substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an amount such as \"EUR 12.50\" but found \"" + text + "\"");
        }
    }

    public Money times(int factor) {
        return new Money(currency, amount.multiply(BigDecimal.valueOf(factor)));
    }

    public Money minus(Money other) {
        return new Money(currency, amount.subtract(same(other).amount));
    }

    public Money min(Money other) {
        return amount.compareTo(same(other).amount) <= 0 ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + this + " and " + other);
        }
        return other;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && currency.equals(m.currency) && amount.equals(m.amount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, amount);
    }

    /** {@code "EUR 12.50"}: the currency code, a space, the amount with the currency's decimals. */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
