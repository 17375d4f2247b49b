package org.medgo.gateway.database;

/**
 * The database the gateway runs on, seen as two logins: the owner role that migrates the schema and
 * the least-privilege {@code medgo_app} role the application uses. Closing it stops an embedded server.
 */
public sealed interface DatabaseLocation extends AutoCloseable permits EmbeddedDatabase, RunningEmbeddedDatabase, ExternalDatabase {

    DatabaseConnection migrationConnection();

    DatabaseConnection applicationConnection();

    @Override
    void close();
}
