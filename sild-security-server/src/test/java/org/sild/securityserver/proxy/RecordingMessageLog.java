package org.sild.securityserver.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.messagelog.MessageLog;

/** A message log that keeps records in memory and can be told to fail. Thread-safe. */
public final class RecordingMessageLog implements MessageLog {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void append(LogRecord record) {
        if (failing) {
            throw new XRoadException(ErrorCode.LOGGING_FAILED, "the test log is switched off");
        }
        records.add(record);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    public void clear() {
        records.clear();
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }
}
