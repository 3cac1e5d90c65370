package org.civicledger.events.documents;

/**
 * The signature schemes a signing key may use, both built into the JDK. The signing input is always the
 * 32 bytes of the document's SHA-256 (see docs/documents.md).
 */
public enum SignatureAlgorithm {
    /** EdDSA over Curve25519 (RFC 8032), signature 64 bytes. JDK key algorithm {@code Ed25519}. */
    ED25519("Ed25519"),
    /** ECDSA over NIST P-256 with SHA-256, signature DER-encoded. JDK key algorithm {@code EC}. */
    ECDSA_P256("SHA256withECDSA");

    private final String jdkSignature;

    SignatureAlgorithm(String jdkSignature) {
        this.jdkSignature = jdkSignature;
    }

    /** The name {@link java.security.Signature#getInstance(String)} knows it by. */
    public String jdkSignature() {
        return jdkSignature;
    }
}
