package io.streamrecorder.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The container image's files agree with each other: the Containerfile, its entrypoint, and the example
 * compose file and Kubernetes manifest (server-config/container). No kubectl or docker here: the YAML
 * files are parsed (SnakeYAML) and their structure checked, and the Containerfile is read line by line.
 */
class ContainerFilesTest {

    private static final Path CONTAINER = Path.of("server-config", "container");
    private static final List<String> SECRETS = List.of("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
            "STREAMRECORDER_SECURITY_SECRET", "STREAMRECORDER_TLS_KEYSTORE_PASSWORD", "STREAMRECORDER_ADMIN_PASSWORD");

    @Test
    void theContainerfileRunsAsItsUserWithVolumesHealthAndTheMediaRangeItExposes() throws IOException {
        String file = Files.readString(Path.of("Containerfile"));
        assertTrue(file.indexOf("ARG BASE=") < file.indexOf("FROM ${BASE}"), "the base is a build argument");
        assertTrue(file.contains("\nUSER recorder\n"), "runs as its own user");
        assertTrue(file.contains("--uid " + recorderUid()), "the user has a fixed uid");
        assertTrue(file.contains("VOLUME [\"/var/lib/stream-recorder/recordings\", \"/var/lib/stream-recorder/data\"]"));
        assertTrue(file.contains("STREAMRECORDER_RECORDS_DIR=/var/lib/stream-recorder/recordings"));
        assertEquals("0", env(file, "STREAMRECORDER_DRAIN_TIMEOUT_SECONDS"), "SIGTERM finishes recordings within docker's 10 s");
        String range = env(file, "STREAMRECORDER_ICE_PORT_MIN") + "-" + env(file, "STREAMRECORDER_ICE_PORT_MAX");
        Matcher expose = Pattern.compile("\nEXPOSE (.*)\n").matcher(file);
        assertTrue(expose.find());
        List<String> exposed = List.of(expose.group(1).split(" "));
        assertTrue(exposed.containsAll(List.of("8443/tcp", range + "/udp", range + "/tcp")), exposed.toString());
        assertFalse(exposed.stream().anyMatch(port -> port.startsWith("9990")), "management is not exposed");
        assertTrue(file.contains("CMD curl -fsS -o /dev/null http://127.0.0.1:9990/health/live"), "the health check is liveness");
        assertTrue(file.contains("LAUNCH_JBOSS_IN_BACKGROUND=true"), "standalone.sh relays SIGTERM to the server");
    }

    @Test
    void theEntrypointSizesTheJvmAsBinRunDoes() throws IOException {
        assertEquals(javaSizing(Files.readString(Path.of("bin", "run"))), javaSizing(Files.readString(CONTAINER.resolve("entrypoint.sh"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFilePublishesHttpsAndMediaKeepsManagementInAndTakesSecretsFromTheEnvironment() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) yaml(CONTAINER.resolve("compose.yaml")).get(0);
        Map<String, Object> recorder = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("recorder");
        assertNotNull(recorder.get("image"));
        List<String> ports = (List<String>) recorder.get("ports");
        String range = mediaRange();
        assertTrue(ports.containsAll(List.of("8443:8443", range + ":" + range + "/udp", range + ":" + range + "/tcp")), ports.toString());
        assertFalse(ports.stream().anyMatch(port -> port.contains("9990")), "management stays unpublished");
        List<String> volumes = (List<String>) recorder.get("volumes");
        assertTrue(volumes.stream().anyMatch(v -> v.endsWith(":/var/lib/stream-recorder/recordings")), volumes.toString());
        assertTrue(volumes.stream().anyMatch(v -> v.endsWith(":/var/lib/stream-recorder/data")), volumes.toString());
        Map<String, Object> environment = (Map<String, Object>) recorder.get("environment");
        SECRETS.forEach(secret -> {
            assertTrue(environment.containsKey(secret), secret);
            assertNull(environment.get(secret), secret + " comes from the shell's environment, not the file");
        });
        int drain = Integer.parseInt((String) environment.get("STREAMRECORDER_DRAIN_TIMEOUT_SECONDS"));
        assertTrue(seconds((String) recorder.get("stop_grace_period")) > drain, "the stop waits longer than the drain");
        Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
        assertTrue(declared.keySet().containsAll(List.of("recordings", "data")), declared.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesManifestIsAStatefulSetWithClaimsMediaProbesAndAGracePeriodOverTheDrain() throws IOException {
        List<Object> documents = yaml(CONTAINER.resolve("kubernetes.yaml"));
        Map<String, Object> set = document(documents, "StatefulSet");
        assertEquals("apps/v1", set.get("apiVersion"));
        Map<String, Object> spec = (Map<String, Object>) set.get("spec");
        Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        assertEquals(labels, ((Map<String, Object>) template.get("metadata")).get("labels"), "the selector matches the pods");
        Map<String, Object> pod = (Map<String, Object>) template.get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        Map<String, Object> env = new java.util.HashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
            env.put((String) variable.get("name"), variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
        }

        // Media: the node's network (a Service cannot forward a port range), or the range as host ports.
        boolean hostNetwork = Boolean.TRUE.equals(pod.get("hostNetwork"));
        List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
        assertTrue(hostNetwork || ports.stream().filter(p -> "UDP".equals(p.get("protocol"))).count() > 1, "media reaches the pod");
        assertEquals(mediaRange(), env.get("STREAMRECORDER_ICE_PORT_MIN") + "-" + env.get("STREAMRECORDER_ICE_PORT_MAX"));
        assertTrue(ports.stream().anyMatch(p -> Integer.valueOf(8443).equals(p.get("containerPort"))), "HTTPS");
        if (hostNetwork) {
            assertEquals("127.0.0.1", env.get("STREAMRECORDER_MANAGEMENT_BIND_ADDRESS"), "management off the node's network");
        }

        assertTrue(probe(container, "readinessProbe").contains("http://127.0.0.1:9990/health/ready"));
        assertTrue(probe(container, "livenessProbe").contains("http://127.0.0.1:9990/health/live"));
        int drain = Integer.parseInt((String) env.get("STREAMRECORDER_DRAIN_TIMEOUT_SECONDS"));
        assertTrue((Integer) pod.get("terminationGracePeriodSeconds") > drain, "the grace period outlasts the drain");

        Map<String, Object> security = (Map<String, Object>) pod.get("securityContext");
        assertEquals(Boolean.TRUE, security.get("runAsNonRoot"));
        assertEquals(recorderUid(), security.get("runAsUser"));
        assertEquals(recorderUid(), security.get("fsGroup"), "the claims are writable by the image's user");
        SECRETS.forEach(secret -> assertTrue(env.get(secret) instanceof Map<?, ?> from
                && from.containsKey("secretKeyRef"), secret + " comes from a Secret"));

        List<String> claims = new ArrayList<>();
        for (Map<String, Object> claim : (List<Map<String, Object>>) spec.get("volumeClaimTemplates")) {
            claims.add((String) ((Map<String, Object>) claim.get("metadata")).get("name"));
        }
        Map<String, String> mounts = new java.util.HashMap<>();
        for (Map<String, Object> mount : (List<Map<String, Object>>) container.get("volumeMounts")) {
            mounts.put((String) mount.get("mountPath"), (String) mount.get("name"));
        }
        assertTrue(claims.contains(mounts.get("/var/lib/stream-recorder/recordings")), "recordings on a claim: " + mounts);
        assertTrue(claims.contains(mounts.get("/var/lib/stream-recorder/data")), "data on a claim: " + mounts);

        Map<String, Object> service = document(documents, "Service");
        assertEquals(labels, ((Map<String, Object>) service.get("spec")).get("selector"), "the Service selects the pods");
    }

    @SuppressWarnings("unchecked")
    private static String probe(Map<String, Object> container, String which) {
        Map<String, Object> probe = (Map<String, Object>) container.get(which);
        assertNotNull(probe, which);
        return probe.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(List<Object> documents, String kind) {
        return documents.stream().map(d -> (Map<String, Object>) d).filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static List<Object> yaml(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file)).forEach(documents::add);
        return documents;
    }

    private static String mediaRange() throws IOException {
        String file = Files.readString(Path.of("Containerfile"));
        return env(file, "STREAMRECORDER_ICE_PORT_MIN") + "-" + env(file, "STREAMRECORDER_ICE_PORT_MAX");
    }

    private static int recorderUid() {
        return 10001;
    }

    private static String env(String containerfile, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=(\\S+)").matcher(containerfile);
        assertTrue(value.find(), name + " in the Containerfile");
        return value.group(1);
    }

    private static String javaSizing(String script) {
        Matcher sizing = Pattern.compile("JBOSS_JAVA_SIZING=\"\\$\\{JBOSS_JAVA_SIZING:-([^}]*)}\"").matcher(script);
        assertTrue(sizing.find(), "JBOSS_JAVA_SIZING's default");
        return sizing.group(1);
    }

    private static int seconds(String duration) {
        assertTrue(duration.matches("\\d+s"), duration);
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }
}
