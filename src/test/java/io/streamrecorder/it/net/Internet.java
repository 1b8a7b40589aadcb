package io.streamrecorder.it.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small internet in Linux network namespaces, built by the test and torn down after it: the server
 * behind a 1:1 NAT, the client behind a masquerading home router, a TURN host on the public side.
 * <pre>
 *   srv 10.10.0.2 ── srvnat 10.10.0.1 | 203.0.113.10 ──┐
 *                                                      pub (a bridge: "the internet")
 *   cli 192.168.50.2 ── clinat 192.168.50.1 | 198.51.100.20 ──┤
 *                                              turn 198.51.100.5 ──┘
 * </pre>
 * Public addresses come from the documentation ranges and live only inside the namespaces; the
 * root namespace gets no address, route, link or firewall rule. The private sides have no route to
 * each other. Namespace names start with {@code sr<lane>-} so the two test lanes do not meet, and a
 * crashed earlier run's namespaces of the same prefix are removed before building.
 */
public final class Internet implements AutoCloseable {

    public static final String SERVER_PRIVATE_ADDRESS = "10.10.0.2";
    public static final String SERVER_PUBLIC_ADDRESS = "203.0.113.10";
    public static final String CLIENT_PRIVATE_ADDRESS = "192.168.50.2";
    public static final String CLIENT_PUBLIC_ADDRESS = "198.51.100.20";
    public static final String TURN_ADDRESS = "198.51.100.5";
    /** The public /24s: on one segment, every public host reaches the others on-link. */
    private static final List<String> PUBLIC_NETWORKS = List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24");
    private static final String BRIDGE = "br0";

    private final String prefix;
    private final Path directory;
    private final List<Namespace> namespaces = new ArrayList<>();
    private Namespace publicSegment;
    private Namespace server;
    private Namespace serverRouter;
    private Namespace client;
    private Namespace clientRouter;
    private Namespace turnHost;
    private ClientFirewall clientFirewall;
    private boolean closed;

    private Internet(String prefix, Path directory) {
        this.prefix = prefix;
        this.directory = directory;
    }

    /**
     * Builds the internet, its logs and files under {@code target/net-lane<n>}; skips the test
     * (JUnit assumption) if the machine cannot make network namespaces with NAT.
     */
    public static Internet build() {
        String prefix = prefix();
        Path directory = Path.of("target", "net-lane" + lane()).toAbsolutePath();
        NetworkPrerequisites.assumeRoot();
        NetworkPrerequisites.assumeCommands("ip", "iptables", "ss");
        Namespace.deleteAll(prefix, directory.resolve("logs"));
        NetworkPrerequisites.assumeNamespaces(prefix + "probe");
        Internet internet = new Internet(prefix, directory);
        try {
            internet.wire();
            return internet;
        } catch (RuntimeException | Error e) {
            internet.close();
            throw e;
        }
    }

    /** {@code sr<lane>-}: this test JVM's lane (io.streamrecorder.it.Lane reads the same property). */
    public static String prefix() {
        return "sr" + lane() + "-";
    }

    private static String lane() {
        return System.getProperty("it.lane", "1");
    }

    private void wire() {
        publicSegment = add("pub");
        publicSegment.run("ip", "link", "add", BRIDGE, "type", "bridge");
        publicSegment.run("ip", "link", "set", BRIDGE, "up");

        serverRouter = add("srvnat");
        server = add("srv");
        connect(server, "eth0", serverRouter, "lan");
        host(server, "eth0", SERVER_PRIVATE_ADDRESS + "/24");
        server.run("ip", "route", "add", "default", "via", "10.10.0.1");
        router(serverRouter, "10.10.0.1/24", SERVER_PUBLIC_ADDRESS + "/24");
        serverRouter.run("iptables", "-t", "nat", "-A", "PREROUTING", "-i", "wan", "-d", SERVER_PUBLIC_ADDRESS,
                "-j", "DNAT", "--to-destination", SERVER_PRIVATE_ADDRESS);
        serverRouter.run("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-s", SERVER_PRIVATE_ADDRESS,
                "-j", "SNAT", "--to-source", SERVER_PUBLIC_ADDRESS);

        clientRouter = add("clinat");
        client = add("cli");
        connect(client, "eth0", clientRouter, "lan");
        host(client, "eth0", CLIENT_PRIVATE_ADDRESS + "/24");
        client.run("ip", "route", "add", "default", "via", "192.168.50.1");
        router(clientRouter, "192.168.50.1/24", CLIENT_PUBLIC_ADDRESS + "/24");
        clientRouter.run("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-s", "192.168.50.0/24", "-j", "MASQUERADE");
        clientFirewall = new ClientFirewall(clientRouter, TURN_ADDRESS);
        clientFirewall.install("lan");
        // Port-restricted, as home routers are: only replies to what the LAN sent come in.
        clientRouter.run("iptables", "-A", "FORWARD", "-i", "wan", "-o", "lan", "-m", "conntrack", "--ctstate",
                "ESTABLISHED,RELATED", "-j", "ACCEPT");
        clientRouter.run("iptables", "-A", "FORWARD", "-i", "wan", "-o", "lan", "-j", "DROP");

        turnHost = add("turn");
        onPublicSegment(turnHost, "eth0", TURN_ADDRESS + "/24");
    }

    private Namespace add(String name) {
        Namespace namespace = Namespace.create(prefix + name, directory.resolve("logs"));
        namespaces.add(namespace);
        return namespace;
    }

    /**
     * A cable: a veth pair made inside {@code a} (so no link ever appears in the root namespace,
     * whose names, e.g. eth0, could clash), its other end moved into {@code b} as it is made.
     */
    private static void connect(Namespace a, String aName, Namespace b, String bName) {
        a.run("ip", "link", "add", aName, "type", "veth", "peer", "name", bName, "netns", b.name());
        a.run("ip", "link", "set", aName, "up");
        b.run("ip", "link", "set", bName, "up");
    }

    private static void host(Namespace namespace, String device, String address) {
        namespace.run("ip", "address", "add", address, "dev", device);
    }

    /** A router: LAN side, and WAN side on the public segment; forwards (only routers do). */
    private void router(Namespace router, String lanAddress, String wanAddress) {
        host(router, "lan", lanAddress);
        onPublicSegment(router, "wan", wanAddress);
        router.setSysctl("net/ipv4/ip_forward", "1");
    }

    /** Plugs {@code namespace} into the bridge (its port named after the namespace) and routes every public /24 on-link. */
    private void onPublicSegment(Namespace namespace, String device, String address) {
        String port = namespace.name().substring(prefix.length());
        connect(publicSegment, port, namespace, device);
        publicSegment.run("ip", "link", "set", port, "master", BRIDGE);
        host(namespace, device, address);
        String own = address.substring(0, address.lastIndexOf('.')) + ".0/24";
        for (String network : PUBLIC_NETWORKS) {
            if (!network.equals(own)) {
                namespace.run("ip", "route", "add", network, "dev", device);
            }
        }
    }

    /** The server's host: 10.10.0.2 only, reachable from outside as 203.0.113.10. */
    public Namespace server() {
        return server;
    }

    /** The server's router: 1:1 NAT between 10.10.0.2 and 203.0.113.10. */
    public Namespace serverRouter() {
        return serverRouter;
    }

    /** The client's host (Chromium's): 192.168.50.2 behind a masquerading router. */
    public Namespace client() {
        return client;
    }

    /** The client's home router: masquerades the LAN as 198.51.100.20; see {@link #clientFirewall()}. */
    public Namespace clientRouter() {
        return clientRouter;
    }

    public ClientFirewall clientFirewall() {
        return clientFirewall;
    }

    /** The TURN host: 198.51.100.5 on the public segment. */
    public Namespace turnHost() {
        return turnHost;
    }

    /** The public segment: only the bridge the others are plugged into. */
    public Namespace publicSegment() {
        return publicSegment;
    }

    /** Where this internet's files go: {@code logs/} with every process's output, sockets, scripts. */
    public Path directory() {
        return directory;
    }

    /** Kills everything running in the namespaces and deletes them, in the reverse order of their making. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                namespaces.get(i).delete();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        namespaces.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
