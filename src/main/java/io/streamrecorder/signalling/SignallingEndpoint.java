package io.streamrecorder.signalling;

import io.streamrecorder.http.ClientRequest;
import io.streamrecorder.publishing.CannotPauseException;
import io.streamrecorder.publishing.IceCandidate;
import io.streamrecorder.publishing.InvalidCandidateException;
import io.streamrecorder.publishing.PublishRefusedException;
import io.streamrecorder.publishing.PublishRequest;
import io.streamrecorder.publishing.StreamRegistry;
import io.streamrecorder.publishing.UnknownStreamException;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The browser's signalling socket: parses each message once and turns it into a call on the registry. */
@ServerEndpoint("/signalling")
public class SignallingEndpoint {

    private static final Logger LOG = Logger.getLogger(SignallingEndpoint.class.getName());
    private static final String ENDPOINT_PATH = "/signalling";
    /** Far above any SDP we accept, far below what could hurt the server. */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ClientMessageParser parser = new ClientMessageParser();

    @Inject
    StreamRegistry registry;

    @Inject
    Keepalives keepalives;

    private Outbox socket;
    private BrowserPublisher browser;
    /** Where the handshake came from: what per-address limits count. */
    private String clientAddress;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        String path = session.getRequestURI().getPath();
        clientAddress = ClientRequest.clientAddressOf(session.getRequestParameterMap());
        if (clientAddress == null) {
            // Only a server that bypasses the application's filters for WebSocket handshakes gets here.
            LOG.severe("A signalling socket opened without its client's address: ClientRequestFilter did not see the handshake");
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                        "The server could not tell where this connection comes from"));
            } catch (IOException alreadyGone) {
                // nothing more to tell it
            }
            return;
        }
        socket = new Outbox(session);
        browser = new BrowserPublisher(socket, path.substring(0, path.length() - ENDPOINT_PATH.length()));
        keepalives.opened(socket, browser);
    }

    @OnMessage
    public void message(String text) {
        socket.heard();
        try {
            ClientMessage message = parser.parse(text);
            if (message instanceof ClientMessage.IceServers request) {
                iceServers(request);
            } else if (message instanceof ClientMessage.Publish publish) {
                publish(publish);
            } else if (message instanceof ClientMessage.Ice ice) {
                registry.addCandidate(browser, ice.streamName(), new IceCandidate(ice.candidate(), ice.sdpMid(), ice.sdpMLineIndex()));
            } else if (message instanceof ClientMessage.Pause pause) {
                registry.pause(browser, pause.streamName());
            } else if (message instanceof ClientMessage.Resume resume) {
                registry.resume(browser, resume.streamName());
            } else if (message instanceof ClientMessage.Stop stop) {
                registry.stop(browser, stop.streamName());
            }
        } catch (MalformedMessageException | UnknownStreamException | InvalidCandidateException | CannotPauseException e) {
            socket.send(new ServerMessage.Error(e.getMessage()));
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        if (socket == null) {
            return;
        }
        keepalives.closed(socket);
        registry.publisherGone(browser);
    }

    @OnError
    public void error(Throwable failure) {
        LOG.log(Level.FINE, "Signalling socket error", failure);
    }

    /** Refused like the publish it precedes would be. */
    private void iceServers(ClientMessage.IceServers request) {
        try {
            socket.send(new ServerMessage.IceServers(request.streamName(),
                    registry.iceServers(request.streamName(), request.token())));
        } catch (PublishRefusedException e) {
            browser.failed(request.streamName(), e.getMessage());
        }
    }

    /** A refusal is the stream's end before it began: FAILED, like a failure later on. */
    private void publish(ClientMessage.Publish publish) {
        try {
            registry.publish(browser, new PublishRequest(publish.streamName(), publish.record(), publish.sdp(), publish.token(),
                    clientAddress, publish.metadata()));
        } catch (PublishRefusedException e) {
            browser.failed(publish.streamName(), e.getMessage());
        }
    }
}
