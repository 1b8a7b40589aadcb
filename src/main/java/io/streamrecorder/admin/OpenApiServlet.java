package io.streamrecorder.admin;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves the API's OpenAPI description at {@code /openapi}. It is written by hand next to the
 * resources; OpenApiDocumentTest fails when an endpoint is missing from it.
 */
@WebServlet("/openapi")
public class OpenApiServlet extends HttpServlet {

    static final String DOCUMENT = "/openapi/stream-recorder.yaml";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream document = OpenApiServlet.class.getResourceAsStream(DOCUMENT)) {
            response.setContentType("application/yaml");
            response.setCharacterEncoding("UTF-8");
            document.transferTo(response.getOutputStream());
        }
    }
}
