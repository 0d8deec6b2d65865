package dev.procwire.runtime.internal.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The user of a UNIX-domain peer, from the JDK ({@code SO_PEERCRED} on Linux, {@code LOCAL_PEERCRED}
 * on macOS). Kept apart so that a runtime image without the {@code jdk.net} module fails here, with a
 * {@link LinkageError} the caller reports, and nowhere else.
 */
final class PeerUser {
    private PeerUser() {}

    static UserPrincipal of(SocketChannel ch) throws IOException {
        UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (p == null) {
            throw new IOException("the kernel reported no peer credentials");
        }
        return p.user();
    }
}
