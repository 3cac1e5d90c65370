-- Whether an approved case of a type yields a signed certificate is a property of the case type from revision 2 of
-- CaseTypeRegistered/CaseTypeRevised on (docs/documents.md). Before, the code decided it (it ends in -CERTIFICATE);
-- rows stored before this script get what the upcaster gives their events, so the table is what a replay would make.
ALTER TABLE cmd_case_type ADD COLUMN issues_certificate BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE cmd_case_type SET issues_certificate = TRUE WHERE case_type_code LIKE '%-CERTIFICATE';
