package io.streamrecorder.it;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment the test servers run with, whichever server it is: the recorder's settings as the
 * build's wildfly-maven-plugin {@code <env>} gives them, so that a server the tests start themselves
 * (a WildFly restarted after a crash, Payara) behaves like the one the build started.
 */
final class ServerEnvironment {

    private ServerEnvironment() {
    }

    static Map<String, String> forTests() {
        Map<String, String> env = new HashMap<>();
        env.put("STREAMRECORDER_RECORDS_DIR", RecordsDir.path().toString());
        env.put("STREAMRECORDER_S3_ENDPOINT", "http://127.0.0.1:" + System.getProperty("s3.port"));
        env.put("STREAMRECORDER_S3_BUCKET", S3ProxyProcess.bucket());
        env.put("AWS_ACCESS_KEY_ID", System.getProperty("s3.identity"));
        env.put("AWS_SECRET_ACCESS_KEY", System.getProperty("s3.credential"));
        env.put("STREAMRECORDER_ON_RECORD_HOOK", System.getProperty("hook.script"));
        env.put("STREAMRECORDER_SECURITY_SECRET", System.getProperty("signing.secret"));
        env.put("STREAMRECORDER_TLS_KEYSTORE", System.getProperty("tls.keystore"));
        env.put("STREAMRECORDER_TLS_KEYSTORE_PASSWORD", System.getProperty("tls.password"));
        env.put("STREAMRECORDER_UPLOAD_WEBHOOK_URL", "http://127.0.0.1:" + System.getProperty("webhook.port") + "/upload-finished");
        env.put("STREAMRECORDER_RECORDS_INDEX_RESERVE_KIB", "32");
        env.put("STREAMRECORDER_SIGNALLING_KEEPALIVE_SECONDS", "2");
        return env;
    }
}
