package io.streamrecorder.access;

import java.time.Instant;

/** A token that lets its holder publish one stream name until it expires. */
public record PublishToken(String streamName, Instant expires, String token) {
}
