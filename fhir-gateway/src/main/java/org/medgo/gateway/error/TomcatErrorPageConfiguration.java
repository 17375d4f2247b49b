package org.medgo.gateway.error;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Puts {@link OperationOutcomeErrorReportValve} in place of every other error report valve of the host. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorPageConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE) // after Spring Boot's own customizer, which adds an HTML valve
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds a valve of this class itself when it starts, and Tomcat uses it for errors
                // found before a request reaches the context
                host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
            }
            var pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new OperationOutcomeErrorReportValve());
        });
    }
}
