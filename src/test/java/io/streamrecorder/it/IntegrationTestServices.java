package io.streamrecorder.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the S3-compatible server before the first integration test and stops it after the last:
 * the deployed application uploads every recording, whichever test made it. Only the failsafe run
 * names an S3Proxy jar; unit test runs start nothing. The Payara run ({@code server.kind=payara})
 * also starts and stops its server here; the build starts WildFly itself.
 */
public class IntegrationTestServices implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("s3proxy.jar") != null) {
            S3ProxyProcess.shared();
        }
        if (onPayara()) {
            PayaraProcess.startShared();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (onPayara()) {
            PayaraProcess.stopShared();
        }
        S3ProxyProcess.stopShared();
    }

    private static boolean onPayara() {
        return "payara".equals(System.getProperty("server.kind"));
    }
}
