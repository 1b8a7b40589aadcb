package io.streamrecorder.whip;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code application/trickle-ice-sdpfrag} body (RFC 8840) as a WHIP client PATCHes it: the ICE
 * credentials it was made under and its candidates, each with the media section it belongs to.
 */
record TrickleFragment(String iceUfrag, List<Candidate> candidates) {

    /** {@code candidate} without its {@code a=}, as webrtc takes it. */
    record Candidate(String mid, int mLineIndex, String candidate) {
    }

    /** {@code mids}: the offer's media sections in order, to number each candidate's section. */
    static TrickleFragment parse(String body, List<String> mids) throws InvalidFragmentException {
        String ufrag = null;
        String mid = null;
        List<Candidate> candidates = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("m=")) {
                mid = null;
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length());
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring("a=ice-ufrag:".length());
            } else if (line.startsWith("a=candidate:")) {
                if (mid == null || !mids.contains(mid)) {
                    throw new InvalidFragmentException("A candidate must follow the a=mid of one of the offer's media sections");
                }
                candidates.add(new Candidate(mid, mids.indexOf(mid), line.substring("a=".length())));
            } else if (!line.isEmpty() && !line.startsWith("a=")) {
                throw new InvalidFragmentException("Not an SDP fragment: every line must be an m= or an a= line");
            }
        }
        return new TrickleFragment(ufrag, candidates);
    }

    static final class InvalidFragmentException extends Exception {
        InvalidFragmentException(String message) {
            super(message);
        }
    }
}
