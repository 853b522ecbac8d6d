-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "fhir_source" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "auth" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fhir_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_checkpoint" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "high_water" TIMESTAMPTZ(3),
    "cursor" TEXT,
    "status" TEXT NOT NULL DEFAULT 'idle',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_checkpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_run" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "ingest_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quarantined_resource" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "run_id" INTEGER,
    "resource_type" TEXT,
    "fhir_id" TEXT,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quarantined_resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "raw_resource" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL DEFAULT '',
    "last_updated" TIMESTAMPTZ(3),
    "content_hash" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "raw_resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patient" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "identifier" TEXT,
    "birth_date" DATE,
    "sex" TEXT,
    "deceased" BOOLEAN NOT NULL DEFAULT false,
    "deceased_at" TIMESTAMPTZ(3),

    CONSTRAINT "patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "location" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "physical_type" TEXT,
    "part_of_fhir_id" TEXT,

    CONSTRAINT "location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "encounter" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "patient_fhir_id" TEXT NOT NULL,
    "patient_id" INTEGER,
    "class_code" TEXT,
    "status" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    "ward_fhir_id" TEXT,
    "ward_name" TEXT,
    "specialty" TEXT,
    "admission_method" TEXT,
    "discharge_disposition" TEXT,
    "died_in_hospital" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "encounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ward_stay" (
    "id" SERIAL NOT NULL,
    "encounter_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "ward_fhir_id" TEXT,
    "ward_name" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3),
    "end" TIMESTAMPTZ(3),

    CONSTRAINT "ward_stay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "condition" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "patient_fhir_id" TEXT NOT NULL,
    "patient_id" INTEGER,
    "encounter_fhir_id" TEXT,
    "encounter_id" INTEGER,
    "code_system" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "display" TEXT,
    "clinical_status" TEXT,
    "verification_status" TEXT,
    "onset_at" TIMESTAMPTZ(3),
    "recorded_at" TIMESTAMPTZ(3),
    "is_pneumonia" BOOLEAN NOT NULL DEFAULT false,
    "is_chest_infection" BOOLEAN NOT NULL DEFAULT false,
    "is_pressure_ulcer" BOOLEAN NOT NULL DEFAULT false,
    "pressure_ulcer_category" INTEGER,
    "present_on_admission" BOOLEAN,
    "charlson_group" TEXT,

    CONSTRAINT "condition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_event" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "patient_fhir_id" TEXT NOT NULL,
    "patient_id" INTEGER,
    "encounter_fhir_id" TEXT,
    "encounter_id" INTEGER,
    "kind" TEXT NOT NULL,
    "code_system" TEXT,
    "code" TEXT,
    "status" TEXT,
    "occurred_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "care_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vital_sign" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "patient_fhir_id" TEXT NOT NULL,
    "patient_id" INTEGER,
    "encounter_fhir_id" TEXT,
    "encounter_id" INTEGER,
    "parameter" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "value_code" TEXT,
    "unit" TEXT,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,
    "spo2_scale" INTEGER,
    "is_vital_signs_category" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "vital_sign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "observation_set" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "patient_fhir_id" TEXT NOT NULL,
    "patient_id" INTEGER,
    "encounter_id" INTEGER,
    "ward_name" TEXT,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,
    "respiratory_rate" DOUBLE PRECISION,
    "spo2" DOUBLE PRECISION,
    "spo2_scale" INTEGER NOT NULL DEFAULT 1,
    "on_oxygen" BOOLEAN,
    "systolic_bp" DOUBLE PRECISION,
    "pulse" DOUBLE PRECISION,
    "consciousness" TEXT,
    "temperature" DOUBLE PRECISION,
    "complete" BOOLEAN NOT NULL,
    "subscores" INTEGER[],
    "news2_total" INTEGER,
    "clinical_risk" TEXT,
    "red_score" BOOLEAN,
    "documented_total" INTEGER,
    "score_error" TEXT,
    "reading_fhir_ids" TEXT[],

    CONSTRAINT "observation_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_review" (
    "id" SERIAL NOT NULL,
    "patient_id" INTEGER NOT NULL,
    "encounter_id" INTEGER,
    "reviewer" TEXT NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL,
    "admission_care" INTEGER,
    "ongoing_care" INTEGER,
    "procedure_care" INTEGER,
    "perioperative_care" INTEGER,
    "end_of_life_care" INTEGER,
    "overall_care" INTEGER NOT NULL,
    "avoidability_score" INTEGER,
    "avoidability_label" TEXT,
    "avoidability_scale" TEXT,
    "problems_in_care" TEXT[],
    "problems_caused_harm" BOOLEAN,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "case_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation" (
    "id" SERIAL NOT NULL,
    "indicator_id" TEXT NOT NULL,
    "ward_name" TEXT,
    "date" TIMESTAMPTZ(3) NOT NULL,
    "label" TEXT NOT NULL,
    "rebaseline" BOOLEAN NOT NULL DEFAULT false,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization" (
    "id" SERIAL NOT NULL,
    "identifier_key" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practitioner" (
    "id" SERIAL NOT NULL,
    "identifier_key" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "practitioner_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "fhir_source_name_key" ON "fhir_source"("name");

-- CreateIndex
CREATE UNIQUE INDEX "sync_checkpoint_source_id_resource_type_key" ON "sync_checkpoint"("source_id", "resource_type");

-- CreateIndex
CREATE INDEX "ingest_run_source_id_started_at_idx" ON "ingest_run"("source_id", "started_at");

-- CreateIndex
CREATE INDEX "quarantined_resource_source_id_resource_type_idx" ON "quarantined_resource"("source_id", "resource_type");

-- CreateIndex
CREATE UNIQUE INDEX "quarantined_resource_source_id_content_hash_key" ON "quarantined_resource"("source_id", "content_hash");

-- CreateIndex
CREATE INDEX "raw_resource_source_id_resource_type_last_updated_idx" ON "raw_resource"("source_id", "resource_type", "last_updated");

-- CreateIndex
CREATE UNIQUE INDEX "raw_resource_source_id_resource_type_fhir_id_key" ON "raw_resource"("source_id", "resource_type", "fhir_id");

-- CreateIndex
CREATE INDEX "patient_deceased_at_idx" ON "patient"("deceased_at");

-- CreateIndex
CREATE UNIQUE INDEX "patient_source_id_fhir_id_key" ON "patient"("source_id", "fhir_id");

-- CreateIndex
CREATE UNIQUE INDEX "location_source_id_fhir_id_key" ON "location"("source_id", "fhir_id");

-- CreateIndex
CREATE INDEX "encounter_source_id_patient_fhir_id_idx" ON "encounter"("source_id", "patient_fhir_id");

-- CreateIndex
CREATE INDEX "encounter_patient_id_idx" ON "encounter"("patient_id");

-- CreateIndex
CREATE INDEX "encounter_period_start_idx" ON "encounter"("period_start");

-- CreateIndex
CREATE INDEX "encounter_period_end_idx" ON "encounter"("period_end");

-- CreateIndex
CREATE UNIQUE INDEX "encounter_source_id_fhir_id_key" ON "encounter"("source_id", "fhir_id");

-- CreateIndex
CREATE INDEX "ward_stay_ward_name_start_idx" ON "ward_stay"("ward_name", "start");

-- CreateIndex
CREATE UNIQUE INDEX "ward_stay_encounter_id_position_key" ON "ward_stay"("encounter_id", "position");

-- CreateIndex
CREATE INDEX "condition_source_id_patient_fhir_id_idx" ON "condition"("source_id", "patient_fhir_id");

-- CreateIndex
CREATE INDEX "condition_is_pneumonia_patient_id_idx" ON "condition"("is_pneumonia", "patient_id");

-- CreateIndex
CREATE INDEX "condition_is_pressure_ulcer_onset_at_idx" ON "condition"("is_pressure_ulcer", "onset_at");

-- CreateIndex
CREATE UNIQUE INDEX "condition_source_id_fhir_id_key" ON "condition"("source_id", "fhir_id");

-- CreateIndex
CREATE INDEX "care_event_source_id_patient_fhir_id_occurred_at_idx" ON "care_event"("source_id", "patient_fhir_id", "occurred_at");

-- CreateIndex
CREATE INDEX "care_event_kind_occurred_at_idx" ON "care_event"("kind", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "care_event_source_id_resource_type_fhir_id_key" ON "care_event"("source_id", "resource_type", "fhir_id");

-- CreateIndex
CREATE INDEX "vital_sign_source_id_patient_fhir_id_effective_at_idx" ON "vital_sign"("source_id", "patient_fhir_id", "effective_at");

-- CreateIndex
CREATE UNIQUE INDEX "vital_sign_source_id_fhir_id_parameter_key" ON "vital_sign"("source_id", "fhir_id", "parameter");

-- CreateIndex
CREATE INDEX "observation_set_ward_name_effective_at_idx" ON "observation_set"("ward_name", "effective_at");

-- CreateIndex
CREATE INDEX "observation_set_effective_at_idx" ON "observation_set"("effective_at");

-- CreateIndex
CREATE UNIQUE INDEX "observation_set_source_id_patient_fhir_id_effective_at_key" ON "observation_set"("source_id", "patient_fhir_id", "effective_at");

-- CreateIndex
CREATE INDEX "case_review_patient_id_idx" ON "case_review"("patient_id");

-- CreateIndex
CREATE INDEX "case_review_reviewed_at_idx" ON "case_review"("reviewed_at");

-- CreateIndex
CREATE INDEX "annotation_indicator_id_date_idx" ON "annotation"("indicator_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "organization_identifier_key_key" ON "organization"("identifier_key");

-- CreateIndex
CREATE UNIQUE INDEX "practitioner_identifier_key_key" ON "practitioner"("identifier_key");

-- AddForeignKey
ALTER TABLE "sync_checkpoint" ADD CONSTRAINT "sync_checkpoint_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_run" ADD CONSTRAINT "ingest_run_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarantined_resource" ADD CONSTRAINT "quarantined_resource_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarantined_resource" ADD CONSTRAINT "quarantined_resource_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "ingest_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "raw_resource" ADD CONSTRAINT "raw_resource_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient" ADD CONSTRAINT "patient_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "location" ADD CONSTRAINT "location_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "encounter" ADD CONSTRAINT "encounter_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "encounter" ADD CONSTRAINT "encounter_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ward_stay" ADD CONSTRAINT "ward_stay_encounter_id_fkey" FOREIGN KEY ("encounter_id") REFERENCES "encounter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "condition" ADD CONSTRAINT "condition_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "condition" ADD CONSTRAINT "condition_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "condition" ADD CONSTRAINT "condition_encounter_id_fkey" FOREIGN KEY ("encounter_id") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_event" ADD CONSTRAINT "care_event_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_event" ADD CONSTRAINT "care_event_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "care_event" ADD CONSTRAINT "care_event_encounter_id_fkey" FOREIGN KEY ("encounter_id") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vital_sign" ADD CONSTRAINT "vital_sign_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vital_sign" ADD CONSTRAINT "vital_sign_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vital_sign" ADD CONSTRAINT "vital_sign_encounter_id_fkey" FOREIGN KEY ("encounter_id") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_set" ADD CONSTRAINT "observation_set_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_set" ADD CONSTRAINT "observation_set_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_set" ADD CONSTRAINT "observation_set_encounter_id_fkey" FOREIGN KEY ("encounter_id") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_review" ADD CONSTRAINT "case_review_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_review" ADD CONSTRAINT "case_review_encounter_id_fkey" FOREIGN KEY ("encounter_id") REFERENCES "encounter"("id") ON DELETE SET NULL ON UPDATE CASCADE;
