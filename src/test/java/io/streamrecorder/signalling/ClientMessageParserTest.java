package io.streamrecorder.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamrecorder.publishing.PublishRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessageParserTest {

    private final ClientMessageParser parser = new ClientMessageParser();

    @Test
    void parsesPublishWithRecordFlagDefaultingToTrue() throws Exception {
        ClientMessage message = parser.parse("{\"type\":\"publish\",\"streamName\":\"s1\",\"sdp\":\"v=0\"}");
        assertEquals(new ClientMessage.Publish("s1", true, "v=0", null, Map.of()), message);
    }

    @Test
    void parsesPublishToken() throws Exception {
        ClientMessage message = parser.parse("{\"type\":\"publish\",\"streamName\":\"s1\",\"sdp\":\"v=0\",\"token\":\"s1.1.x\"}");
        assertEquals(new ClientMessage.Publish("s1", true, "v=0", "s1.1.x", Map.of()), message);
    }

    @Test
    void parsesPublishMetadataLeavingItsMeaningToTheRegistry() throws Exception {
        ClientMessage message = parser.parse("{\"type\":\"publish\",\"streamName\":\"s1\",\"sdp\":\"v=0\","
                + "\"metadata\":{\"customer\":\"ACME Ltd\",\"Case\":\"42\"}}");
        assertEquals(new ClientMessage.Publish("s1", true, "v=0", null, Map.of("customer", "ACME Ltd", "Case", "42")), message);
    }

    @Test
    void parsesIceCandidate() throws Exception {
        ClientMessage message = parser.parse("{\"type\":\"ice\",\"streamName\":\"s1\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":1}");
        assertEquals(new ClientMessage.Ice("s1", "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 1), message);
    }

    @Test
    void parsesPauseAndResume() throws Exception {
        assertEquals(new ClientMessage.Pause("s1"), parser.parse("{\"type\":\"pause\",\"streamName\":\"s1\"}"));
        assertEquals(new ClientMessage.Resume("s1"), parser.parse("{\"type\":\"resume\",\"streamName\":\"s1\"}"));
    }

    @Test
    void parsesStop() throws Exception {
        assertEquals(new ClientMessage.Stop("s1"), parser.parse("{\"type\":\"stop\",\"streamName\":\"s1\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|Message is not valid JSON",
        "[1,2]|A message must be a JSON object",
        "{\"streamName\":\"s\"}|Field 'type' is missing",
        "{\"type\":\"dance\",\"streamName\":\"s\"}|Unknown message type 'dance'",
        "{\"type\":\"publish\",\"streamName\":\"s\"}|Field 'sdp' is missing",
        "{\"type\":\"publish\",\"streamName\":7,\"sdp\":\"v=0\"}|Field 'streamName' must be a string",
        "{\"type\":\"publish\",\"streamName\":\"s\",\"sdp\":\"v=0\",\"record\":\"yes\"}|Field 'record' must be true or false",
        "{\"type\":\"publish\",\"streamName\":\"s\",\"sdp\":\"v=0\",\"metadata\":[]}|Field 'metadata' must be an object of strings",
        "{\"type\":\"publish\",\"streamName\":\"s\",\"sdp\":\"v=0\",\"metadata\":{\"n\":1}}|Field 'metadata' must be an object of strings",
        "{\"type\":\"ice\",\"streamName\":\"s\",\"candidate\":\"c\",\"sdpMLineIndex\":-1}|Field 'sdpMLineIndex' must be a whole number from 0 to 63",
    })
    void refusesMalformedMessagesNamingTheProblem(String text, String reason) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> parser.parse(text));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void refusesOversizedSdp() {
        String sdp = "v".repeat(PublishRequest.MAX_SDP_LENGTH + 1);
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> parser.parse("{\"type\":\"publish\",\"streamName\":\"s\",\"sdp\":\"" + sdp + "\"}"));
        assertEquals("Field 'sdp' is longer than " + PublishRequest.MAX_SDP_LENGTH + " characters", e.getMessage());
    }
}
