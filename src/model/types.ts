// Audit records, contract v2 (shared/spec/records.md). Field names are a contract: extend, never rename.

export type Condition = 'working' | 'degraded' | 'broken' | 'out_of_service';
export type AuthorRole = 'erun' | 'technicien' | 'directeur' | 'autre';
export type FicheKind = 'school' | 'classroom';

export const CLASS_LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS', 'UPE2A', 'PS', 'MS', 'GS'] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];

export type DisplayType = 'eni' | 'vpi' | 'tni' | 'projector' | 'tv' | 'none';
export type ComputerType = 'desktop' | 'laptop' | 'none';
export type NetworkAccess = 'wired' | 'wifi' | 'both' | 'none';
export type InternetAccess = 'fibre' | 'vdsl' | 'adsl' | 'mobile' | 'satellite' | 'none';
export type WifiCoverage = 'all' | 'partial' | 'none';
export type FleetType = 'tablet' | 'laptop' | 'hybrid';
export type Charging = 'cart' | 'case' | 'none';
export type SchoolStatus = 'draft' | 'complete';

export interface Author {
  name: string;
  role: AuthorRole;
}

export interface ClassroomData {
  label: string;
  levels: ClassLevel[];
  pupils: number | null;
  display: { type: DisplayType | null; condition: Condition | null; year: number | null; sizeInches: number | null };
  computer: {
    type: ComputerType | null;
    condition: Condition | null;
    year: number | null;
    os: string | null;
    ramGb: number | null;
    storage: 'ssd' | 'hdd' | null;
    linkedToDisplay: boolean | null;
    inventoryTag: string | null;
  };
  network: { access: NetworkAccess | null; tested: boolean | null };
  documentCamera: { present: boolean | null; condition: Condition | null };
  notes: string;
  /** Extension of contract v1 (optional): training needs of this class's teacher. */
  trainingNeeds?: string[];
}

export interface Fleet {
  type: FleetType;
  count: number;
  workingCount: number;
  year: number | null;
  charging: Charging | null;
  mdm: boolean | null;
}

export interface SchoolData {
  visitDate: string | null;
  status: SchoolStatus;
  classesCount: number | null;
  pupils: number | null;
  newTeachers: number | null;
  internet: { access: InternetAccess | null; downloadMbps: number | null; uploadMbps: number | null };
  wifi: { accessPoints: number | null; coverage: WifiCoverage | null; switchable: boolean | null };
  fleets: Fleet[];
  filtering: boolean | null;
  usageCharter: boolean | null;
  ent: { used: boolean | null; name: string | null };
  resources: boolean | null;
  peripherals: { printerScanner: boolean | null; camera: boolean | null; robots: number | null };
  trainingNeeds: string[];
  needs: string;
  notes: string;
}

interface Envelope {
  id: string;
  uai: string;
  campaign: string;
  rev: number;
  updatedAt: string;
  /** Extension (optional): when the fiche's first revision was saved, kept by every later one; lists follow it. */
  createdAt?: string;
  deleted: boolean;
  author: Author;
  referentialVersion: string;
}

export interface SchoolFiche extends Envelope {
  kind: 'school';
  data: SchoolData;
}

export interface ClassroomFiche extends Envelope {
  kind: 'classroom';
  data: ClassroomData;
}

export type Fiche = SchoolFiche | ClassroomFiche;
export type FicheData<K extends FicheKind> = K extends 'school' ? SchoolData : ClassroomData;

/** One field's refusal: `path` as in sync.md (`data.computer.year`), `message` in French naming the field. */
export interface FieldError {
  path: string;
  message: string;
}
