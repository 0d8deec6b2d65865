package dev.procwire.sample.interop;

import dev.procwire.api.FromWire;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.ToWire;
import dev.procwire.api.WireAdapter;
import dev.procwire.runtime.Procwire;
import java.math.BigDecimal;
import java.util.List;

/**
 * A worker whose values include a type only a {@link WireAdapter} teaches the processor (interop
 * scenario src/test/node/adapted.mjs): a {@link Money} travels as its string, {@code "EUR 12.50"}.
 *
 * <ul>
 *   <li>{@code total {items}}: the sum of the items' prices, {@code {count, sum}} (a {@link Receipt});
 *   <li>{@code parse {text}}: the string read as a {@link Money} and written back; a string its
 *       adapter refuses is {@code INVALID_PARAMS} with the adapter's message.
 * </ul>
 */
@ProcwireService
public final class AdaptedWorker {
    /** A sum of money in one currency; neither a record nor a bean. */
    public static final class Money {
        private final String currency;
        private final BigDecimal amount;

        Money(String currency, BigDecimal amount) {
            this.currency = currency;
            this.amount = amount;
        }

        static Money parse(String text) {
            String[] parts = text.split(" ");
            if (parts.length != 2 || !parts[0].matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("not an amount of money: \"" + text + "\"");
            }
            return new Money(parts[0], new BigDecimal(parts[1]));
        }

        @Override
        public String toString() {
            return currency + " " + amount.toPlainString();
        }
    }

    @WireAdapter
    static final class MoneyAdapter {
        private MoneyAdapter() {}

        @ToWire
        static String toWire(Money money) {
            return money.toString();
        }

        @FromWire
        static Money fromWire(String text) {
            return Money.parse(text);
        }
    }

    public record Item(String name, Money price) {}

    public record Receipt(int count, Money sum) {}

    @ProcwireMethod
    public Receipt total(List<Item> items) {
        Money sum = null;
        for (Item i : items) {
            sum = sum == null ? i.price() : new Money(sum.currency, sum.amount.add(i.price().amount));
        }
        return new Receipt(items.size(), sum);
    }

    @ProcwireMethod
    public Money parse(Money text) {
        return text;
    }

    public static void main(String[] args) {
        Procwire.serve(new AdaptedWorker());
    }
}
