/**
 * Charlson comorbidity groups from ICD-10 codes, the coding algorithm of Quan H et al., "Coding algorithms
 * for defining comorbidities in ICD-9-CM and ICD-10 administrative data", Med Care 2005;43(11):1130–9
 * (Table: "Charlson comorbidities, enhanced ICD-10"). SHMI uses the Charlson index as a case-mix variable
 * (INDICATORS.md §4.1). Entries are code prefixes without the dot; ranges are expanded.
 */
const QUAN_ICD10: Readonly<Record<string, readonly string[]>> = {
  myocardialInfarction: ["I21", "I22", "I252"],
  congestiveHeartFailure: [
    "I099",
    "I110",
    "I130",
    "I132",
    "I255",
    "I420",
    "I425",
    "I426",
    "I427",
    "I428",
    "I429",
    "I43",
    "I50",
    "P290",
  ],
  peripheralVascular: [
    "I70",
    "I71",
    "I731",
    "I738",
    "I739",
    "I771",
    "I790",
    "I792",
    "K551",
    "K558",
    "K559",
    "Z958",
    "Z959",
  ],
  cerebrovascular: ["G45", "G46", "H340", ...range("I", 60, 69)],
  dementia: ["F00", "F01", "F02", "F03", "F051", "G30", "G311"],
  chronicPulmonary: ["I278", "I279", ...range("J", 40, 47), ...range("J", 60, 67), "J684", "J701", "J703"],
  rheumatic: ["M05", "M06", "M315", "M32", "M33", "M34", "M351", "M353", "M360"],
  pepticUlcer: ["K25", "K26", "K27", "K28"],
  mildLiver: [
    "B18",
    "K700",
    "K701",
    "K702",
    "K703",
    "K709",
    "K713",
    "K714",
    "K715",
    "K717",
    "K73",
    "K74",
    "K760",
    "K762",
    "K763",
    "K764",
    "K768",
    "K769",
    "Z944",
  ],
  diabetesWithoutComplications: diabetes(["0", "1", "6", "8", "9"]),
  diabetesWithComplications: diabetes(["2", "3", "4", "5", "7"]),
  hemiplegia: ["G041", "G114", "G801", "G802", "G81", "G82", "G830", "G831", "G832", "G833", "G834", "G839"],
  renal: [
    "I120",
    "I131",
    "N032",
    "N033",
    "N034",
    "N035",
    "N036",
    "N037",
    "N052",
    "N053",
    "N054",
    "N055",
    "N056",
    "N057",
    "N18",
    "N19",
    "N250",
    "Z490",
    "Z491",
    "Z492",
    "Z940",
    "Z992",
  ],
  malignancy: [
    ...range("C", 0, 26),
    ...range("C", 30, 34),
    ...range("C", 37, 41),
    "C43",
    ...range("C", 45, 58),
    ...range("C", 60, 76),
    ...range("C", 81, 85),
    "C88",
    ...range("C", 90, 97),
  ],
  severeLiver: ["I850", "I859", "I864", "I982", "K704", "K711", "K721", "K729", "K765", "K766", "K767"],
  metastaticTumour: ["C77", "C78", "C79", "C80"],
  hiv: ["B20", "B21", "B22", "B24"],
};

function range(letter: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(`${letter}${String(n).padStart(2, "0")}`);
  return out;
}

function diabetes(fourth: readonly string[]): string[] {
  return ["E10", "E11", "E12", "E13", "E14"].flatMap((three) => fourth.map((digit) => `${three}${digit}`));
}

/** Longest prefixes first, so "I252" (MI) wins over a shorter entry of another group. */
const PREFIXES: readonly (readonly [string, string])[] = Object.entries(QUAN_ICD10)
  .flatMap(([group, prefixes]) => prefixes.map((prefix) => [prefix, group] as const))
  .sort((a, b) => b[0].length - a[0].length);

/** The Charlson group of an ICD-10 code ("I21.9", "I219"), or null. */
export function charlsonGroup(icd10: string): string | null {
  const code = icd10.replace(/[.\s]/g, "").toUpperCase();
  for (const [prefix, group] of PREFIXES) if (code.startsWith(prefix)) return group;
  return null;
}
