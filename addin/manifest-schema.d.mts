// Types of manifest-schema.mjs, for the TypeScript tests that import it.
export declare const XSD_DIR_VARIABLE: "OFFICE_MANIFEST_XSD_DIR";
export declare const MAIN_XSD: "OfficeAppManifestV1_1.xsd";

export type ManifestSchema = { xsd: string; missing: null } | { xsd: null; missing: string };

export declare function manifestSchema(env?: Record<string, string | undefined>): ManifestSchema;

export declare function validateManifest(
  manifestPath: string,
  xsd: string,
): { ok: boolean; status: number | null; output: string };
