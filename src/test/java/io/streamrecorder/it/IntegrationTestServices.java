package io.streamrecorder.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the S3-compatible server before the first integration test and stops it after the last:
 * the deployed application uploads every recording, whichever test made it. Only the failsafe run
 * names an S3Proxy jar; unit test runs start nothing.
 */
public class IntegrationTestServices implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("s3proxy.jar") != null) {
            S3ProxyProcess.shared();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        S3ProxyProcess.stopShared();
    }
}
