package org.medgo.gateway.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;

/**
 * HAPI's operation type as an R4 {@code restful-interaction} code (the codes BALP puts in AuditEvent.subtype).
 * HAPI names some interactions differently ({@code metadata} is R4's {@code capabilities}; paging is part of a
 * search) or has none (a request refused before it was resolved): those get the nearest R4 code, never one
 * R4 does not define.
 */
final class RestInteractionCode {

    private RestInteractionCode() {}

    static String of(RestOperationTypeEnum op) {
        if (op == null) {
            return "operation";
        }
        return switch (op) {
            case METADATA -> "capabilities";
            case GET_PAGE, SEARCH_TYPE -> "search-type";
            case SEARCH_SYSTEM -> "search-system";
            case READ -> "read";
            case VREAD -> "vread";
            case UPDATE -> "update";
            case PATCH -> "patch";
            case DELETE -> "delete";
            case CREATE -> "create";
            case HISTORY_INSTANCE -> "history-instance";
            case HISTORY_TYPE -> "history-type";
            case HISTORY_SYSTEM -> "history-system";
            case TRANSACTION -> "transaction";
            case BATCH -> "batch";
            default -> "operation";
        };
    }
}
