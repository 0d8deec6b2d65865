package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.WorkerOptions.PeerCheckMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer-check policy as a pure decision: which peers each mode accepts, and what it says. */
class PeerCheckTest {
    private static final long SELF = 500;
    private static final List<Long> ANCESTORS = List.of(400L, 300L, 1L); // parent, launcher, init

    private static Peer peer(long pid) {
        return new Peer(pid, null, true, "alice", null);
    }

    @Test
    void defaultModeIsAncestor() {
        assertEquals(PeerCheckMode.ANCESTOR, PeerCheck.defaults().mode());
    }

    @Test
    void ancestorModeAcceptsParentEveryAncestorAndTheWorkerItself() {
        PeerCheck check = PeerCheck.defaults();
        assertNull(check.refusal(peer(400), SELF, ANCESTORS));
        assertNull(check.refusal(peer(300), SELF, ANCESTORS), "a launcher between parent and worker");
        assertNull(check.refusal(peer(1), SELF, ANCESTORS));
        assertNull(check.refusal(peer(SELF), SELF, ANCESTORS));
    }

    @Test
    void ancestorModeRefusesAProcessOutsideTheAncestryAndSaysHowToAllowIt() {
        String why = PeerCheck.defaults().refusal(peer(777), SELF, ANCESTORS);
        assertNotNull(why);
        assertTrue(why.contains("process 777"), why);
        assertTrue(why.contains("400, 300, 1"), why);
        assertTrue(why.contains("PROCWIRE_PEER_CHECK=same-user"), why);
    }

    @Test
    void sameUserModeAcceptsAnyProcessOfTheUser() {
        assertNull(PeerCheck.of(PeerCheckMode.SAME_USER).refusal(peer(777), SELF, ANCESTORS));
    }

    @Test
    void everyModeButOffRefusesAnotherUser() {
        Peer mallory = new Peer(400, null, false, "mallory", null);
        assertTrue(PeerCheck.defaults().refusal(mallory, SELF, ANCESTORS).contains("runs as mallory"));
        assertTrue(PeerCheck.of(PeerCheckMode.SAME_USER).refusal(mallory, SELF, ANCESTORS).contains("runs as mallory"));
        assertNull(PeerCheck.of(PeerCheckMode.OFF).refusal(mallory, SELF, ANCESTORS));
    }

    @Test
    void aPeerWhoseUserCannotBeReadIsRefusedUnlessTheCheckIsOff() {
        Peer unknown = new Peer(400, null, null, "?", "not supported");
        assertTrue(PeerCheck.defaults().refusal(unknown, SELF, ANCESTORS).contains("PROCWIRE_PEER_CHECK=off"));
        assertNotNull(PeerCheck.of(PeerCheckMode.SAME_USER).refusal(unknown, SELF, ANCESTORS));
        assertNull(PeerCheck.of(PeerCheckMode.OFF).refusal(unknown, SELF, ANCESTORS));
    }

    @Test
    void anUnknownPidFallsBackToTheUserCheck() {
        Peer noPid = new Peer(-1, "no /proc", true, "alice", null);
        assertNull(PeerCheck.defaults().refusal(noPid, SELF, ANCESTORS));
        Peer noPidOtherUser = new Peer(-1, "no /proc", false, "mallory", null);
        assertNotNull(PeerCheck.defaults().refusal(noPidOtherUser, SELF, ANCESTORS));
    }

    @Test
    void ancestorsOfThisProcessStartWithItsParent() {
        List<Long> ancestors = PeerCheck.ancestorsOfThisProcess();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(parent, ancestors.get(0));
        assertTrue(ancestors.size() <= PeerCheck.MAX_ANCESTORS);
        assertEquals(ancestors.size(), ancestors.stream().distinct().count());
    }
}
