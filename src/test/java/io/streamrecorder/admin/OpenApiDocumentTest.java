package io.streamrecorder.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document names exactly the endpoints the resources have. */
class OpenApiDocumentTest {

    private static final Set<Class<?>> RESOURCES = Set.of(RecordingsResource.class, JobsResource.class,
            StreamsResource.class, TokensResource.class, ConsoleEvents.class);

    @Test
    void describesEveryEndpointAndNoOther() throws IOException {
        Set<String> endpoints = endpointsOfResources();
        assertTrue(endpoints.size() >= 11, "found the resources' endpoints: " + endpoints);
        assertEquals(endpoints, endpointsOfDocument());
    }

    private static Set<String> endpointsOfResources() {
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "get"
                        : method.isAnnotationPresent(POST.class) ? "post"
                        : method.isAnnotationPresent(DELETE.class) ? "delete" : null;
                if (verb != null) {
                    Path path = method.getAnnotation(Path.class);
                    endpoints.add(verb + " " + base + (path == null ? "" : "/" + path.value()));
                }
            }
        }
        return endpoints;
    }

    /** Path keys are indented two spaces under "paths:", operations four spaces under a path. */
    private static Set<String> endpointsOfDocument() throws IOException {
        String document;
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiServlet.DOCUMENT)) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> endpoints = new TreeSet<>();
        boolean inPaths = false;
        String path = null;
        for (String line : document.split("\n")) {
            if (!line.startsWith(" ")) {
                inPaths = line.equals("paths:");
            } else if (inPaths && line.matches("  /\\S*:")) {
                path = line.strip().replaceAll(":$", "");
            } else if (inPaths && line.matches("    (get|post|delete|put|patch):")) {
                endpoints.add(line.strip().replaceAll(":$", "") + " " + path);
            }
        }
        return endpoints;
    }
}
