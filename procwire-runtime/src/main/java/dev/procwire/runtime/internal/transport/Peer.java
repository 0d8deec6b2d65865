package dev.procwire.runtime.internal.transport;

/**
 * What the kernel says about a process that connected to the data plane.
 *
 * @param pid the process id, or -1 when it could not be read
 * @param pidProblem why the process id is unknown ({@code null} when it is known)
 * @param sameUser whether it runs as this worker's user, or {@code null} when that could not be read
 * @param user the peer's user, for messages
 * @param userProblem why the user is unknown ({@code null} when it is known)
 */
record Peer(long pid, String pidProblem, Boolean sameUser, String user, String userProblem) {

    String describe() {
        return pid >= 0 ? "process " + pid : "the connecting process";
    }
}
