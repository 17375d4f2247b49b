package org.medgo.deidentify.text;

/** ISO 7064 MOD 11-2 check character of the 18-character PRC resident identity number (GB 11643). */
final class ResidentIdChecksum {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdChecksum() {
    }

    static char checkChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    static boolean valid(CharSequence id) {
        if (id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return Character.toUpperCase(id.charAt(17)) == checkChar(id);
    }
}
