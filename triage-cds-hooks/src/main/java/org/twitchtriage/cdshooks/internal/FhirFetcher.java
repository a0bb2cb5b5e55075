package org.twitchtriage.cdshooks.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.twitchtriage.json.StrictJson;

/**
 * Runs a prefetch template against the EHR's FHIR server when the client did not prefetch it (CDS Hooks 2.0, "FHIR
 * Resource Access"), with the call's {@code fhirAuthorization} bearer token. A search is read page by page along its
 * {@code next} links, which must stay on the same server base (a link elsewhere would carry the token away), up to a
 * page limit; a latest-only search reads its first page only. Every call goes through {@link HttpGetter} (timeouts,
 * size limit, no redirects). An answer that is not a 200 with the asked-for resource, or a searchset that reports an
 * error in an {@code OperationOutcome} entry, is a failure: the data may be incomplete. Messages name neither the URL
 * (it holds the patient id) nor the token. Thread-safe.
 */
public final class FhirFetcher {
    private final FhirContext fhir;
    private final HttpGetter http;
    private final int maxPages;

    /**
     * Where and with what to fetch, for one call. Its {@code toString} never shows the token.
     *
     * @param server the FHIR server base URL, without trailing slash
     * @param token  the bearer access token
     */
    public record Access(URI server, String token) {
        /** Checks both are given. */
        public Access {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Access[server=" + server + ", token=(hidden)]";
        }
    }

    /**
     * @param fhir     the FHIR R4 context
     * @param http     the getter every call goes through
     * @param maxPages the most pages read for one search
     */
    public FhirFetcher(FhirContext fhir, HttpGetter http, int maxPages) {
        this.fhir = fhir;
        this.http = http;
        this.maxPages = maxPages;
    }

    /**
     * @return the template's result: the Patient, or one searchset Bundle with every page's entries and no next link
     * @throws HttpGetter.Failed when the server cannot give the complete result
     */
    Resource fetch(Access access, PrefetchTemplates.Template template, String patientId) throws HttpGetter.Failed {
        URI first = URI.create(access.server() + "/" + template.relativeUrl(patientId));
        Resource r = get(access, first);
        if (template.resultType() == ResourceType.Patient) {
            if (!(r instanceof Patient p) || !patientId.equals(p.getIdElement().getIdPart())) {
                throw new HttpGetter.Failed("the server did not answer with the Patient in context");
            }
            return r;
        }
        Bundle all = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Bundle page = searchset(r);
        for (int pages = 1; ; pages++) {
            for (Bundle.BundleEntryComponent e : page.getEntry()) {
                if (e.getResource() instanceof OperationOutcome oo) {
                    if (PrefetchReader.reportsError(oo)) {
                        throw new HttpGetter.Failed("the server reported an error in its search result");
                    }
                } else if (e.hasResource()) {
                    all.addEntry(e);
                }
            }
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (template.latestOnly() || next == null || !next.hasUrl()) {
                break;
            }
            if (pages >= maxPages) {
                throw new HttpGetter.Failed("the search result has more than " + maxPages + " pages");
            }
            URI nextUri;
            try {
                nextUri = URI.create(next.getUrl());
            } catch (IllegalArgumentException e) {
                throw new HttpGetter.Failed("the server's next link is not a valid URL");
            }
            if (!onServer(access.server(), nextUri)) {
                throw new HttpGetter.Failed("the server's next link leads away from the server base; not followed");
            }
            page = searchset(get(access, nextUri));
        }
        return all.setTotal(all.getEntry().size());
    }

    /** @return whether the URL lies on the server base: same scheme, host and port, path at or under the base's */
    static boolean onServer(URI base, URI url) {
        if (!url.isAbsolute() || url.getRawUserInfo() != null
                || !base.getScheme().equalsIgnoreCase(url.getScheme())
                || !base.getHost().equalsIgnoreCase(String.valueOf(url.getHost()))
                || effectivePort(base) != effectivePort(url)) {
            return false;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return (path.equals(basePath) || path.startsWith(basePath + "/")) && !path.contains("/../");
    }

    private static int effectivePort(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static Bundle searchset(Resource r) throws HttpGetter.Failed {
        if (!(r instanceof Bundle b) || b.getType() != Bundle.BundleType.SEARCHSET) {
            throw new HttpGetter.Failed("the server did not answer the search with a searchset Bundle");
        }
        return b;
    }

    private Resource get(Access access, URI uri) throws HttpGetter.Failed {
        HttpGetter.Response response = http.get(uri, "Accept", "application/fhir+json",
                "Authorization", "Bearer " + access.token());
        if (response.status() != 200) {
            throw new HttpGetter.Failed("the FHIR server answered HTTP " + response.status());
        }
        if (!response.mediaType().equals("application/fhir+json") && !response.mediaType().equals("application/json")) {
            throw new HttpGetter.Failed("the FHIR server did not answer with FHIR JSON");
        }
        IBaseResource parsed;
        try {
            // the same strict reading and number bounds as a request body before HAPI sees it: HAPI's parser runs
            // for minutes on a number such as 1e999999999, and a FHIR server's answer is input like any other
            JsonNode tree = StrictJson.parse(response.body(),
                    "answer");
            if (tree == null || StrictJson.unboundedNumber(tree, "answer").isPresent()) {
                throw new HttpGetter.Failed("the FHIR server's answer is not valid FHIR R4 JSON within this "
                        + "service's bounds");
            }
            parsed = strictParser(fhir).parseResource(new String(response.body(), StandardCharsets.UTF_8));
        } catch (DataFormatException | StrictJson.JsonProblem e) {
            // HAPI's message may quote patient data: not passed on
            throw new HttpGetter.Failed("the FHIR server's answer is not valid FHIR R4 JSON");
        } catch (RuntimeException e) {
            // HAPI fails on some malformed resources (a list where an object belongs) instead of refusing them
            throw new HttpGetter.Failed("the FHIR server's answer could not be read as FHIR R4");
        }
        if (!(parsed instanceof Resource r)) {
            throw new HttpGetter.Failed("the FHIR server's answer is not a FHIR R4 resource");
        }
        return r;
    }

    /** @return a parser that fails on invalid values and never logs (HAPI's messages may quote patient data) */
    static IParser strictParser(FhirContext fhir) {
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
    }
}
