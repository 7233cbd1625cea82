/**
 * What the pane knows about the hierarchy and the forms: the units the token sees (and their
 * ancestors) and the form definitions, read from the cache once when the pane opens and
 * replaced by one request for each when the server answers. The tabs read them from here;
 * nothing else keeps a copy.
 */
import type { UnitDto } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { BUILT_IN_FORMS } from "../../../shared/forms";
import { collectionForPeriod, collectionsForPeriod } from "../../../shared/forms/collection-period";
import type { ApiClient, FormsResponse, ReadOutcome, UnitsResponse } from "./api";
import { canCompare } from "./compare-choice";
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStore } from "./storage";

const K_UNITS = STORAGE_PREFIX + "units";
const K_FORMS = STORAGE_PREFIX + "forms";

export interface RefreshResult {
  units: ReadOutcome<UnitsResponse>;
  forms: ReadOutcome<FormsResponse>;
}

export class ReferenceData {
  units: UnitDto[];
  ancestors: UnitDto[];
  forms: FormDefinition[];
  /** The token's role and unit, as the server last said (absent in a cache from before it said so). */
  caller: UnitsResponse["caller"];

  constructor(private readonly store: KeyValueStore) {
    const cached = readJson<UnitsResponse | null>(store, K_UNITS, null);
    this.units = cached ? cached.units : [];
    this.ancestors = cached ? cached.ancestors : [];
    this.caller = cached ? cached.caller : undefined;
    // Built-in definitions until the server's (which may carry an administrator's replacement) arrive.
    this.forms = readJson<FormDefinition[] | null>(store, K_FORMS, null) || BUILT_IN_FORMS.slice();
  }

  /** One request for the units and one for the forms; what answers replaces the cache. */
  refresh(api: ApiClient): Promise<RefreshResult> {
    return Promise.all([api.units(), api.forms()]).then(([units, forms]) => {
      if (units.ok) {
        this.units = units.data.units;
        this.ancestors = units.data.ancestors;
        this.caller = units.data.caller;
        writeJson(this.store, K_UNITS, units.data);
      }
      if (forms.ok && forms.data.forms.length > 0) {
        this.forms = forms.data.forms;
        writeJson(this.store, K_FORMS, forms.data.forms);
      }
      return { units, forms };
    });
  }

  reportingUnits(): UnitDto[] {
    return this.units.filter((u) => u.reporting);
  }

  unitByCode(code: string): UnitDto | undefined {
    return this.units.concat(this.ancestors).filter((u) => u.code === code)[0];
  }

  /** The forms and collections reported for the period (a month or a week), each in the version in force for it. */
  formsInForce(period: string): FormDefinition[] {
    return collectionsForPeriod(this.forms, period);
  }

  formFor(id: string, period: string): FormDefinition | undefined {
    return collectionForPeriod(this.forms, id, period) || undefined;
  }

  /** Every form and collection the server knows, once each (its latest version): the insert tab's first choice. */
  collections(): FormDefinition[] {
    const latest: Record<string, FormDefinition> = {};
    const ids: string[] = [];
    for (const f of this.forms) {
      const seen = latest[f.id];
      if (!seen) ids.push(f.id);
      if (!seen || f.validFrom > seen.validFrom) latest[f.id] = f;
    }
    ids.sort();
    return ids.map((id) => latest[id] as FormDefinition);
  }

  /**
   * The definition a sheet was made with (its regime), else the one in force for its period. A
   * regime can have several versions (TT 05/2024 before and after 1/7/2025): the one in force
   * for the period first, then the regime's latest.
   */
  formOf(ref: { formId: string; regime: string; period: string }): FormDefinition | undefined {
    const same = (f: FormDefinition) => f.id === ref.formId && f.regime === ref.regime;
    const versions = this.forms.filter(same);
    return this.formsInForce(ref.period).filter(same)[0] || versions[versions.length - 1] || this.formFor(ref.formId, ref.period);
  }

  /** Province and national tokens get the comparison tab. */
  canCompare(): boolean {
    return canCompare(this.units);
  }
}
