package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobOwnerTest {

    @Test
    void aJobBelongsToTheNodeNamedInItsParameters() {
        Properties parameters = new Properties();
        parameters.setProperty(JobOwner.PARAMETER, "node-a");

        assertEquals(Optional.of("node-a"), JobOwner.of(parameters));
        assertTrue(JobOwner.isOwnedBy(parameters, "node-a"));
        assertFalse(JobOwner.isOwnedBy(parameters, "node-b"), "another node must leave it alone");
    }

    @Test
    void aJobQueuedBeforeNodesWereNamedBelongsToWhicheverNodeLooks() {
        assertEquals(Optional.empty(), JobOwner.of(new Properties()));
        assertEquals(Optional.empty(), JobOwner.of(null));
        assertTrue(JobOwner.isOwnedBy(new Properties(), "node-b"));
        assertTrue(JobOwner.isOwnedBy(null, "node-b"));
    }
}
