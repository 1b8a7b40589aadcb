package io.streamrecorder.signalling;

import io.streamrecorder.media.InvalidSdpException;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The browser's signalling socket: parses each message once and hands it to the registry. */
@ServerEndpoint("/signalling")
public class SignallingEndpoint {

    private static final Logger LOG = Logger.getLogger(SignallingEndpoint.class.getName());
    private static final String ENDPOINT_PATH = "/signalling";
    /** Far above any SDP we accept, far below what could hurt the server. */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ClientMessageParser parser = new ClientMessageParser();

    @Inject
    StreamRegistry registry;


    private Outbox browser;

    @OnOpen
    public void open(Session socket) {
        socket.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        String path = socket.getRequestURI().getPath();
        browser = new Outbox(socket, path.substring(0, path.length() - ENDPOINT_PATH.length()));
        registry.socketOpened(browser);
    }

    @OnMessage
    public void message(String text) {
        try {
            registry.handle(browser, parser.parse(text));
        } catch (MalformedMessageException | UnknownStreamException | InvalidSdpException e) {
            browser.send(new ServerMessage.Error(e.getMessage()));
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        registry.socketClosed(browser);
    }

    @OnError
    public void error(Throwable failure) {
        LOG.log(Level.FINE, "Signalling socket error", failure);
    }
}
