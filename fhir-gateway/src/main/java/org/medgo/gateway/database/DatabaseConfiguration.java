package org.medgo.gateway.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database beans: where the database is, the migrated schema, and the application's connection pool
 * (logged in as the least-privilege role). Anything that needs the database takes the {@link DataSource}
 * and therefore runs after the migrations.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseLocation databaseLocation(DatabaseProperties properties) {
        if (properties.external()) {
            return ExternalDatabase.from(properties);
        }
        DatabaseProperties.Embedded embedded = properties.embedded();
        if (embedded.shareRunning() && DataDirectoryLock.isHeld(embedded.dataDir().toAbsolutePath())) {
            return RunningEmbeddedDatabase.of(embedded.dataDir().toAbsolutePath());
        }
        return EmbeddedDatabase.start(embedded);
    }

    @Bean
    SchemaMigration schemaMigration(DatabaseLocation location) {
        return SchemaMigration.apply(location.migrationConnection());
    }

    /**
     * The pool behind a circuit breaker (see {@link CircuitBreakingDataSource}); it stays open for
     * {@link #CIRCUIT_OPEN}, after which one caller probes the database again.
     */
    @Bean(destroyMethod = "close")
    CircuitBreakingDataSource dataSource(DatabaseLocation location, SchemaMigration migrated, DatabaseProperties properties) {
        DatabaseConnection application = location.applicationConnection();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("medgo-app");
        pool.setJdbcUrl(application.url());
        pool.setUsername(application.user());
        pool.setPassword(application.password());
        pool.setMaximumPoolSize(properties.poolSize());
        pool.setConnectionTimeout(properties.connectTimeout().toMillis());
        // checking a pooled connection must fit in that wait too (Hikari's default is 5 s)
        pool.setValidationTimeout(Math.max(250, properties.connectTimeout().toMillis() / 2));
        // a new physical connection must not take longer than a pool borrow may wait
        pool.addDataSourceProperty("connectTimeout", Math.max(1, properties.connectTimeout().toSeconds()));
        return new CircuitBreakingDataSource(new HikariDataSource(pool), CIRCUIT_OPEN);
    }

    static final Duration CIRCUIT_OPEN = Duration.ofSeconds(2);
}
