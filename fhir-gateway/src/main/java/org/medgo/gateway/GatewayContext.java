package org.medgo.gateway;

import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's wiring (configuration, migrated database, {@code DataSource}, other beans) without its
 * HTTP server, for subcommands that need it, e.g. {@code audit verify}:
 *
 * <pre>{@code
 * try (ConfigurableApplicationContext gateway = GatewayContext.open()) {
 *     DataSource database = gateway.getBean(DataSource.class);
 *     ...
 * }
 * }</pre>
 *
 * If {@code ./medgo serve} is already running on the same MEDGO_DATA_DIR, its embedded database is used;
 * otherwise one is started and stopped again on close. Logging stays at WARN so that the command's own
 * output is readable. Beans are created when a command asks for them: {@code audit verify} next to a serving
 * gateway must not load a second copy of the model onto the GPU, nor start job workers.
 */
public final class GatewayContext {

    private GatewayContext() {}

    public static ConfigurableApplicationContext open(String... springArguments) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(Map.of("logging.level.root", "WARN", "logging.level.org.medgo", "WARN",
                        "spring.main.lazy-initialization", "true"))
                .run(withSharedDatabase(springArguments));
    }

    private static String[] withSharedDatabase(String[] springArguments) {
        String[] arguments = new String[springArguments.length + 1];
        arguments[0] = "--medgo.db.embedded.share-running=true";
        System.arraycopy(springArguments, 0, arguments, 1, springArguments.length);
        return arguments;
    }
}
