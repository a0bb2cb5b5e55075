package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a hook call's {@code fhirServer} and {@code fhirAuthorization} (CDS Hooks 2.0, "FHIR Resource Access") into
 * the permission to fetch. Fetching is allowed only from a FHIR server configured for the token's issuer, so a
 * request cannot send the service, with a token, to a host of its choosing. Malformed members are a bad request
 * (400); messages name the member, never its value (a token or a URL with an id). Stateless.
 */
public final class FhirAccessReader {
    private FhirAccessReader() {
    }

    /**
     * Whether and how the service may fetch for one call.
     *
     * @param access  where and with which token, or {@code null} when it may not
     * @param refusal why it may not, or {@code null} when it may
     */
    public record Grant(FhirFetcher.Access access, String refusal) {
    }

    /**
     * @param body        the request body (an object)
     * @param fhirServers the FHIR server base URLs of the token's issuer
     * @return the grant
     * @throws CdsError 400 when {@code fhirAuthorization} is malformed or given without {@code fhirServer}
     */
    public static Grant read(JsonNode body, List<URI> fhirServers) {
        JsonNode auth = body.get("fhirAuthorization");
        JsonNode server = body.get("fhirServer");
        if (auth == null) {
            return new Grant(null, "the request gives no fhirAuthorization to fetch it with");
        }
        List<String> problems = new ArrayList<>();
        if (!auth.isObject()) {
            problems.add("fhirAuthorization must be an object");
        } else {
            JsonNode token = auth.get("access_token");
            JsonNode type = auth.get("token_type");
            if (token == null || !token.isTextual() || token.asText().isBlank()) {
                problems.add("fhirAuthorization.access_token is required");
            }
            if (type == null || !type.isTextual() || !type.asText().equalsIgnoreCase("Bearer")) {
                problems.add("fhirAuthorization.token_type must be Bearer");
            }
        }
        URI base = null;
        if (server == null || !server.isTextual()) {
            problems.add("fhirServer is required when fhirAuthorization is given");
        } else {
            try {
                base = new URI(server.asText().replaceAll("/+$", ""));
            } catch (URISyntaxException e) {
                problems.add("fhirServer must be a URL");
            }
        }
        if (!problems.isEmpty()) {
            throw CdsError.of(400, "the request is not a valid patient-view call", problems);
        }
        if (!fhirServers.contains(base)) {
            return new Grant(null, "fhirServer is not a FHIR server this service is configured to fetch from for "
                    + "the token's issuer");
        }
        return new Grant(new FhirFetcher.Access(base, auth.get("access_token").asText()), null);
    }
}
