package io.streamrecorder.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.UUID;

/**
 * Refuses state-changing requests without an {@code X-Requested-By} header. Browsers resend an
 * operator's credentials with any request to this origin, a forged form included; a form cannot set
 * headers, and another origin's script may only with a CORS preflight this API never grants.
 */
@Provider
public class CsrfGuard implements ContainerRequestFilter {

    static final String HEADER = "X-Requested-By";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        String marker = request.getHeaderString(HEADER);
        if (!SAFE.contains(request.getMethod()) && (marker == null || marker.isBlank())) {
            request.abortWith(ApiErrors.body(403, "Missing the " + HEADER + " header that state-changing requests need"
                    + " (protection against cross-site request forgery)", UUID.randomUUID().toString()));
        }
    }
}
