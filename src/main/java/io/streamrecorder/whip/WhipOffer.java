package io.streamrecorder.whip;

import java.util.ArrayList;
import java.util.List;

/** What a WHIP session needs to remember of the offer: its ICE username fragment and media sections. */
record WhipOffer(String sdp, String iceUfrag, List<String> mids) {

    static WhipOffer parse(String sdp) throws InvalidOfferException {
        if (!sdp.startsWith("v=0")) {
            throw new InvalidOfferException("The body is not an SDP offer: it must start with v=0");
        }
        String ufrag = null;
        List<String> mids = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring("a=ice-ufrag:".length());
            } else if (line.startsWith("a=mid:")) {
                mids.add(line.substring("a=mid:".length()));
            }
        }
        if (mids.isEmpty()) {
            throw new InvalidOfferException("The offer has no media section with an a=mid");
        }
        return new WhipOffer(sdp, ufrag, List.copyOf(mids));
    }

    static final class InvalidOfferException extends Exception {
        InvalidOfferException(String message) {
            super(message);
        }
    }
}
