package io.streamrecorder.signalling;

import java.util.Arrays;
import java.util.Optional;

/** The wire names of the messages a browser may send. */
enum ClientMessageType {
    ICE_SERVERS("ice-servers"),
    PUBLISH("publish"),
    ICE("ice"),
    PAUSE("pause"),
    RESUME("resume"),
    STOP("stop");

    private final String wireName;

    ClientMessageType(String wireName) {
        this.wireName = wireName;
    }

    static Optional<ClientMessageType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
