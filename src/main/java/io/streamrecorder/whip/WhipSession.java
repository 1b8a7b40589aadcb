package io.streamrecorder.whip;

import io.streamrecorder.publishing.IceCandidate;
import io.streamrecorder.publishing.Publisher;
import io.streamrecorder.publishing.RecordedFile;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One WHIP publish: the HTTP resource a client stops with DELETE and trickles to with PATCH. It
 * keeps only what its HTTP answers need: the SDP answer with every candidate, and that it ended.
 */
final class WhipSession implements Publisher {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Unguessable (whoever knows it can stop the stream), after the node's name and a dot, so that a
     * front door sends the session's requests to the node that holds it.
     */
    private final String id;
    private final String sessionId = randomHex(6);
    private final String streamName;
    private final WhipOffer offer;
    private final CompletableFuture<String> answer = new CompletableFuture<>();
    private final Consumer<WhipSession> onEnded;
    private volatile String answerWithoutCandidates;

    WhipSession(String nodeName, String streamName, WhipOffer offer, Consumer<WhipSession> onEnded) {
        this.id = nodeName + "." + randomHex(16);
        this.streamName = streamName;
        this.offer = offer;
        this.onEnded = onEnded;
    }

    String id() {
        return id;
    }

    String streamName() {
        return streamName;
    }

    /** Its ICE username fragment tells trickled candidates from an ICE restart; its sections number them. */
    WhipOffer offer() {
        return offer;
    }

    /** Identifies the ICE session (RFC 9725 section 4.3.1); there are no restarts, so it never changes. */
    String etag() {
        return "\"" + id + "\"";
    }

    /** Completes with the answer holding every local candidate, or fails with why the publish failed. */
    CompletableFuture<String> answer() {
        return answer;
    }

    /** The answer as first made, for a client that cannot wait for every candidate. */
    String answerWithoutCandidates() {
        return answerWithoutCandidates;
    }

    @Override
    public void answered(String streamName, String sdp) {
        answerWithoutCandidates = sdp;
    }

    /** WHIP clients get every candidate in the answer, none trickled. */
    @Override
    public void candidate(String streamName, IceCandidate candidate) {
    }

    @Override
    public void candidatesGathered(String streamName, String localSdp) {
        answer.complete(localSdp);
    }

    @Override
    public void publishing(String streamName) {
    }

    @Override
    public void unpublished(String streamName, List<RecordedFile> files) {
        ended("The stream was stopped before it was answered");
    }

    @Override
    public void failed(String streamName, String reason) {
        ended(reason);
    }

    /** An answer not yet sent fails with the reason; the session is gone either way. */
    private void ended(String reason) {
        answer.completeExceptionally(new WhipFailure(reason));
        onEnded.accept(this);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The stream failed (or ended) before it was answered; the message is the reason. */
    static final class WhipFailure extends RuntimeException {
        WhipFailure(String reason) {
            super(reason);
        }
    }
}
