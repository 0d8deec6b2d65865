package golden.catalog;

import java.math.BigInteger;

/** Immutable: built with the constructor taking every property. */
public final class Price {
    private final String currency;
    private final BigInteger cents;

    public Price(String currency, BigInteger cents) {
        this.currency = currency;
        this.cents = cents;
    }

    public String getCurrency() {
        return currency;
    }

    public BigInteger getCents() {
        return cents;
    }
}
