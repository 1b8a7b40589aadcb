package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.it.net.TurnCredentials;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Talks to the signalling endpoint the way a careless or hostile client would. */
class SignallingProtocolIT {

    /** The IT server's HTTP read timeout as the build set it up (WildFly's default, 90 s, unless told). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(Integer.getInteger("it.read.timeout.seconds", 90));

    private SignallingClient client;

    @BeforeEach
    void connect() throws Exception {
        client = new SignallingClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void answersMalformedMessagesWithTheirProblemAndStaysOpen() throws Exception {
        assertError("{not json", "Message is not valid JSON");
        assertError("{\"type\":\"teleport\",\"streamName\":\"x\"}", "Unknown message type 'teleport'");
        assertError("{\"type\":\"publish\",\"streamName\":\"x\"}", "Field 'sdp' is missing");
        assertError("{\"type\":\"stop\",\"streamName\":\"nobody\"}", "No stream named 'nobody' is publishing on this connection");
    }

    @Test
    void refusesPublishWithHostileNameAsFailedStatus() throws Exception {
        client.send("{\"type\":\"publish\",\"streamName\":\"../../etc/passwd\",\"sdp\":\"v=0\\r\\nm=video 9 UDP 96\\r\\n\"}");
        JsonObject reply = next();
        assertEquals("status", reply.getString("type"));
        assertEquals("FAILED", reply.getString("status"));
        assertEquals("../../etc/passwd", reply.getString("streamName"));
        assertEquals("Stream name must not contain '/' or '\\'", reply.getString("reason"));
    }

    @Test
    void refusesMetadataS3CouldNotCarryAsFailedStatus() throws Exception {
        String name = "metadata-" + System.nanoTime();
        client.send("{\"type\":\"publish\",\"streamName\":\"" + name + "\",\"token\":\"" + Tokens.mint(name)
                + "\",\"sdp\":\"v=0\\r\\nm=video 9 UDP 96\\r\\n\",\"metadata\":{\"city\":\"Zürich\"}}");
        JsonObject reply = next();
        assertEquals("FAILED", reply.getString("status"), reply.toString());
        assertEquals("Metadata 'city' may only contain printable ASCII characters (S3 sends metadata in HTTP headers)",
                reply.getString("reason"));
    }

    @Test
    void handsStunAndTurnServersWithAMintedCredentialToWhoeverMayPublishTheStream() throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getEncoder().encodeToString(random);
        ManagementApi.setSystemProperty("streamrecorder.ice.publisher-servers", "stun:198.51.100.5:3478,turn:198.51.100.5:3478?transport=tcp");
        ManagementApi.setSystemProperty("streamrecorder.ice.turn-secret", secret);
        try {
            client.send("{\"type\":\"ice-servers\",\"streamName\":\"ice-1\"}");
            JsonObject refused = next();
            assertEquals("FAILED", refused.getString("status"), refused.toString());
            assertFalse(refused.toString().contains(secret));

            long before = System.currentTimeMillis() / 1000;
            client.send(Json.createObjectBuilder().add("type", "ice-servers").add("streamName", "ice-1")
                    .add("token", Tokens.mint("ice-1")).build().toString());
            JsonObject reply = next();
            assertEquals("ice-servers", reply.getString("type"), reply.toString());
            JsonArray servers = reply.getJsonArray("iceServers");
            assertEquals("{\"urls\":\"stun:198.51.100.5:3478\"}", servers.getJsonObject(0).toString());
            JsonObject turn = servers.getJsonObject(1);
            assertEquals("turn:198.51.100.5:3478?transport=tcp", turn.getString("urls"));
            String username = turn.getString("username");
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertEquals(":ice-1", username.substring(username.indexOf(':')));
            assertTrue(expiry >= before + 86_400 && expiry <= before + 86_460, username);
            assertEquals(TurnCredentials.mint(secret, "ice-1", Instant.ofEpochSecond(expiry)).password(),
                    turn.getString("credential"), "the credential coturn expects");
        } finally {
            ManagementApi.removeSystemProperty("streamrecorder.ice.publisher-servers");
            ManagementApi.removeSystemProperty("streamrecorder.ice.turn-secret");
        }
    }

    @Test
    void keepsAQuietSocketOpenPastTheServersReadTimeout() throws Exception {
        // The server's HTTP listener closes connections that read nothing for its read timeout; a publishing page is quiet.
        stayQuietFor(READ_TIMEOUT.plusSeconds(5));
        assertError("{\"type\":\"stop\",\"streamName\":\"late\"}", "No stream named 'late' is publishing on this connection");
    }

    /** Sends nothing for {@code quiet}: the silence is the subject, past the read timeout. */
    private static void stayQuietFor(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
    }

    private void assertError(String message, String reason) throws Exception {
        client.send(message);
        JsonObject reply = next();
        assertEquals("error", reply.getString("type"), reply.toString());
        assertEquals(reason, reply.getString("reason"));
    }

    private JsonObject next() throws Exception {
        SignallingClient.Reply reply = client.next(Duration.ofSeconds(10));
        return assertInstanceOf(SignallingClient.Message.class, reply, "the server replied with a message").json();
    }
}
