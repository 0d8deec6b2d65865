package dev.procwire.sample.booking;

import dev.procwire.api.Discriminator;
import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireName;
import dev.procwire.api.WireNaming;
import java.time.LocalDate;

/**
 * How a booking is paid: a TypeScript discriminated union on {@code "method"},
 * {@code {"method": "card", "last4": "4242", "valid_until": "2029-12-31"}},
 * {@code {"method": "bank_transfer", "iban": "…", "reference": "…"}} or
 * {@code {"method": "voucher", "code": "…", "value": "EUR 50.00"}}.
 */
@Discriminator("method")
@WireNaming(NamingPolicy.SNAKE_CASE)
public sealed interface Payment permits Payment.Card, Payment.BankTransfer, Payment.Voucher {

    /** What the payment covers of {@code total}. */
    Money covers(Money total);

    @WireNaming(NamingPolicy.SNAKE_CASE)
    record Card(String last4, LocalDate validUntil) implements Payment {
        @Override
        public Money covers(Money total) {
            return total;
        }
    }

    record BankTransfer(String iban, @WireName("reference") String remittanceReference) implements Payment {
        @Override
        public Money covers(Money total) {
            return total;
        }
    }

    record Voucher(String code, Money value) implements Payment {
        @Override
        public Money covers(Money total) {
            return value.min(total);
        }
    }
}
