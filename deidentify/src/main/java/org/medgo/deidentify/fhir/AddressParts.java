package org.medgo.deidentify.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Address;

/** Which parts of an Address identify a place (street, district, city) and which may stay (state, country). */
final class AddressParts {
    private AddressParts() {
    }

    /** Street lines (or the text), district and city joined: the part a surrogate stands for. */
    static String identifyingLine(Address a) {
        List<String> parts = new ArrayList<>();
        a.getLine().forEach(l -> parts.add(l.getValue()));
        if (parts.isEmpty() && a.hasText()) {
            parts.add(a.getText());
        }
        if (a.hasDistrict()) {
            parts.add(a.getDistrict());
        }
        if (a.hasCity()) {
            parts.add(a.getCity());
        }
        return String.join(", ", parts.stream().filter(s -> s != null && !s.isBlank()).toList());
    }

    /**
     * Removes text, city and district and cuts the postcode to its first 3 characters (Safe Harbor keeps
     * the 3-digit ZIP); lines are the caller's business. Returns whether there was a postcode.
     */
    static boolean clearLocality(Address a) {
        a.setText(null);
        a.setCity(null);
        a.setDistrict(null);
        if (a.hasPostalCode()) {
            a.setPostalCode(threeDigits(a.getPostalCode()));
            return true;
        }
        return false;
    }

    static String threeDigits(String postcode) {
        String digits = postcode.replaceAll("[^0-9A-Za-z]", "");
        return digits.length() <= 3 ? digits : digits.substring(0, 3);
    }
}
