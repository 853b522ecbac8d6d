-- A conditional reference by value alone (`Patient?identifier=9000000017`) matches the value in any system. The
-- primary key leads with system, so without this index every such look-up would scan all identifiers of the type.
-- CreateIndex
CREATE INDEX "resource_identifier_source_id_resource_type_value_idx" ON "resource_identifier"("source_id", "resource_type", "value");
