package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.bundle;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FhirLoggingTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.twitchtriage.fhir");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(before);
    }

    @Test
    @DisplayName("Mapping logs one DEBUG line per bundle, without the patient's id")
    void mapping_logsWithoutPatientId() {
        new FhirRequestMapper().map(bundle("pregnant-calf.json"), EVALUATION_DATE);
        new FhirRequestMapper().map(bundle("unmappable-code.json"), EVALUATION_DATE);

        assertThat(appender.list).hasSize(2);
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain("pseudo-calf-01").doesNotContain("pseudo-bad-03"));
    }
}
