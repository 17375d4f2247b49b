package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The breaker in front of the pool, against the real driver and a port where no database listens: the first
 * caller finds out the slow way, the callers after it at once, and after the open period one caller probes
 * the database again.
 */
class CircuitBreakingDataSourceTest {

    private static PGSimpleDataSource nowhere() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1});
        ds.setUser("medgo_app");
        return ds;
    }

    @Test
    void anUnreachableDatabaseOpensTheCircuitAndTheNextCallersFailWithoutTryingUntilItIsTimeToProbe() {
        AtomicLong now = new AtomicLong(1_000);
        CircuitBreakingDataSource breaker = new CircuitBreakingDataSource(nowhere(), Duration.ofSeconds(2), now::get);

        assertThatThrownBy(breaker::getConnection).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(DatabaseOutage.causedBy(e)).isTrue())
                .hasMessageNotContaining("circuit open");
        assertThat(breaker.open()).isTrue();
        assertThatThrownBy(breaker::getConnection).hasMessageContaining("circuit open")
                .satisfies(e -> assertThat(DatabaseOutage.causedBy(e)).isTrue());

        now.addAndGet(Duration.ofSeconds(2).toNanos() + 1);
        assertThat(breaker.open()).isFalse();
        assertThatThrownBy(breaker::getConnection).as("the probe reaches the driver again").hasMessageNotContaining("circuit open");
        assertThat(breaker.open()).isTrue();
    }

    @Test
    void onlyConnectionFailuresCountAsAnOutage() {
        assertThat(DatabaseOutage.causedBy(new SQLException("no such table", "42P01"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
    }
}
