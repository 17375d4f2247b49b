package org.medgo.gateway.database;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies every module's Flyway migrations as the owner role. Modules keep their SQL in
 * {@code db/migration/<module>/} with their own version range (gateway V1_x, audit V2_x, deidentify V3_x,
 * operations V4_x, security V5_x); a module without migrations yet is simply skipped.
 */
public record SchemaMigration(MigrateResult result) {

    static final String[] LOCATIONS = {
        "classpath:db/migration/gateway",
        "classpath:db/migration/audit",
        "classpath:db/migration/deidentify",
        "classpath:db/migration/operations",
        "classpath:db/migration/security",
        "classpath:db/migration/ehr",
    };

    static SchemaMigration apply(DatabaseConnection owner) {
        MigrateResult result = Flyway.configure()
                .dataSource(owner.url(), owner.user(), owner.password())
                .locations(LOCATIONS)
                .failOnMissingLocations(false)
                // modules land migrations independently inside their own ranges; a later gateway V1_x
                // must still apply on a database that already has audit V2_x
                .outOfOrder(true)
                .load()
                .migrate();
        return new SchemaMigration(result);
    }
}
