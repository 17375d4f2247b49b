package org.medgo.inference.runtime;

import java.util.Locale;

/** Where the model runs, as configuration and the command line name it ({@code auto}, {@code cpu}, {@code cuda}). */
public enum Device {
    /** CUDA when its provider loads, else the CPU. */
    AUTO,
    /** The CPU provider only. */
    CPU,
    /** The CUDA provider; a missing GPU is an error, not a silent move to the CPU. */
    CUDA;

    /** The device named {@code auto}, {@code cpu} or {@code cuda} (any case). */
    public static Device parse(String name) {
        for (Device d : values()) {
            if (d.label().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("device must be auto, cpu or cuda, not " + name);
    }

    /** The configuration name: {@code auto}, {@code cpu} or {@code cuda}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
