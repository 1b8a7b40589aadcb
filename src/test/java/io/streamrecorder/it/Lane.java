package io.streamrecorder.it;

import java.nio.file.Path;

/**
 * Which of the integration tests' two lanes this test JVM is. Failsafe runs the WildFly tests in two
 * JVMs at once, each test class in one of them; each lane has a server, a records directory, an
 * S3Proxy and a webhook port of its own, so a test that restarts, fills or cuts off its server
 * disturbs nothing in the other lane. Lane 1 uses the server the build started with the build's
 * settings; lane 2 a copy of that installation, its ports {@link #PORT_OFFSET} higher, which this
 * JVM starts itself.
 */
final class Lane {

    static final int PORT_OFFSET = 200;
    private static final int SECOND = 2;

    private Lane() {
    }

    /** 1 or 2; 1 outside the WildFly run (unit tests, the Payara run). */
    static int number() {
        String lane = System.getProperty("it.lane");
        return lane == null ? 1 : Integer.parseInt(lane);
    }

    /** What this lane adds to every port of its own: WildFly's, S3Proxy's, the webhook's, PostgreSQL's. */
    static int portOffset() {
        return number() == SECOND ? PORT_OFFSET : 0;
    }

    /** Appended to the names of the lane's directories under target/. */
    static String suffix() {
        return number() == SECOND ? "-lane2" : "";
    }

    /**
     * Points the tests' system properties at lane 2's own server and services; nothing to do in lane
     * 1, which the build's properties describe.
     */
    static void useOwnServices() {
        if (number() != SECOND) {
            return;
        }
        Path home = Path.of(System.getProperty("server.home") + suffix());
        String httpPort = Integer.toString(8080 + PORT_OFFSET);
        String managementPort = Integer.toString(9990 + PORT_OFFSET);
        System.setProperty("server.home", home.toString());
        System.setProperty("server.log", home.resolve("standalone/log/server.log").toString());
        System.setProperty("server.url", "http://127.0.0.1:" + httpPort + "/stream-recorder/");
        System.setProperty("metrics.url", "http://127.0.0.1:" + managementPort + "/metrics");
        System.setProperty("management.url", "http://127.0.0.1:" + managementPort + "/management");
        System.setProperty("records.dir", System.getProperty("records.dir") + suffix());
        System.setProperty("s3proxy.dir", System.getProperty("s3proxy.dir") + suffix());
        System.setProperty("s3.port", Integer.toString(Integer.getInteger("s3.port") + PORT_OFFSET));
        System.setProperty("webhook.port", Integer.toString(Integer.getInteger("webhook.port") + PORT_OFFSET));
    }
}
