-- AlterTable
ALTER TABLE "ingest_run" ADD COLUMN     "issues" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "resource_identifier" (
    "source_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "fhir_id" TEXT NOT NULL,

    CONSTRAINT "resource_identifier_pkey" PRIMARY KEY ("source_id","resource_type","system","value","fhir_id")
);

-- CreateTable
CREATE TABLE "observation_set_dirty" (
    "source_id" INTEGER NOT NULL,
    "patient_fhir_id" TEXT NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observation_set_dirty_pkey" PRIMARY KEY ("source_id","patient_fhir_id")
);

-- CreateIndex
CREATE INDEX "resource_identifier_source_id_resource_type_fhir_id_idx" ON "resource_identifier"("source_id", "resource_type", "fhir_id");

-- CreateIndex
CREATE INDEX "care_event_source_id_encounter_fhir_id_idx" ON "care_event"("source_id", "encounter_fhir_id");

-- CreateIndex
CREATE INDEX "condition_source_id_encounter_fhir_id_idx" ON "condition"("source_id", "encounter_fhir_id");

-- CreateIndex
CREATE INDEX "vital_sign_source_id_encounter_fhir_id_idx" ON "vital_sign"("source_id", "encounter_fhir_id");

-- AddForeignKey
ALTER TABLE "resource_identifier" ADD CONSTRAINT "resource_identifier_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_set_dirty" ADD CONSTRAINT "observation_set_dirty_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
