package org.medgo.gateway.ehr;

/** Where calls to the EMR get their bearer token: SMART Backend Services, or a token a CDS client handed over. */
interface AccessTokens {

    String accessToken();

    /** The EMR refused the token: forget it (a fixed token cannot be renewed, so the next call fails). */
    void invalidate();

    static AccessTokens fixed(String token) {
        return new AccessTokens() {
            @Override
            public String accessToken() {
                return token;
            }

            @Override
            public void invalidate() {
                // nothing to renew: the CDS client's token is what it is
            }
        };
    }
}
