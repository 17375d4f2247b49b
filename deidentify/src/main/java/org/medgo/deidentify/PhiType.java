package org.medgo.deidentify;

/**
 * Kinds of protected health information the de-identifier recognises. The names appear in surrogates
 * ({@code [NAME_1]}) and in audit counts, so they are part of the outside contract.
 * Mapping to HIPAA Safe Harbor (164.514(b)(2)) and GB/T 37964 / PIPL personal identifiers is in README.md.
 */
public enum PhiType {
    NAME, DATE, AGE, ADDRESS, POSTCODE, PHONE, EMAIL, URL, IP,
    MRN, ID_NUMBER, SSN, INSURANCE, ACCOUNT, LICENSE, DEVICE, VEHICLE, ORGANIZATION, OTHER_ID;

    /** Structured identifiers: the recall target for these is 99.9 %. */
    public boolean structured() {
        return switch (this) {
            case PHONE, EMAIL, URL, IP, MRN, ID_NUMBER, SSN, INSURANCE, ACCOUNT, LICENSE, DEVICE, VEHICLE, OTHER_ID -> true;
            default -> false;
        };
    }
}
