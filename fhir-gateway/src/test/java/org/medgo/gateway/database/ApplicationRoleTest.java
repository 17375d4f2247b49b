package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The application's pool logs in as medgo_app, which may use the tables but not change the schema. */
@GatewayTest
class ApplicationRoleTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theApplicationRunsAsMedgoAppWithoutSuperuserRights() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("medgo_app");
        assertThat(jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).single())
                .isFalse();
    }

    @Test
    void theApplicationCannotChangeTheSchema() {
        assertThatThrownBy(() -> jdbc.sql("CREATE TABLE intruder (id int)").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageStartingWith("ERROR: permission denied for schema public");
        assertThatThrownBy(() -> jdbc.sql("DROP TABLE gateway_start").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageStartingWith("ERROR: must be owner of table gateway_start");
    }

    @Test
    void theStartLogIsAppendOnlyForTheApplication() {
        assertThat(jdbc.sql("SELECT count(*) FROM gateway_start").query(Long.class).single()).isPositive();
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM gateway_start").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageStartingWith("ERROR: permission denied for table gateway_start");
    }
}
