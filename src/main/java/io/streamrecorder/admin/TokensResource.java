package io.streamrecorder.admin;

import io.streamrecorder.access.PublishToken;
import io.streamrecorder.access.PublishTokens;
import io.streamrecorder.records.InvalidStreamNameException;
import io.streamrecorder.records.StreamNamePolicy;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;

/**
 * Mints publish tokens: {@code POST /api/tokens {"streamName": "cam1", "lifetimeSeconds": 3600}}
 * answers the token, its expiry and the WHIP URL to use it with.
 */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    @Inject
    PublishTokens tokens;

    @POST
    public Response mint(JsonObject request, @Context UriInfo uri) {
        if (request == null || !(request.get("streamName") instanceof JsonString name)) {
            throw new BadRequestException("streamName (a string) is required");
        }
        try {
            StreamNamePolicy.validate(name.getString());
        } catch (InvalidStreamNameException e) {
            throw new BadRequestException(e.getMessage());
        }
        long lifetime = DEFAULT_LIFETIME_SECONDS;
        if (request.containsKey("lifetimeSeconds")) {
            if (!(request.get("lifetimeSeconds") instanceof JsonNumber seconds) || !seconds.isIntegral()) {
                throw new BadRequestException("lifetimeSeconds must be a whole number");
            }
            try {
                lifetime = seconds.longValueExact();
            } catch (ArithmeticException e) {
                throw new BadRequestException("lifetimeSeconds is out of range");
            }
        }
        PublishToken token;
        try {
            token = tokens.mint(name.getString(), Duration.ofSeconds(lifetime));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                .add("streamName", token.streamName()).add("expires", token.expires().toString())
                .add("token", token.token())
                .add("whipUrl", uri.getBaseUriBuilder().replacePath(uri.getBaseUri().getPath().replaceFirst("api/?$", ""))
                        .path("whip").path(token.streamName()).build().toString())
                .build()).build();
    }
}
