package io.streamrecorder.it.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's router's firewall for what leaves its LAN, switchable while a test runs: all open,
 * or only web traffic and TURN (over UDP, or over TCP with no UDP at all). Its rules are
 * in a chain of their own that the router's FORWARD chain sends the LAN's packets to; they match
 * every packet, not only new connections, so a switch takes effect at once.
 */
public final class ClientFirewall {

    static final String CHAIN = "CLIENT_POLICY";
    /** HTTP and HTTPS, also on the ports a test server uses. */
    private static final String WEB_PORTS = "80,443,8080,8443";

    private final Namespace router;
    private final String turnAddress;

    ClientFirewall(Namespace router, String turnAddress) {
        this.router = router;
        this.turnAddress = turnAddress;
    }

    /** Creates the chain, empty: everything from the LAN may leave. */
    void install(String lanInterface) {
        router.run("iptables", "-N", CHAIN);
        router.run("iptables", "-A", "FORWARD", "-i", lanInterface, "-j", CHAIN);
    }

    /** (a) Everything from the LAN may leave. */
    public void allowEverything() {
        apply(List.of());
    }

    /**
     * (b) A network that lets out only web traffic and TURN: TCP to web ports and the TURN server's,
     * UDP only to the TURN server's port and its relay ports. ICE over TCP straight to a server's
     * media ports is shut too, as such networks shut it.
     */
    public void allowOnlyWebAndTurnOverUdp() {
        List<List<String>> rules = new ArrayList<>(webAndTurnOverTcp());
        rules.add(List.of("-p", "udp", "-d", turnAddress, "--dport", Integer.toString(TurnServer.PORT), "-j", "RETURN"));
        rules.add(List.of("-p", "udp", "-d", turnAddress, "--dport", TurnServer.MIN_RELAY_PORT + ":" + TurnServer.MAX_RELAY_PORT,
                "-j", "RETURN"));
        rules.add(List.of("-j", "DROP"));
        apply(rules);
    }

    /** (c) No UDP at all: TCP to web ports and to the TURN server (TURN over TCP) is all that leaves. */
    public void allowOnlyWebAndTurnOverTcp() {
        List<List<String>> rules = new ArrayList<>(webAndTurnOverTcp());
        rules.add(List.of("-j", "DROP"));
        apply(rules);
    }

    private List<List<String>> webAndTurnOverTcp() {
        return List.of(List.of("-p", "tcp", "-m", "multiport", "--dports", WEB_PORTS, "-j", "RETURN"),
                List.of("-p", "tcp", "-d", turnAddress, "--dport", Integer.toString(TurnServer.PORT), "-j", "RETURN"));
    }

    private void apply(List<List<String>> rules) {
        router.run("iptables", "-F", CHAIN);
        for (List<String> rule : rules) {
            List<String> command = new ArrayList<>(List.of("iptables", "-A", CHAIN));
            command.addAll(rule);
            router.run(command.toArray(String[]::new));
        }
    }
}
