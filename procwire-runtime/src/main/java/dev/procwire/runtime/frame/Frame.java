package dev.procwire.runtime.frame;

/**
 * One decoded data-plane frame.
 *
 * @param methodId unsigned 16-bit method id
 * @param flags the flag byte
 * @param requestId the request id's 32 bits, echoed as received (unsigned: use {@link #requestIdUnsigned()})
 * @param payload exactly the payload bytes
 */
public record Frame(int methodId, int flags, int requestId, byte[] payload) {

    public long requestIdUnsigned() {
        return requestId & 0xffffffffL;
    }
}
