package org.medgo.gateway.fhir;

import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;

/**
 * {@code _sort} to an SQL {@code ORDER BY}: only the parameters a search supports (each mapped to its indexed
 * column, never the caller's text), one level; an unsupported one is a 400 that names the ones it could use,
 * so a client never gets an order it did not ask for.
 */
public final class SearchSort {

    private SearchSort() {}

    /**
     * @param columns   search parameter → column, e.g. {@code date → date}
     * @param fallback  the order without {@code _sort}, e.g. {@code date DESC}
     * @param tieBreak  appended so pages are stable when sort values repeat, e.g. {@code id}
     */
    public static String orderBy(SortSpec sort, Map<String, String> columns, String fallback, String tieBreak) {
        if (sort == null) {
            return fallback + ", " + tieBreak;
        }
        if (sort.getChain() != null) {
            throw new InvalidRequestException("_sort takes one parameter: one of " + columns.keySet().stream().sorted().toList());
        }
        String column = columns.get(sort.getParamName());
        if (column == null) {
            throw new InvalidRequestException("_sort by '" + sort.getParamName() + "' is not supported; use one of "
                    + columns.keySet().stream().sorted().toList() + " (prefix - for descending)");
        }
        return column + (sort.getOrder() == SortOrderEnum.DESC ? " DESC" : " ASC") + ", " + tieBreak;
    }
}
