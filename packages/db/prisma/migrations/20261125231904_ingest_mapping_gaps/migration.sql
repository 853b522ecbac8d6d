-- AlterTable
ALTER TABLE "care_event" ADD COLUMN     "device_fhir_id" TEXT,
ADD COLUMN     "route" TEXT;

-- AlterTable
ALTER TABLE "location" ADD COLUMN     "news2_excluded" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "observation_set" ADD COLUMN     "documented_total_method" TEXT;

-- CreateTable
CREATE TABLE "device" (
    "source_id" INTEGER NOT NULL,
    "fhir_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code_system" TEXT,
    "code" TEXT,
    "patient_fhir_id" TEXT,

    CONSTRAINT "device_pkey" PRIMARY KEY ("source_id","fhir_id")
);

-- CreateIndex
CREATE INDEX "care_event_source_id_device_fhir_id_idx" ON "care_event"("source_id", "device_fhir_id");

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "fhir_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
