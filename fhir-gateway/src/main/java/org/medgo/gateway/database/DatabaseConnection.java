package org.medgo.gateway.database;

/** How to log in to the database as one role. */
public record DatabaseConnection(String url, String user, String password) {

    @Override
    public String toString() {
        return "DatabaseConnection[url=" + url + ", user=" + user + "]"; // never the password
    }
}
