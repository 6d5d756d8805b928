package io.tollgate.node.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every java.util.logging record published while installed, through a handler on the root logger, each as one text:
 * logger, level, the formatted message, the raw message and parameters, and the whole stack trace of any
 * exception (causes included). {@link #close()} removes the handler and restores the levels it changed.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(text(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
    }

    /** Starts capturing, with these loggers (and their children) lowered to FINE. */
    public static CapturedLogs install(String... fineLoggers) {
        CapturedLogs logs = new CapturedLogs();
        logs.handler.setLevel(Level.ALL);
        for (String name : fineLoggers) {
            Logger logger = Logger.getLogger(name);
            logs.raised.add(logger); // held strongly: JUL forgets the level of a logger nobody references
            logs.previous.add(logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        Logger.getLogger("").addHandler(logs.handler);
        return logs;
    }

    /** The records captured so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private String text(LogRecord record) {
        StringBuilder out = new StringBuilder()
                .append(record.getLoggerName()).append(' ').append(record.getLevel()).append(' ')
                .append(formatter.formatMessage(record)).append(" | raw: ").append(record.getMessage());
        if (record.getParameters() != null) {
            out.append(" | parameters: ").append(java.util.Arrays.deepToString(record.getParameters()));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.append(" | thrown: ").append(trace);
        }
        return out.toString();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
    }
}
