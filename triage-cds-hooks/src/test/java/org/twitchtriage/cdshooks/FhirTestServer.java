package org.twitchtriage.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real FHIR R4 server for the tests, on the loopback interface: HAPI FHIR's plain {@link RestfulServer} with
 * in-memory resource providers for Patient (read), Condition and Observation (search by patient, code and clinical
 * status, sorted by date, paged by HAPI's own paging provider with {@code next} links), in an embedded Jetty. A
 * servlet filter in front checks the bearer token (401 otherwise) and records every request's path and query, and the
 * Authorization headers it saw.
 */
final class FhirTestServer implements AutoCloseable {
    static final String TOKEN = "test-access-token-0123456789";

    private final Server jetty;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** @param pageSize the default page size of searches without {@code _count} */
    FhirTestServer(int pageSize) throws Exception {
        RestfulServer fhir = new RestfulServer(FhirContext.forR4Cached());
        fhir.setResourceProviders(List.of(new PatientProvider(), new ConditionProvider(), new ObservationProvider()));
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(1000);
        fhir.setPagingProvider(paging);
        fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        Filter bearer = (req, res, chain) -> {
            HttpServletRequest http = (HttpServletRequest) req;
            String query = http.getQueryString();
            requests.add(http.getRequestURI() + (query == null ? "" : "?" + query));
            String auth = http.getHeader("Authorization");
            authorizations.add(String.valueOf(auth));
            if (!("Bearer " + TOKEN).equals(auth)) {
                HttpServletResponse out = (HttpServletResponse) res;
                out.setStatus(401);
                out.setContentType("application/fhir+json");
                out.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                        + "\"error\",\"code\":\"login\",\"diagnostics\":\"bad token\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            chain.doFilter(req, res);
        };
        context.addFilter(new FilterHolder(bearer), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
    }

    /** @return the FHIR base URL */
    URI base() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
                + "/fhir");
    }

    /** Stores resources (by type and id, replacing). */
    void add(Resource... rs) {
        for (Resource r : rs) {
            resources.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
        }
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private <T extends Resource> List<IBaseResource> search(Class<T> type, ReferenceParam patient,
                                                             Predicate<T> filter, SortSpec sort) {
        List<T> found = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (type.isInstance(r) && patient.getIdPart().equals(subjectId(r)) && filter.test(type.cast(r))) {
                found.add(type.cast(r));
            }
        }
        if (sort != null && "date".equals(sort.getParamName())) {
            Comparator<T> byDate = Comparator.comparing(FhirTestServer::date);
            found.sort(sort.getOrder() == SortOrderEnum.DESC ? byDate.reversed() : byDate);
        }
        return new ArrayList<>(found);
    }

    private static String subjectId(Resource r) {
        Reference subject = r instanceof Condition c ? c.getSubject() : r instanceof Observation o ? o.getSubject()
                : new Reference();
        return subject.getReferenceElement().getIdPart();
    }

    private static Date date(Resource r) {
        if (r instanceof Observation o && o.hasEffectiveDateTimeType()) {
            return o.getEffectiveDateTimeType().getValue();
        }
        if (r instanceof Condition c && c.hasRecordedDate()) {
            return c.getRecordedDate();
        }
        return new Date(0);
    }

    private static boolean matches(CodeableConcept concept, TokenOrListParam tokens) {
        if (tokens == null) {
            return true;
        }
        for (TokenParam t : tokens.getValuesAsQueryTokens()) {
            if (concept.getCoding().stream().anyMatch(c -> c.getCode().equals(t.getValue())
                    && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))) {
                return true;
            }
        }
        return false;
    }

    /** Patient read. */
    public final class PatientProvider implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        /** @return the patient */
        @Read
        public Patient read(@IdParam IdType id) {
            Resource r = resources.get("Patient/" + id.getIdPart());
            if (r == null) {
                throw new ResourceNotFoundException(id);
            }
            return (Patient) r;
        }
    }

    /** Condition search. */
    public final class ConditionProvider implements IResourceProvider {
        @Override
        public Class<Condition> getResourceType() {
            return Condition.class;
        }

        /** @return the patient's conditions with these clinical statuses */
        @Search
        public List<IBaseResource> search(@RequiredParam(name = "patient") ReferenceParam patient,
                                          @OptionalParam(name = "clinical-status") TokenOrListParam status,
                                          @OptionalParam(name = "code") TokenOrListParam code,
                                          @Sort SortSpec sort, @Count Integer count) {
            return FhirTestServer.this.search(Condition.class, patient,
                    c -> matches(c.getClinicalStatus(), status) && matches(c.getCode(), code), sort);
        }
    }

    /** Observation search. */
    public final class ObservationProvider implements IResourceProvider {
        @Override
        public Class<Observation> getResourceType() {
            return Observation.class;
        }

        /** @return the patient's observations with these codes */
        @Search
        public List<IBaseResource> search(@RequiredParam(name = "patient") ReferenceParam patient,
                                          @OptionalParam(name = "code") TokenOrListParam code,
                                          @Sort SortSpec sort, @Count Integer count) {
            return FhirTestServer.this.search(Observation.class, patient, o -> matches(o.getCode(), code), sort);
        }
    }
}
