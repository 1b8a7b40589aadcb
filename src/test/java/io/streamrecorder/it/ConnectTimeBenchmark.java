package io.streamrecorder.it;

import io.streamrecorder.it.net.Internet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Prints how long the page takes from Start to PUBLISHING (camera, signalling, ICE, DTLS) three
 * ways: straight to the lane's server on loopback, through the NAT lab to a node behind a 1:1 NAT
 * announcing its public address, and relayed by TURN from a client network that passes UDP only to
 * the TURN server. Not part of the suite:
 * {@code mvn verify -Dpayara.skip=true -Dalone.skip=true -Dit.test=ConnectTimeBenchmark [-Druns=20]}
 */
class ConnectTimeBenchmark {


    private final int runs = Integer.getInteger("runs", 20);

    @Test
    void startToPublishing() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(measure("direct (loopback)", Browser::new, Browser.serverUrl(), Browser.serverUrl(), () -> { }));
        try (NatLab lab = NatLab.start(Duration.ofSeconds(15))) {
            lab.reset();
            lab.set("streamrecorder.ice.public-addresses", Internet.SERVER_PUBLIC_ADDRESS);
            long idle = lab.nodeUdpSockets();
            long[] publishing = new long[1];
            report.add(measure("through the NATs (public address announced)", lab::browser, NatLab.PAGE, lab.nodeUrl(),
                    () -> publishing[0] = lab.nodeUdpSockets()));
            report.add("  UDP sockets the node holds: " + idle + " idle, " + publishing[0] + " while one stream publishes");
            lab.internet().clientFirewall().allowOnlyWebAndTurnOverUdp();
            lab.set("streamrecorder.ice.publisher-servers", lab.turn().url("udp"));
            report.add(measure("through TURN over UDP (client UDP only to TURN)", lab::browser, NatLab.PAGE, lab.nodeUrl(), () -> { }));
            lab.internet().clientFirewall().allowOnlyWebAndTurnOverTcp();
            lab.set("streamrecorder.ice.publisher-servers", lab.turn().url("tcp"));
            report.add(measure("through TURN over TCP (no client UDP)", lab::browser, NatLab.PAGE, lab.nodeUrl(), () -> { }));
        }
        System.out.println("Start -> PUBLISHING, " + runs + " publishes each, page already open:");
        report.forEach(System.out::println);
    }

    /** {@code whilePublishing} runs while each stream publishes, before it stops. */
    private String measure(String how, Supplier<Browser> browsers, String page, String tokenServer, Runnable whilePublishing)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Browser browser = browsers.get()) {
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            for (int run = 0; run < runs; run++) {
                String name = "connect-" + run + "-" + System.nanoTime();
                browser.openRecordingPage(page);
                browser.setStreamName(name);
                browser.setToken(Tokens.mint(tokenServer, name));
                double elapsed = StartTimes.timeStart(browser);
                if (elapsed < 0) {
                    failures.add("run " + run + ": " + browser.element("statusReason").getText() + "\n" + browser.console());
                    continue;
                }
                millis.add(elapsed);
                whilePublishing.run();
                browser.stopPublishing();
            }
        }
        failures.forEach(failure -> System.out.println(how + ", FAILED " + failure));
        millis.sort(Double::compare);
        return StartTimes.summary(how, millis, failures.size(), runs);
    }
}
