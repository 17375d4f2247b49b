package org.medgo.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paging and sorting policy of the database-backed searches. */
class SearchPageTest {

    @ParameterizedTest(name = "_offset={0} _count={1} -> {2},{3}")
    @CsvSource(nullValues = "-", textBlock = """
            -,      -,    0,      20
            10,     10,   10,     10
            0,      0,    0,      0
            5,      1000, 5,      200
            100000, 1,    100000, 1
            """)
    void pageOfTheRequest(Integer offset, Integer count, int expectedOffset, int expectedCount) {
        assertThat(SearchPage.of(offset, count)).isEqualTo(new SearchPage(expectedOffset, expectedCount));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            -1,     10
            100001, 10
            0,      -5
            """)
    void impossiblePagesAre400(Integer offset, Integer count) {
        assertThatThrownBy(() -> SearchPage.of(offset, count)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void thePageCarriesTheTotalOfAllMatches() {
        var page = SearchPage.of(10, 10).bundle(List.of(new Composition(), new Composition()), 25);
        assertThat(page.size()).isEqualTo(25);
        assertThat(page.getResources(0, 10)).hasSize(2);
    }

    static final Map<String, String> SORTS = Map.of("date", "date", "_lastUpdated", "updated_at");

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            -,            -,    'date DESC, id'
            date,         ASC,  'date ASC, id'
            date,         DESC, 'date DESC, id'
            _lastUpdated, ASC,  'updated_at ASC, id'
            """)
    void sortsOnlyByWhatTheSearchSupports(String param, SortOrderEnum order, String expected) {
        SortSpec sort = param == null ? null : new SortSpec(param, order);
        assertThat(SearchSort.orderBy(sort, SORTS, "date DESC", "id")).isEqualTo(expected);
    }

    @Test
    void anUnsupportedSortIs400NamingTheSupportedOnes() {
        assertThatThrownBy(() -> SearchSort.orderBy(new SortSpec("title; DROP TABLE x"), SORTS, "date DESC", "id"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("[_lastUpdated, date]");
        SortSpec twoLevels = new SortSpec("date");
        twoLevels.setChain(new SortSpec("_lastUpdated"));
        assertThatThrownBy(() -> SearchSort.orderBy(twoLevels, SORTS, "date DESC", "id")).isInstanceOf(InvalidRequestException.class);
    }
}
