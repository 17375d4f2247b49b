package org.medgo.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The product version the build recorded (META-INF/build-info.properties); "dev" when there is none. */
public final class BuildVersion implements IVersionProvider {

    private static final String VERSION = readVersion();

    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"MedGo Gateway " + VERSION};
    }

    private static String readVersion() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("build.version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
