package org.medgo.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.medgo.gateway.database.ExternalDatabaseCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the gateway: FHIR R4 at /fhir, health and metrics at /actuator, on SERVER_PORT (8080).",
            "Without MEDGO_DB_URL an embedded PostgreSQL keeps its data under MEDGO_DATA_DIR (~/.medgo).",
            "Extra --spring.property=value arguments are passed to Spring Boot."
        })
final class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        // Checked before Spring starts so that a wrong URL costs one line, not a page of stack traces.
        Optional<String> databaseProblem = ExternalDatabaseCheck.check(System.getenv());
        if (databaseProblem.isPresent()) {
            System.err.println("medgo: " + databaseProblem.get());
            return 2;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        SpringApplication application = GatewayApplication.application();
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> stopRequested.countDown());
        ConfigurableApplicationContext context;
        try {
            context = application.run(springArguments.toArray(String[]::new));
        } catch (RuntimeException startFailure) {
            // Spring has already reported the cause (failure analysis); add the one line an operator greps for.
            System.err.println("medgo: the gateway did not start: " + StartupFailure.describe(startFailure));
            return 1;
        }
        // SIGTERM / Ctrl-C are a requested stop, not a crash: handled here, the context closes in its order
        // (stop accepting, finish in-flight calls, put jobs back, flush and checkpoint the audit trail,
        // embedded PostgreSQL last) and the process exits 0. The JVM's default handling would run the
        // shutdown hooks concurrently and exit 143.
        StopSignals.onStop(stopRequested::countDown);
        stopRequested.await();
        context.close();
        return 0;
    }
}
