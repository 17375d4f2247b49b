package org.medgo.gateway.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL the hospital runs, reached through MEDGO_DB_URL. */
record ExternalDatabase(DatabaseConnection migrationConnection, DatabaseConnection applicationConnection)
        implements DatabaseLocation {

    private static final Logger log = LoggerFactory.getLogger(ExternalDatabase.class);

    static ExternalDatabase from(DatabaseProperties properties) {
        DatabaseConnection application =
                new DatabaseConnection(properties.url(), properties.user(), properties.password());
        boolean separateOwner = properties.migrationUser() != null && !properties.migrationUser().isBlank();
        DatabaseConnection migration = separateOwner
                ? new DatabaseConnection(properties.url(), properties.migrationUser(), properties.migrationPassword())
                : application;
        if (!separateOwner) {
            log.warn("MEDGO_DB_MIGRATION_USER is not set: the application role also owns the schema."
                    + " Set it to an owner role and make MEDGO_DB_USER a member of medgo_app for least privilege.");
        }
        return new ExternalDatabase(migration, application);
    }

    @Override
    public void close() {
        // nothing to stop: the hospital owns this server
    }
}
