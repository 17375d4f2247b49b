package org.medgo.gateway.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Which page of a search the caller asked for ({@code _offset}, {@code _count}), and the page as HAPI wants it.
 * Searches read only this page from the database (LIMIT/OFFSET) and count the matches for {@code total}; with no
 * paging provider registered HAPI writes stateless {@code next}/{@code previous} links carrying {@code _offset},
 * so any gateway instance can serve any page and nothing is kept in memory between pages.
 */
public record SearchPage(int offset, int count) {

    public static final int DEFAULT_COUNT = 20;
    public static final int MAX_COUNT = 200;
    /** Deep offsets make PostgreSQL read and skip every earlier row; narrow the search instead. */
    public static final int MAX_OFFSET = 100_000;

    /** From the request's {@code _offset} and {@code _count} (either may be absent). */
    public static SearchPage of(Integer offset, Integer count) {
        int o = offset == null ? 0 : offset;
        if (o < 0 || o > MAX_OFFSET) {
            throw new InvalidRequestException("_offset must be between 0 and " + MAX_OFFSET + " (narrow the search by date instead)");
        }
        int c = count == null ? DEFAULT_COUNT : count;
        if (c < 0) {
            throw new InvalidRequestException("_count must not be negative");
        }
        // FHIR lets a server return fewer than asked; the next link carries the page size actually used
        return new SearchPage(o, Math.min(c, MAX_COUNT));
    }

    /** The page for HAPI: the rows read, with the number of all matches as its size ({@code Bundle.total}). */
    public IBundleProvider bundle(List<? extends IBaseResource> rows, long total) {
        SimpleBundleProvider page = new SimpleBundleProvider(rows);
        page.setSize((int) Math.min(total, Integer.MAX_VALUE));
        page.setPreferredPageSize(count);
        return page;
    }
}
