-- Whether an approved case of a type yields a signed certificate (CaseTypeRegistered/CaseTypeRevised revision 2,
-- docs/documents.md), in the current terms and in each set of terms kept, in both slots (V2_90). Rows made before
-- this script get what a rebuild would give them: the upcaster of revision 1 decides by the code's -CERTIFICATE suffix.
ALTER TABLE ref_case_type ADD COLUMN issues_certificate BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ref_case_type_b ADD COLUMN issues_certificate BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ref_case_type_revision ADD COLUMN issues_certificate BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ref_case_type_revision_b ADD COLUMN issues_certificate BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE ref_case_type SET issues_certificate = TRUE WHERE case_type_code LIKE '%-CERTIFICATE';
UPDATE ref_case_type_b SET issues_certificate = TRUE WHERE case_type_code LIKE '%-CERTIFICATE';
UPDATE ref_case_type_revision SET issues_certificate = TRUE WHERE case_type_code LIKE '%-CERTIFICATE';
UPDATE ref_case_type_revision_b SET issues_certificate = TRUE WHERE case_type_code LIKE '%-CERTIFICATE';
