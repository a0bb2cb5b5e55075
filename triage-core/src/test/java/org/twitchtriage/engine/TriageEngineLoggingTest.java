package org.twitchtriage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.validation.InvalidRequestException;

/** What the engine logs, and that the patient's reference never reaches a log line. */
class TriageEngineLoggingTest {
    private static final String REFERENCE = "Erika-Mustermann-1985-04-12";

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.twitchtriage");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;
    private boolean previousAdditive;

    @BeforeEach
    void captureLogs() {
        previousLevel = logger.getLevel();
        previousAdditive = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // keep the console quiet; the list sees everything
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void restoreLogging() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
    }

    private static TriageRequest request(Symptom... symptoms) {
        Twitch.TwitchBuilder twitch = Twitch.builder().id("t1").site(BodySite.CALF).course(Course.NEW);
        for (Symptom s : symptoms) {
            twitch.symptom(s);
        }
        return TriageRequest.builder()
                .patient(Patient.builder().reference(REFERENCE).ageYears(41).sex(Sex.FEMALE).build())
                .twitch(twitch.build())
                .build();
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    @DisplayName("an evaluation logs one summary and one line per rule firing")
    void evaluation_logsSummaryAndFirings() {
        TriageDecision decision = DrlFixtures.engine("truth-maintenance.drl").evaluate(request(Symptom.PAIN));

        List<ILoggingEvent> summaries = appender.list.stream()
                .filter(e -> e.getLevel() == Level.INFO && e.getLoggerName().equals(TriageEngine.class.getName()))
                .toList();
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).getFormattedMessage())
                .startsWith("evaluated 1 twitch(es): 2 rule firings, 1 findings, highest urgency SOON");
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.DEBUG)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(decision.firedRules().size())
                .anySatisfy(line -> assertThat(line).startsWith("fired FIX-TMS-REASSURE"))
                .anySatisfy(line -> assertThat(line).startsWith("fired FIX-TMS-LATE-FLAG"));
    }

    @Test
    @DisplayName("no log line names the patient, whatever the outcome")
    void noLogLine_containsThePatientReference() {
        TriageEngine engine = DrlFixtures.engine("findings.drl");
        engine.evaluate(request());
        engine.evaluate(request(Symptom.PAIN, Symptom.NUMBNESS));
        TriageRequest invalid = request().toBuilder().twitch(Twitch.builder().id("t1").build()).build();
        assertThatThrownBy(() -> engine.evaluate(invalid)).isInstanceOf(InvalidRequestException.class)
                .hasMessageNotContaining(REFERENCE);
        TriageEngine looping = DrlFixtures.engine(20, "loop.drl");
        assertThatThrownBy(() -> looping.evaluate(request())).isInstanceOf(RuleLoopException.class)
                .hasMessageNotContaining(REFERENCE);

        assertThat(lines()).as("something was logged").hasSizeGreaterThan(2);
        assertThat(lines()).noneMatch(line -> line.contains(REFERENCE));
        assertThat(appender.list).extracting(e -> String.valueOf(e.getThrowableProxy() == null ? ""
                : e.getThrowableProxy().getMessage())).noneMatch(m -> m.contains(REFERENCE));
    }
}
