package org.medgo.gateway.operations.validation;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** A 422 whose OperationOutcome names the element ({@code expression}) and says how to fix it. */
public final class InputRefusal {

    private InputRefusal() {}

    public static UnprocessableEntityException unprocessable(String expression, String problem, String fix) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.REQUIRED)
                .setDiagnostics(problem + " — to fix: " + fix).addExpression(expression);
        return new UnprocessableEntityException(problem, outcome);
    }
}
