/**
 * What the studio's server sends and its page reads: the JSON of /api/…. Two compilation units
 * include this file, src/ (the server, tsconfig.json) and the page (studio/tsconfig.json), so the
 * two cannot drift. Types only and no imports: the page takes nothing from src/ at run time
 * (tests/architecture.test.ts).
 */

/** A place in the department file's YAML: keys and list indexes from the root. */
export type YamlPath = (string | number)[];

/** A finding as the page shows it: where it is in the data, in which part, on which page. */
export interface StudioFinding {
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  line?: number;
  column?: number;
  path?: YamlPath;
  part: string;
  /** 0-based page of the report where the part or section it concerns begins. */
  page?: number;
  /** Where on that page its heading stands (points from the top). */
  y?: number;
}

/** One form field: a value of the data the officer may type into, by its path in the YAML. */
export interface Field {
  path: YamlPath;
  label: string;
  kind: 'text' | 'number';
  value: string;
  /** Long text: a text area rather than one line. */
  long: boolean;
  /** The checker asks for it (a missing or empty reason). */
  wanted?: string;
}

export interface FieldGroup {
  title: string;
  fields: Field[];
}

/** POST /api/preview: the edited text checked and laid out; its pages come from GET /api/page. */
export interface Preview {
  rev: number;
  pages: number;
  /** Each page's width and height in points. */
  sizes: [number, number][];
  findings: StudioFinding[];
  groups: FieldGroup[];
  /** Milliseconds the server spent: load, check, lay out. */
  ms: number;
}

/** POST /api/edit: a form field's value written into the text, and the preview of the result. */
export interface EditedPreview extends Preview {
  text: string;
}

/** One department file of the data folder, as the list on the left shows it. */
export interface DepartmentEntry {
  path: string;
  name: string;
  errors: number;
  warnings: number;
  /** The file cannot be read or is not a department file at all. */
  unreadable?: boolean;
}

/** GET /api/departments */
export interface DepartmentList {
  root: string;
  departments: DepartmentEntry[];
}

/** GET /api/open: the file's text and the version a save must start from. */
export interface OpenedFile {
  path: string;
  text: string;
  version: string;
}

/** POST /api/save: the new version, and where the replaced one is kept. */
export interface Saved {
  version: string;
  previous?: string;
}

/** POST /api/import: the department file written from the uploaded PDF or workbook. */
export interface Imported {
  path: string;
}

/** Any refusal or failure: the message in Chinese; a save conflict adds the file's current version. */
export interface ApiFailure {
  message: string;
  version?: string;
}
