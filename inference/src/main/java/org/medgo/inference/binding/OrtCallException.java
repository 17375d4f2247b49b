package org.medgo.inference.binding;

import org.medgo.inference.runtime.BackendException;

/** An ONNX Runtime C API call returned an error status (or the API could not be reached). */
public final class OrtCallException extends BackendException {

    private final int code;

    public OrtCallException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** ORT's {@code OrtErrorCode} (1 = FAIL, 2 = INVALID_ARGUMENT, ...), or -1 when no status was involved. */
    public int code() {
        return code;
    }

    /** The message's first line: ORT appends source locations and library paths, too long for a log line. */
    public String firstLine() {
        String m = String.valueOf(getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
