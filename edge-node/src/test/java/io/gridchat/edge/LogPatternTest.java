package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped log pattern keeps user text on its line: a message cannot forge another log line. */
class LogPatternTest {
    @Test
    void when_a_logged_value_contains_line_breaks_then_the_line_stays_one_line() throws IOException {
        PatternLayout layout = new PatternLayout();
        layout.setContext(new LoggerContext());
        layout.setPattern(shippedPattern());
        layout.start();
        LoggingEvent event = new LoggingEvent("test", new LoggerContext().getLogger("io.gridchat.test"),
                Level.INFO, "user {} logged in", null, new Object[] {"mallory\r\n12:00:00.000 ERROR forged\u2028x"});

        String line = layout.doLayout(event);

        assertThat(line).endsWith(System.lineSeparator());
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\r", "\n", "\u2028").contains("mallory").contains("forged");
    }

    private static String shippedPattern() throws IOException {
        try (InputStream in = LogPatternTest.class.getClassLoader().getResourceAsStream("logback.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher pattern = Pattern.compile("<pattern>(.*)</pattern>").matcher(xml);
            assertThat(pattern.find()).isTrue();
            return pattern.group(1);
        }
    }
}
