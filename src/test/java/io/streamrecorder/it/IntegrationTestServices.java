package io.streamrecorder.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the S3-compatible server before the first integration test and stops it after the last:
 * the deployed application uploads every recording, whichever test made it. Only the failsafe run
 * names an S3Proxy jar; unit test runs start nothing. The Payara run ({@code server.kind=payara})
 * also starts and stops its server here; the build starts WildFly itself, lane 1's ({@link Lane}):
 * lane 2's is started and stopped here.
 */
public class IntegrationTestServices implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("s3proxy.jar") == null) {
            return;
        }
        Lane.useOwnServices();
        S3ProxyProcess.shared();
        try {
            if (onPayara()) {
                PayaraProcess.startShared();
            } else if (Lane.number() > 1) {
                startLaneServer();
            }
        } catch (RuntimeException | Error e) {
            // The session is not closed after a failed open: an S3Proxy left running keeps its port, and
            // the next run on the machine reached it, its directory gone (NoSuchBucket).
            S3ProxyProcess.stopShared();
            throw e;
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            if (onPayara()) {
                PayaraProcess.stopShared();
            } else if (Lane.number() > 1) {
                WildFlyProcess.primary().stopIfRunning();
            }
        } finally {
            S3ProxyProcess.stopShared();
        }
    }

    private static void startLaneServer() {
        try {
            WildFlyProcess.primary().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while lane " + Lane.number() + "'s server started", e);
        }
    }

    private static boolean onPayara() {
        return "payara".equals(System.getProperty("server.kind"));
    }
}
