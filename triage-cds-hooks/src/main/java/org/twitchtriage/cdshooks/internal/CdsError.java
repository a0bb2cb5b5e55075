package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A request the service answers with an error: the HTTP status, a one-line {@code error} and the {@code details} that
 * make up the JSON body {@code {"error": "...", "details": [...]}}, plus optional extra members (such as the FHIR
 * {@code operationOutcome}) and response headers. Messages never contain patient identifiers.
 */
public final class CdsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> details;
    private final transient Map<String, JsonNode> extra;
    private final Map<String, String> headers;

    /**
     * @param status  the HTTP status
     * @param error   what went wrong, in one line
     * @param details the particulars, each a complete sentence or location; at least one
     * @param extra   further members of the JSON body; may be empty
     * @param headers response headers to add; may be empty
     */
    public CdsError(int status, String error, List<String> details, Map<String, JsonNode> extra,
                    Map<String, String> headers) {
        super(error);
        if (details.isEmpty()) {
            throw new IllegalArgumentException("an error needs at least one detail");
        }
        this.status = status;
        this.details = List.copyOf(details);
        this.extra = Map.copyOf(extra);
        this.headers = Map.copyOf(headers);
    }

    /** @return an error without extra members or headers */
    public static CdsError of(int status, String error, List<String> details) {
        return new CdsError(status, error, details, Map.of(), Map.of());
    }

    /** @return an error with one or more details, without extra members or headers */
    public static CdsError of(int status, String error, String detail, String... more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(detail);
        all.addAll(List.of(more));
        return of(status, error, all);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the particulars */
    public List<String> details() {
        return details;
    }

    /** @return further members of the JSON body */
    public Map<String, JsonNode> extra() {
        return extra;
    }

    /** @return response headers to add */
    public Map<String, String> headers() {
        return headers;
    }
}
