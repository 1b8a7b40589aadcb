package io.streamrecorder.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.streamrecorder.it.Browser;
import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The small internet the tests of publishing from anywhere run in (issue 21), shown with real
 * traffic: the server's 1:1 NAT both ways, the client's masquerading router, the private sides out of
 * each other's reach, Chromium in the client's namespace, loopback ports carried to and from the
 * server's namespace, coturn's time-limited credentials, and the client router's UDP policies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InternetIT {

    /** A TCP listener that answers each connection with the address it came from. */
    private static final int PEER_ADDRESS_PORT = 7000;
    private static final int HTTP_PORT = 8000;
    private static final int HTTPS_PORT = 8443;
    private static final int UDP_SINK_PORT = 5000;
    private static final Duration START = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofSeconds(10);
    private static final String PAGE_TEXT = "Served in srv";

    private static Internet internet;
    private static Path site;
    private static String python;
    /** Chromium in the client's namespace, started by the first test that needs it (it takes seconds). */
    private static Browser browser;

    @BeforeAll
    static void buildTheInternet() throws IOException {
        NetworkPrerequisites.assumeCommands("socat");
        python = NetworkPrerequisites.python3();
        internet = Internet.build();
        site = Files.createDirectories(internet.directory().resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>srv</title><p id=\"origin\">" + PAGE_TEXT + "</p>\n");
        for (Namespace host : List.of(internet.server(), internet.turnHost())) {
            Process listener = host.start("peer-address", List.of("socat", "TCP-LISTEN:" + PEER_ADDRESS_PORT + ",reuseaddr,fork",
                    "SYSTEM:echo $SOCAT_PEERADDR"));
            host.awaitTcpListening(listener, "peer-address", PEER_ADDRESS_PORT, START);
        }
        Process web = internet.server().start("http", List.of(python, "-m", "http.server", Integer.toString(HTTP_PORT),
                "--directory", site.toString()));
        internet.server().awaitTcpListening(web, "http", HTTP_PORT, START);
    }

    @AfterAll
    static void tearDown() {
        try {
            closeBrowser();
        } finally {
            if (internet != null) {
                internet.close();
            }
        }
    }

    @Test
    @Order(1)
    void clientReachesServerAtItsPublicAddressAndServerSeesTheClientRoutersAddress() {
        assertEquals(Internet.CLIENT_PUBLIC_ADDRESS, peerAddressSeenBy(internet.client(), Internet.SERVER_PUBLIC_ADDRESS));
    }

    @Test
    @Order(2)
    void clientCannotReachServersPrivateAddress() {
        assertEquals("10.10.0.1", peerAddressSeenBy(internet.serverRouter(), Internet.SERVER_PRIVATE_ADDRESS),
                "the server's router reaches the listener at the private address");
        CommandResult attempt = internet.client().exec(SHORT, List.of("socat", "-u",
                "TCP:" + Internet.SERVER_PRIVATE_ADDRESS + ":" + PEER_ADDRESS_PORT + ",connect-timeout=3", "STDOUT"));
        assertFalse(attempt.succeeded(), "the client reached the server's private address: " + attempt);
        assertFalse(attempt.output().contains(Internet.CLIENT_PRIVATE_ADDRESS), attempt.toString());
    }

    @Test
    @Order(3)
    void serverAndClientAppearOnThePublicSideAsTheirRoutersPublicAddresses() {
        assertEquals(Internet.SERVER_PUBLIC_ADDRESS, peerAddressSeenBy(internet.server(), Internet.TURN_ADDRESS));
        assertEquals(Internet.CLIENT_PUBLIC_ADDRESS, peerAddressSeenBy(internet.client(), Internet.TURN_ADDRESS));
    }

    @Test
    @Order(4)
    void chromiumInTheClientLoadsAPageServedByTheServer() throws InterruptedException {
        browser().open("http://" + Internet.SERVER_PUBLIC_ADDRESS + ":" + HTTP_PORT + "/");
        assertEquals(PAGE_TEXT, browser().element("origin").getText());
        Path log = internet.server().log("http");
        Await.until("the server's log of a request from " + Internet.CLIENT_PUBLIC_ADDRESS, SHORT,
                () -> Files.readString(log).contains(Internet.CLIENT_PUBLIC_ADDRESS + " - - "));
    }

    @Test
    @Order(5)
    void chromiumInTheClientAcceptsTheServersSelfSignedCertificate() throws IOException {
        NetworkPrerequisites.assumeCommands("openssl");
        Path key = internet.directory().resolve("server-key.pem");
        Path certificate = internet.directory().resolve("server-certificate.pem");
        CommandResult.run(Duration.ofSeconds(30), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1",
                "-subj", "/CN=" + Internet.SERVER_PUBLIC_ADDRESS)).orThrow();
        Process https = internet.server().start("https", List.of(python, "-c", String.join("\n",
                "import functools, http.server, ssl, sys",
                "handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])",
                "server = http.server.ThreadingHTTPServer(('0.0.0.0', int(sys.argv[2])), handler)",
                "context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)",
                "context.load_cert_chain(sys.argv[3], sys.argv[4])",
                "server.socket = context.wrap_socket(server.socket, server_side=True)",
                "server.serve_forever()"), site.toString(), Integer.toString(HTTPS_PORT), certificate.toString(), key.toString()));
        internet.server().awaitTcpListening(https, "https", HTTPS_PORT, START);
        try {
            browser().open("https://" + Internet.SERVER_PUBLIC_ADDRESS + ":" + HTTPS_PORT + "/");
            assertEquals(PAGE_TEXT, browser().element("origin").getText());
        } finally {
            internet.server().stop(https);
        }
    }

    @Test
    @Order(6)
    void loopbackBridgesCarryPortsBetweenTheRootNamespaceAndTheServersLoopback() throws Exception {
        int rootPort = freeRootPort();
        try (LoopbackBridge bridge = LoopbackBridge.intoNamespace(internet.server(), rootPort, HTTP_PORT, internet.directory())) {
            HttpResponse<String> page = PlainHttp.client().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + rootPort + "/")).timeout(SHORT).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains(PAGE_TEXT), page.body());
        }
        HttpServer rootServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rootServer.createContext("/", exchange -> {
            byte[] body = "Served in the root namespace".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rootServer.start();
        int serverSidePort = 9100;
        try (LoopbackBridge bridge = LoopbackBridge.outOfNamespace(internet.server(), serverSidePort,
                rootServer.getAddress().getPort(), internet.directory())) {
            String fetched = internet.server().exec(SHORT, List.of(python, "-c",
                    "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:" + serverSidePort
                            + "/', timeout=5).read().decode())")).orThrow();
            assertEquals("Served in the root namespace", fetched.strip());
        } finally {
            rootServer.stop(0);
        }
    }

    @Test
    @Order(7)
    void turnServerAllocatesForMintedCredentialsAndRefusesExpiredOrForgedOnes() throws IOException {
        try (TurnServer turn = TurnServer.start(internet.turnHost(), Internet.TURN_ADDRESS, internet.directory())) {
            TurnProbe.Outcome udp = allocate(turn, "udp", turn.credentials("publisher", Duration.ofMinutes(10)));
            assertTrue(udp.allocated(), udp.line());
            assertTrue(udp.relayedAddress().startsWith(Internet.TURN_ADDRESS + ":"), udp.line());
            int relayPort = Integer.parseInt(udp.relayedAddress().substring(Internet.TURN_ADDRESS.length() + 1));
            assertTrue(relayPort >= TurnServer.MIN_RELAY_PORT && relayPort <= TurnServer.MAX_RELAY_PORT, udp.line());
            assertTrue(udp.mappedAddress().startsWith(Internet.CLIENT_PUBLIC_ADDRESS + ":"), udp.line());

            TurnProbe.Outcome tcp = allocate(turn, "tcp", turn.credentials("publisher", Duration.ofMinutes(10)));
            assertTrue(tcp.allocated(), tcp.line());

            TurnProbe.Outcome expired = allocate(turn, "udp", turn.credentials("publisher", Duration.ofMinutes(-10)));
            assertEquals(401, expired.errorCode(), expired.line());
            TurnProbe.Outcome forged = allocate(turn, "udp", TurnCredentials.mint("not-the-secret", "publisher",
                    Instant.now().plus(Duration.ofMinutes(10))));
            assertEquals(401, forged.errorCode(), forged.line());

            assertFalse(Files.readString(turn.log()).contains(turn.secret()), "coturn's log shows its secret");
        }
    }

    @Test
    @Order(8)
    void clientRouterPoliciesDropUdpButLeaveTurnReachable() throws Exception {
        Namespace server = internet.server();
        Process sink = server.start("udp-sink", List.of("socat", "-u", "UDP-RECV:" + UDP_SINK_PORT, "STDOUT"));
        server.awaitUdpListening(sink, "udp-sink", UDP_SINK_PORT, START);
        ClientFirewall firewall = internet.clientFirewall();
        try (TurnServer turn = TurnServer.start(internet.turnHost(), Internet.TURN_ADDRESS, internet.directory())) {
            firewall.allowEverything();
            sendUdpToServer("sent-while-open");
            awaitUdpAtServer("sent-while-open");

            firewall.allowOnlyWebAndTurnOverUdp();
            sendUdpToServer("sent-while-only-turn-allowed");
            TurnProbe.Outcome onlyTurn = allocate(turn, "udp", turn.credentials("publisher", Duration.ofMinutes(10)));
            assertTrue(onlyTurn.allocated(), "UDP to the TURN server under policy (b): " + onlyTurn.line());

            firewall.allowOnlyWebAndTurnOverTcp();
            TurnProbe.Outcome noUdp = allocate(turn, "udp", turn.credentials("publisher", Duration.ofMinutes(10)));
            assertTrue(noUdp.timedOut(), "UDP to the TURN server under policy (c): " + noUdp.line());
            TurnProbe.Outcome overTcp = allocate(turn, "tcp", turn.credentials("publisher", Duration.ofMinutes(10)));
            assertTrue(overTcp.allocated(), "TURN over TCP under policy (c): " + overTcp.line());

            firewall.allowEverything();
            sendUdpToServer("sent-after-reopening");
            awaitUdpAtServer("sent-after-reopening");
            // Sent before the last one on the same path: had it passed, it would be there by now.
            assertFalse(Files.readString(server.log("udp-sink")).contains("sent-while-only-turn-allowed"),
                    "UDP to the server passed under policy (b)");
        } finally {
            firewall.allowEverything();
            server.stop(sink);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void teardownLeavesNoNamespaceOfItsPrefix() {
        closeBrowser();
        internet.close();
        List<String> left = Namespace.existing().stream().filter(name -> name.startsWith(Internet.prefix())).toList();
        assertEquals(List.of(), left, "namespaces left after teardown");
    }

    private static Browser browser() {
        if (browser == null) {
            browser = ChromiumInNamespace.open(internet.client(), internet.directory(), List.of());
        }
        return browser;
    }

    private static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** What the listener on {@code address} answers a connection from {@code from}: the address the connection came from. */
    private static String peerAddressSeenBy(Namespace from, String address) {
        return from.exec(SHORT, List.of("socat", "-u", "TCP:" + address + ":" + PEER_ADDRESS_PORT + ",connect-timeout=5", "STDOUT"))
                .orThrow().strip();
    }

    private static TurnProbe.Outcome allocate(TurnServer turn, String transport, TurnCredentials credentials) {
        return TurnProbe.allocate(internet.client(), internet.directory(), turn.address(), transport, credentials);
    }

    private static void sendUdpToServer(String text) {
        internet.client().exec(SHORT, List.of("sh", "-c", "echo " + text + " | socat -u STDIN UDP-SENDTO:"
                + Internet.SERVER_PUBLIC_ADDRESS + ":" + UDP_SINK_PORT)).orThrow();
    }

    private static void awaitUdpAtServer(String text) throws InterruptedException {
        Path log = internet.server().log("udp-sink");
        Await.until("'" + text + "' to reach the server over UDP", SHORT, () -> Files.readString(log).contains(text));
    }

    private static int freeRootPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
