-- Vital signs waiting for their encounter's key: it lands later, or they name it by identifier (`?identifier=…`).
-- The ingest finds them here when the encounter arrives, whatever their patient reference says; partial, so rows
-- written with their key (nearly all) add no index entry to the hot path.
-- CreateIndex
CREATE INDEX "vital_sign_source_id_encounter_fhir_id_idx" ON "vital_sign"("source_id", "encounter_fhir_id") WHERE (encounter_id IS NULL AND encounter_fhir_id IS NOT NULL);
