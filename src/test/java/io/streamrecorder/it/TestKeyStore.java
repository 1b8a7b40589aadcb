package io.streamrecorder.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The key store of the test servers' HTTPS listener, which the build generates (a self-signed key for
 * 127.0.0.1 and localhost): trusted by the tests' HTTPS clients, and handed to a reverse proxy as PEM.
 */
final class TestKeyStore {

    private static final String ALIAS = "stream-recorder";

    private TestKeyStore() {
    }

    /** TLS for a client that trusts exactly the test servers' certificate (and checks the host name against it). */
    static SSLContext trustingIt() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    /** The certificate and then its private key (PKCS #8), as HAProxy's {@code crt} wants them; readable by its owner only. */
    static void writePem(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = load();
        Key key = store.getKey(ALIAS, password());
        StringBuilder text = new StringBuilder();
        for (Certificate certificate : store.getCertificateChain(ALIAS)) {
            text.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        text.append(pem("PRIVATE KEY", key.getEncoded()));
        Files.deleteIfExists(pem);
        Files.createFile(pem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pem, text, StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("tls.keystore")))) {
            store.load(in, password());
        }
        return store;
    }

    private static char[] password() {
        return System.getProperty("tls.password").toCharArray();
    }
}
