package io.streamrecorder.http;

import io.streamrecorder.config.RecorderConfig;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Hands every request on as its client made it ({@link ClientRequest}). Runs before the servers'
 * own WebSocket filters, which both servers register to run after the application's.
 */
@WebFilter(filterName = "ClientRequestFilter", urlPatterns = "/*", asyncSupported = true)
public class ClientRequestFilter extends HttpFilter {

    @Inject
    RecorderConfig config;

    /** The trusted proxies are read for each request, like every setting: an operator may change them live. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(ClientRequest.of(request, TrustedProxies.of(config.trustedProxies())), response);
    }
}
