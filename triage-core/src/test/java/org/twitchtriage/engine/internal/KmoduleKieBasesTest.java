package org.twitchtriage.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which declared KieBases the direct executable-model path may build, and which it leaves to the container. */
class KmoduleKieBasesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> direct path: {2}")
    @CsvSource(delimiter = '|', value = {
        "plain | name='kb' default='true' | true",
        "every package | name='kb' packages='*' | true",
        "some packages | name='kb' packages='org.a' | false",
        "includes another | name='kb' includes='other' | false",
        "equality behaviour | name='kb' equalsBehavior='equality' | false",
        "stream mode | name='kb' eventProcessingMode='stream' | false",
        "declarative agenda | name='kb' declarativeAgenda='enabled' | false",
        "an option unknown here | name='kb' someFutureOption='on' | false",
        "every option stated at its default, as Drools writes them | name='kb' default='true' "
            + "eventProcessingMode='cloud' prototypes='disabled' equalsBehavior='identity' mutability='allowed' "
            + "declarativeAgenda='disabled' sequential='false' sessionsPool='-1' betaRangeIndex='disabled' "
            + "scope='jakarta.enterprise.context.ApplicationScoped' | true",
    })
    @DisplayName("a KieBase that sets an option of its own is left to the container, which applies it")
    void optionsOfTheKieBase_leaveItToTheContainer(String what, String attributes, boolean direct) throws Exception {
        Path kmodule = dir.resolve("kmodule.xml");
        Files.writeString(kmodule, "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<kmodule xmlns='http://www.drools.org/xsd/kmodule'><kbase " + attributes + ">"
                + "<ksession name='s'/></kbase></kmodule>", StandardCharsets.UTF_8);

        KmoduleKieBases bases = KmoduleKieBases.read(kmodule.toUri().toURL());

        assertThat(bases.get("kb")).hasValueSatisfying(d -> assertThat(d.takesEveryPackage()).as(what)
                .isEqualTo(direct));
    }
}
