package org.medgo.deidentify.fhir;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.medgo.deidentify.PhiType;

/** PHI type of an Identifier from its HL7 v2 identifier-type code (table 0203), else the fallback. */
final class IdentifierTypes {
    private IdentifierTypes() {
    }

    static PhiType of(Identifier id, PhiType fallback) {
        if (id.hasType()) {
            for (Coding c : id.getType().getCoding()) {
                PhiType t = byCode(c.getCode() == null ? "" : c.getCode());
                if (t != null) {
                    return t;
                }
            }
        }
        return fallback == null ? PhiType.OTHER_ID : fallback;
    }

    private static PhiType byCode(String code) {
        return switch (code) {
            case "MR", "VN", "ACSN", "PI", "PT" -> PhiType.MRN;
            case "SS", "SB" -> PhiType.SSN;
            case "DL", "MD", "LN", "NPI", "PRN", "DEA" -> PhiType.LICENSE;
            case "PPN", "NI", "NNCHN", "CZ", "NIIP" -> PhiType.ID_NUMBER;
            case "MB", "MA", "MC", "SN", "NH" -> PhiType.INSURANCE;
            case "AN", "BA", "BC", "BR" -> PhiType.ACCOUNT;
            case "SNO", "UDI" -> PhiType.DEVICE;
            default -> null;
        };
    }
}
