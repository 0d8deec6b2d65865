package dev.procwire.api;

/**
 * An error answer with a machine-readable {@code code} and optional {@code data}. Any exception a
 * handler throws becomes an error frame; throw this one to choose what the parent sees beyond the
 * message. The parent surfaces {@code message} and keeps the whole map as the error's data.
 *
 * <pre>{@code
 * throw new ProcwireException("no such image: " + path, "NOT_FOUND", Map.of("path", path));
 * }</pre>
 */
public class ProcwireException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Object data;

    /** An error with only a message. */
    public ProcwireException(String message) {
        this(message, null, null);
    }

    /**
     * An error with a code and data.
     *
     * @param code a short machine-readable code, or {@code null}
     * @param data a value of the dynamic MsgPack model (maps, lists, strings, numbers, booleans,
     *     byte arrays, {@code null}), or {@code null}
     */
    public ProcwireException(String message, String code, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    /** The error code, or {@code null}. */
    public String code() {
        return code;
    }

    /** The error data, or {@code null}. */
    public Object data() {
        return data;
    }
}
