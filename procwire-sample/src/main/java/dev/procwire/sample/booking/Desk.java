package dev.procwire.sample.booking;

import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What every desk of the business serves, whichever it is: the time it goes by, and an audit trail.
 * The {@code @ProcwireService} subclass serves these methods and emits this event as its own.
 */
public abstract class Desk {
    /** One entry per change a desk makes: {@code {at, action, booking_id}}. */
    @Event("audit")
    protected EventEmitter<AuditEntry> audit;

    protected final Clock clock;

    protected Desk(Clock clock) {
        this.clock = clock;
    }

    /** The desk's clock, so a caller can tell how far its own is off. */
    @ProcwireMethod
    public Instant now() {
        return clock.instant();
    }

    /** Records {@code action} on {@code booking} in the audit trail. */
    protected void audit(String action, UUID booking) {
        audit.emit(new AuditEntry(clock.instant(), action, booking));
    }
}
