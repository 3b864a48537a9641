package io.gridchat.edge;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while open, gridchat's own loggers at DEBUG: for tests that check what never
 * reaches a log (passwords). Not thread-safe to open twice at once.
 */
final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger gridchat = (Logger) LoggerFactory.getLogger("io.gridchat");
    private final Level gridchatLevel = gridchat.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        gridchat.setLevel(Level.DEBUG);
    }

    /** Each event's message with its arguments, followed by its stack trace if any. */
    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null
                    ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()))).toList();
        }
    }

    @Override
    public void close() {
        gridchat.setLevel(gridchatLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
