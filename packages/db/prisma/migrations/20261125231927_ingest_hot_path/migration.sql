-- DropForeignKey
ALTER TABLE "raw_resource" DROP CONSTRAINT "raw_resource_source_id_fkey";

-- DropForeignKey
ALTER TABLE "vital_sign" DROP CONSTRAINT "vital_sign_encounter_id_fkey";

-- DropForeignKey
ALTER TABLE "vital_sign" DROP CONSTRAINT "vital_sign_patient_id_fkey";

-- DropForeignKey
ALTER TABLE "vital_sign" DROP CONSTRAINT "vital_sign_source_id_fkey";

-- DropIndex
DROP INDEX "raw_resource_source_id_resource_type_fhir_id_key";

-- DropIndex
DROP INDEX "raw_resource_source_id_resource_type_last_updated_idx";

-- DropIndex
DROP INDEX "vital_sign_source_id_encounter_fhir_id_idx";

-- DropIndex
DROP INDEX "vital_sign_source_id_fhir_id_parameter_key";

-- AlterTable
ALTER TABLE "raw_resource" DROP CONSTRAINT "raw_resource_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "raw_resource_pkey" PRIMARY KEY ("source_id", "resource_type", "fhir_id");

-- AlterTable
ALTER TABLE "vital_sign" DROP CONSTRAINT "vital_sign_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "vital_sign_pkey" PRIMARY KEY ("source_id", "fhir_id", "parameter");

-- The foreign keys dropped above cost a trigger call and a row lock per inserted row (raw_resource and
-- vital_sign take a million rows per large load; docs/benchmarks/ingest.md). The ingest resolves patient_id and
-- encounter_id itself in the transaction that writes a row; these triggers on the rarely written parent tables
-- keep the referential actions the constraints had (ON DELETE CASCADE / SET NULL).
CREATE FUNCTION "vigil_fhir_source_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "raw_resource" WHERE "source_id" = OLD."id";
  DELETE FROM "vital_sign" WHERE "source_id" = OLD."id";
  RETURN OLD;
END
$$;
CREATE TRIGGER "fhir_source_cascade_raw_and_vital_signs" AFTER DELETE ON "fhir_source"
  FOR EACH ROW EXECUTE FUNCTION "vigil_fhir_source_deleted"();

-- A vital sign's patient_id / encounter_id always come from its own patient_fhir_id, so the index by patient finds them.
CREATE FUNCTION "vigil_patient_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "vital_sign" SET "patient_id" = NULL
   WHERE "source_id" = OLD."source_id" AND "patient_fhir_id" = OLD."fhir_id" AND "patient_id" = OLD."id";
  RETURN OLD;
END
$$;
CREATE TRIGGER "patient_set_null_vital_signs" AFTER DELETE ON "patient"
  FOR EACH ROW EXECUTE FUNCTION "vigil_patient_deleted"();

CREATE FUNCTION "vigil_encounter_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "vital_sign" SET "encounter_id" = NULL
   WHERE "source_id" = OLD."source_id" AND "patient_fhir_id" = OLD."patient_fhir_id" AND "encounter_id" = OLD."id";
  RETURN OLD;
END
$$;
CREATE TRIGGER "encounter_set_null_vital_signs" AFTER DELETE ON "encounter"
  FOR EACH ROW EXECUTE FUNCTION "vigil_encounter_deleted"();
