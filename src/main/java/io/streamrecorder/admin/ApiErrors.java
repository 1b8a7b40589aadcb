package io.streamrecorder.admin;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error of the API has the same body: {@code {status, message, id}}. Errors the client caused
 * keep their message; anything unexpected is logged under its id and answered with that id only,
 * so no internals (paths, credentials) reach the client.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        String id = UUID.randomUUID().toString();
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return body(web.getResponse().getStatus(), failure.getMessage(), id);
        }
        if (failure instanceof JsonException unreadable) {
            // A request body that is not JSON; RESTEasy reports it as a 400 itself, Jersey (Payara) hands it here.
            return body(400, "The request body is not valid JSON: " + unreadable.getMessage(), id);
        }
        LOG.log(Level.WARNING, failure, () -> String.format("API error %s", id));
        return body(500, "Internal error; the server log has the details under id " + id, id);
    }

    static Response body(int status, String message, String id) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("status", status).add("message", message).add("id", id).build())
                .build();
    }
}
