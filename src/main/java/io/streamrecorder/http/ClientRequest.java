package io.streamrecorder.http;

import io.streamrecorder.config.AddressLiteral;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as its client made it. Behind a trusted proxy, the client's address comes from
 * X-Forwarded-For and the scheme from X-Forwarded-Proto (so the URLs the application builds say
 * https when the proxy ended TLS); from anyone else those headers change nothing. A WebSocket
 * handshake also carries the client's address as the request parameter {@link #CLIENT_ADDRESS}:
 * the WebSocket API shows an endpoint no peer address, but its session keeps the handshake's
 * parameters (Undertow and Tyrus read them from the request the filters passed on).
 */
public final class ClientRequest extends HttpServletRequestWrapper {

    /** Set on every handshake, so a client cannot supply its own. */
    public static final String CLIENT_ADDRESS = "streamrecorder.client-address";

    private final String address;
    /** The scheme the client used at the proxy, or null when the request came straight from the client. */
    private final String forwardedScheme;
    private final boolean handshake;

    private ClientRequest(HttpServletRequest request, String address, String forwardedScheme) {
        super(request);
        this.address = address;
        this.forwardedScheme = forwardedScheme;
        this.handshake = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    /** {@code request} as its client made it, with {@code proxies} the ones whose headers count. */
    static HttpServletRequest of(HttpServletRequest request, TrustedProxies proxies) {
        Optional<InetAddress> peer = AddressLiteral.parse(request.getRemoteAddr());
        if (peer.isEmpty()) {
            // No IP address (a container's odd peer): nothing to believe, but still the one address there is.
            return new ClientRequest(request, String.valueOf(request.getRemoteAddr()), null);
        }
        if (!proxies.trusts(peer.get())) {
            return new ClientRequest(request, peer.get().getHostAddress(), null);
        }
        InetAddress client = proxies.clientOf(peer.get(), Collections.list(request.getHeaders("X-Forwarded-For")));
        String proto = Optional.ofNullable(request.getHeader("X-Forwarded-Proto"))
                .map(value -> value.split(",")[0].strip().toLowerCase(Locale.ROOT))
                .filter(value -> value.equals("http") || value.equals("https")).orElse(null);
        return new ClientRequest(request, client.getHostAddress(), proto);
    }

    @Override
    public String getRemoteAddr() {
        return address;
    }

    @Override
    public String getRemoteHost() {
        return address;
    }

    @Override
    public String getScheme() {
        return forwardedScheme == null ? super.getScheme() : forwardedScheme;
    }

    @Override
    public boolean isSecure() {
        return forwardedScheme == null ? super.isSecure() : forwardedScheme.equals("https");
    }

    /** Behind a proxy, the Host header's port, or else the port of the client's scheme (the proxy's, not this server's). */
    @Override
    public int getServerPort() {
        if (forwardedScheme == null) {
            return super.getServerPort();
        }
        String host = getHeader("Host");
        boolean namesPort = host != null && host.lastIndexOf(':') > host.lastIndexOf(']');
        return namesPort ? super.getServerPort() : defaultPort();
    }

    @Override
    public StringBuffer getRequestURL() {
        if (forwardedScheme == null) {
            return super.getRequestURL();
        }
        String host = getServerName();
        StringBuffer url = new StringBuffer(forwardedScheme).append("://")
                .append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        if (getServerPort() != defaultPort()) {
            url.append(':').append(getServerPort());
        }
        return url.append(getRequestURI());
    }

    private int defaultPort() {
        return forwardedScheme.equals("https") ? 443 : 80;
    }

    @Override
    public String getParameter(String name) {
        return handshake && CLIENT_ADDRESS.equals(name) ? address : super.getParameter(name);
    }

    @Override
    public String[] getParameterValues(String name) {
        return handshake && CLIENT_ADDRESS.equals(name) ? new String[] {address} : super.getParameterValues(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (!handshake) {
            return super.getParameterMap();
        }
        Map<String, String[]> parameters = new HashMap<>(super.getParameterMap());
        parameters.put(CLIENT_ADDRESS, new String[] {address});
        return Collections.unmodifiableMap(parameters);
    }

    /** The client's address among a WebSocket session's handshake parameters; null if no {@link ClientRequestFilter} saw the handshake. */
    public static String clientAddressOf(Map<String, List<String>> handshakeParameters) {
        List<String> values = handshakeParameters.get(CLIENT_ADDRESS);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
