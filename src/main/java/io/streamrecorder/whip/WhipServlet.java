package io.streamrecorder.whip;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.ice.IceServer;
import io.streamrecorder.publishing.IceCandidate;
import io.streamrecorder.publishing.InvalidCandidateException;
import io.streamrecorder.publishing.PublishRefusedException;
import io.streamrecorder.publishing.PublishRequest;
import io.streamrecorder.publishing.StreamRegistry;
import io.streamrecorder.publishing.UnknownStreamException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * WHIP (RFC 9725): {@code POST /whip/<stream name>} with an SDP offer publishes and records the
 * stream like the recording page does; the answer's {@code Location} is the session, which
 * {@code DELETE} stops and {@code PATCH} trickles candidates to. The publish token, when required,
 * comes as {@code Authorization: Bearer}.
 */
@WebServlet("/whip/*")
public class WhipServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(WhipServlet.class.getName());
    private static final String SDP = "application/sdp";
    private static final String SDP_FRAGMENT = "application/trickle-ice-sdpfrag";
    /** Local candidates are host candidates, gathered in milliseconds; this only bounds a stuck gathering. */
    private static final long ANSWER_TIMEOUT_SECONDS = 5;
    private static final int MAX_FRAGMENT_BYTES = 16 * 1024;

    private final Map<String, WhipSession> sessions = new ConcurrentHashMap<>();

    @Inject
    StreamRegistry registry;

    @Inject
    RecorderConfig config;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Browsers' WHIP clients run on other origins; the token, not a cookie, is the credential.
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Patch");
        List<String> path = segments(request.getPathInfo());
        String method = request.getMethod();
        if (path.size() == 1) {
            switch (method) {
                case "POST" -> publish(path.get(0), request, response);
                case "OPTIONS" -> options("POST, OPTIONS", response);
                default -> notAllowed("POST, OPTIONS", response);
            }
        } else if (path.size() == 2) {
            switch (method) {
                case "DELETE" -> stop(path.get(0), path.get(1), response);
                case "PATCH" -> trickle(path.get(0), path.get(1), request, response);
                case "OPTIONS" -> options("DELETE, PATCH, OPTIONS", response);
                default -> notAllowed("DELETE, PATCH, OPTIONS", response);
            }
        } else {
            error(response, HttpServletResponse.SC_NOT_FOUND, "WHIP endpoints are /whip/<stream name>");
        }
    }

    private void publish(String streamName, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!hasType(request, SDP)) {
            error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "The offer must be sent as " + SDP);
            return;
        }
        Optional<String> body = readBody(request, PublishRequest.MAX_SDP_LENGTH);
        if (body.isEmpty()) {
            error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "The offer is larger than " + PublishRequest.MAX_SDP_LENGTH + " bytes");
            return;
        }
        WhipOffer offer;
        try {
            offer = WhipOffer.parse(body.get());
        } catch (WhipOffer.InvalidOfferException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        Map<String, String> metadata;
        try {
            metadata = WhipMetadata.of(request.getParameterMap());
        } catch (WhipMetadata.MalformedQueryException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        // Asked first: a publish refused for its token must not leave a stream running.
        List<IceServer> iceServers;
        try {
            iceServers = registry.iceServers(streamName, bearerToken(request));
        } catch (PublishRefusedException e) {
            refused(e, response);
            return;
        }
        WhipSession session = new WhipSession(config.nodeName(), streamName, offer,
                ended -> sessions.remove(ended.id(), ended));
        sessions.put(session.id(), session);
        try {
            registry.publish(session, new PublishRequest(streamName, true, offer.sdp(), bearerToken(request),
                    request.getRemoteAddr(), metadata));
        } catch (PublishRefusedException e) {
            sessions.remove(session.id());
            refused(e, response);
            return;
        }
        String answer;
        try {
            answer = session.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Only the offer can fail the stream this early.
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getCause().getMessage());
            return;
        } catch (TimeoutException e) {
            answer = session.answerWithoutCandidates();
            if (answer == null) {
                stopQuietly(session);
                error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The server did not answer the offer in time");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(session);
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The server is shutting down");
            return;
        }
        LOG.info(() -> String.format("Stream %s is published over WHIP from %s", streamName, request.getRemoteAddr()));
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader("Location", request.getContextPath() + "/whip/" + streamName + "/" + session.id());
        response.setHeader("ETag", session.etag());
        response.setHeader("Accept-Patch", SDP_FRAGMENT);
        iceServers.forEach(server -> response.addHeader("Link", link(server)));
        response.setContentType(SDP);
        response.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private void stop(String streamName, String id, HttpServletResponse response) throws IOException {
        Optional<WhipSession> session = session(streamName, id);
        if (session.isEmpty()) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "No such WHIP session");
            return;
        }
        try {
            registry.stop(session.get(), streamName);
        } catch (UnknownStreamException e) {
            sessions.remove(id);
            error(response, HttpServletResponse.SC_NOT_FOUND, "The stream of this WHIP session has already ended");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private void trickle(String streamName, String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<WhipSession> found = session(streamName, id);
        if (found.isEmpty()) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "No such WHIP session");
            return;
        }
        WhipSession session = found.get();
        if (!hasType(request, SDP_FRAGMENT)) {
            error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Candidates must be sent as " + SDP_FRAGMENT);
            return;
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(session.etag())) {
            error(response, HttpServletResponse.SC_PRECONDITION_FAILED, "If-Match does not name this ICE session");
            return;
        }
        Optional<String> body = readBody(request, MAX_FRAGMENT_BYTES);
        if (body.isEmpty()) {
            error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The fragment is larger than " + MAX_FRAGMENT_BYTES + " bytes");
            return;
        }
        TrickleFragment fragment;
        try {
            fragment = TrickleFragment.parse(body.get(), session.offer().mids());
        } catch (TrickleFragment.InvalidFragmentException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (fragment.iceUfrag() != null && !fragment.iceUfrag().equals(session.offer().iceUfrag())) {
            error(response, 422, "ICE restarts are not supported; publish again instead");
            return;
        }
        try {
            for (TrickleFragment.Candidate candidate : fragment.candidates()) {
                registry.addCandidate(session, streamName, new IceCandidate(candidate.candidate(), candidate.mid(),
                        candidate.mLineIndex()));
            }
        } catch (UnknownStreamException e) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "The stream of this WHIP session has already ended");
            return;
        } catch (InvalidCandidateException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private Optional<WhipSession> session(String streamName, String id) {
        return Optional.ofNullable(sessions.get(id)).filter(session -> session.streamName().equals(streamName));
    }

    private void stopQuietly(WhipSession session) {
        sessions.remove(session.id());
        try {
            registry.stop(session, session.streamName());
        } catch (UnknownStreamException alreadyEnded) {
            // nothing to stop
        }
    }

    private static void refused(PublishRefusedException refusal, HttpServletResponse response) throws IOException {
        switch (refusal.kind()) {
            case INVALID -> error(response, HttpServletResponse.SC_BAD_REQUEST, refusal.getMessage());
            case UNAUTHORIZED -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"stream-recorder\"");
                error(response, HttpServletResponse.SC_UNAUTHORIZED, refusal.getMessage());
            }
            case FORBIDDEN -> error(response, HttpServletResponse.SC_FORBIDDEN, refusal.getMessage());
            case NAME_IN_USE -> error(response, HttpServletResponse.SC_CONFLICT, refusal.getMessage());
            case NO_USABLE_MEDIA -> error(response, 422, refusal.getMessage());
            case ADDRESS_LIMIT -> {
                response.setHeader("Retry-After", "30");
                error(response, 429, refusal.getMessage());
            }
            case LIMIT, DRAINING, UNAVAILABLE -> {
                response.setHeader("Retry-After", "30");
                error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, refusal.getMessage());
            }
        }
    }

    /** RFC 9725 4.6: a server as a Link, TURN credentials in its parameters. */
    private static String link(IceServer server) {
        String link = "<" + server.url() + ">; rel=\"ice-server\"";
        return server.hasCredentials() ? link + "; username=\"" + server.username() + "\"; credential=\""
                + server.credential() + "\"; credential-type=\"password\"" : link;
    }

    private static void options(String allowed, HttpServletResponse response) {
        response.setHeader("Allow", allowed);
        response.setHeader("Access-Control-Allow-Methods", allowed);
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match");
        response.setHeader("Accept-Post", SDP);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static void notAllowed(String allowed, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", allowed);
        error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Allowed here: " + allowed);
    }

    /** A plain-text reason: WHIP clients log it as it is. */
    private static void error(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean hasType(HttpServletRequest request, String type) {
        String contentType = request.getContentType();
        return contentType != null && contentType.split(";")[0].strip().equalsIgnoreCase(type);
    }

    /** The body as text, or empty when it is longer than {@code limit} bytes (read no further). */
    private static Optional<String> readBody(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
    }

    /** {@code /cam1/abc} → [cam1, abc]; empty segments make the path unknown. */
    private static List<String> segments(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2) {
            return List.of();
        }
        List<String> segments = List.of(pathInfo.substring(1).split("/", -1));
        return segments.stream().anyMatch(String::isEmpty) ? List.of() : segments;
    }
}
