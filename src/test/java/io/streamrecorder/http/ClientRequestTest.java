package io.streamrecorder.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

    private static final TrustedProxies PROXY = TrustedProxies.of(List.of("127.0.0.2"));

    @Test
    void fromATrustedProxyTheRequestIsTheClientsAtTheProxy() {
        HttpServletRequest request = ClientRequest.of(request("127.0.0.2", Map.of("X-Forwarded-For", "198.51.100.7",
                "X-Forwarded-Proto", "https", "Host", "recorder.example.com")), PROXY);
        assertEquals("198.51.100.7", request.getRemoteAddr());
        assertEquals("https", request.getScheme());
        assertTrue(request.isSecure());
        assertEquals(443, request.getServerPort());
        assertEquals("https://recorder.example.com/stream-recorder/api/tokens", request.getRequestURL().toString());
    }

    @Test
    void aPortInTheHostHeaderIsTheProxys() {
        HttpServletRequest request = ClientRequest.of(request("127.0.0.2", Map.of("X-Forwarded-For", "198.51.100.7",
                "X-Forwarded-Proto", "https", "Host", "127.0.0.1:9443")), PROXY);
        assertEquals("https://127.0.0.1:9443/stream-recorder/api/tokens", request.getRequestURL().toString());
    }

    @Test
    void fromAnyoneElseForwardingHeadersChangeNothing() {
        HttpServletRequest request = ClientRequest.of(request("127.0.0.1", Map.of("X-Forwarded-For", "198.51.100.23",
                "X-Forwarded-Proto", "https", "Host", "127.0.0.1:8080")), PROXY);
        assertEquals("127.0.0.1", request.getRemoteAddr());
        assertEquals("http", request.getScheme());
        assertFalse(request.isSecure());
        assertEquals("http://127.0.0.1:8080/stream-recorder/api/tokens", request.getRequestURL().toString());
    }

    @Test
    void aWebSocketHandshakeCarriesTheClientsAddressAsAParameterNoClientCanSet() {
        Map<String, String> headers = Map.of("Upgrade", "websocket", "X-Forwarded-For", "198.51.100.7");
        Map<String, String[]> forged = Map.of(ClientRequest.CLIENT_ADDRESS, new String[] {"203.0.113.1"}, "other", new String[] {"x"});
        HttpServletRequest request = ClientRequest.of(request("127.0.0.2", headers, forged), PROXY);
        assertEquals("198.51.100.7", request.getParameter(ClientRequest.CLIENT_ADDRESS));
        assertEquals(List.of("198.51.100.7"), List.of(request.getParameterValues(ClientRequest.CLIENT_ADDRESS)));
        assertEquals("x", request.getParameterMap().get("other")[0]);
        Map<String, List<String>> session = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> session.put(name, List.of(values)));
        assertEquals("198.51.100.7", ClientRequest.clientAddressOf(session));

        HttpServletRequest plain = ClientRequest.of(request("127.0.0.2", Map.of(), Map.of()), PROXY);
        assertNull(plain.getParameter(ClientRequest.CLIENT_ADDRESS), "only handshakes carry it");
    }

    @Test
    void addressesAreWrittenOneWay() {
        assertEquals("0:0:0:0:0:0:0:1", ClientRequest.of(request("::1", Map.of()), PROXY).getRemoteAddr());
    }

    private static HttpServletRequest request(String peer, Map<String, String> headers) {
        return request(peer, headers, Map.of());
    }

    /** A request as a container hands it over: peer address, headers, parameters, this path. */
    private static HttpServletRequest request(String peer, Map<String, String> headers, Map<String, String[]> parameters) {
        Map<String, String> byName = new HashMap<>();
        headers.forEach((name, value) -> byName.put(name.toLowerCase(), value));
        String host = byName.getOrDefault("host", "127.0.0.1:8080");
        return (HttpServletRequest) Proxy.newProxyInstance(ClientRequestTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeader" -> byName.get(((String) args[0]).toLowerCase());
                    case "getHeaders" -> Collections.enumeration(byName.containsKey(((String) args[0]).toLowerCase())
                            ? List.of(byName.get(((String) args[0]).toLowerCase())) : List.<String>of());
                    case "getScheme" -> "http";
                    case "isSecure" -> false;
                    case "getServerName" -> host.replaceFirst(":\\d+$", "");
                    case "getServerPort" -> host.matches(".*:\\d+$") ? Integer.parseInt(host.replaceFirst(".*:", "")) : 80;
                    case "getRequestURI" -> "/stream-recorder/api/tokens";
                    case "getRequestURL" -> new StringBuffer("http://" + host + "/stream-recorder/api/tokens");
                    case "getParameterMap" -> parameters;
                    case "getParameter" -> parameters.containsKey(args[0]) ? parameters.get(args[0])[0] : null;
                    case "getParameterValues" -> parameters.get(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
