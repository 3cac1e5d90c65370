-- Cases whose type has a certificate (docs/documents.md): noted when the application is submitted, so that the
-- certificate can be issued when the case is approved, in the approving transaction (CaseCertificates).
-- Holds the applicant's pseudonymous account subject only, never a national ID or a name.
CREATE TABLE cmd_case_certificate (
    case_id          VARCHAR(64)  NOT NULL,
    case_type_code   VARCHAR(64)  NOT NULL,
    agency_code      VARCHAR(64)  NOT NULL,
    citizen_subject  VARCHAR(128),
    CONSTRAINT cmd_case_certificate_pk PRIMARY KEY (case_id)
);
