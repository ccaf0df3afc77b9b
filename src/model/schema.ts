// Schemas of the records of records.md, shared by every entry point (form, import, sync endpoint). They are the one
// definition of a record's shape: the types of `types.ts` are inferred from them.
import * as v from 'valibot';
import { decimalIn, documented, integerIn, listOf, oneOf, setOf, shown, text, yearUpTo, yesNo } from './fields';
import { TRAINING_NEED_IDS } from './training';
import { UAI_PATTERN, uaiCheckLetter, uaiProblem } from './uai';
import { frenchNumber } from './french-number';
import { excerpt } from './text';

// The codes of records.md's enumerations, each written once: the schemas below accept them, `types.ts` names their
// types and `labels.ts` gives each code its French word (a code without one does not compile).
export const CONDITIONS = ['working', 'degraded', 'broken', 'out_of_service'] as const;
export const AUTHOR_ROLES = ['erun', 'technicien', 'directeur', 'autre'] as const;
export const CLASS_LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS', 'UPE2A', 'PS', 'MS', 'GS'] as const;
export const DISPLAY_TYPES = ['eni', 'vpi', 'tni', 'projector', 'tv', 'none'] as const;
export const COMPUTER_TYPES = ['desktop', 'laptop', 'none'] as const;
export const STORAGE_TYPES = ['ssd', 'hdd'] as const;
export const NETWORK_ACCESSES = ['wired', 'wifi', 'both', 'none'] as const;
export const INTERNET_ACCESSES = ['fibre', 'vdsl', 'adsl', 'mobile', 'satellite', 'none'] as const;
export const WIFI_COVERAGES = ['all', 'partial', 'none'] as const;
export const FLEET_TYPES = ['tablet', 'laptop', 'hybrid'] as const;
export const CHARGINGS = ['cart', 'case', 'none'] as const;
export const SCHOOL_STATUSES = ['draft', 'complete'] as const;
/** What a photo shows (records.md v2 "Photos"). */
export const PHOTO_SUBJECTS = ['display', 'computer', 'network', 'documentCamera', 'fleet', 'general'] as const;
export const PHOTO_TYPES = ['image/jpeg', 'image/webp'] as const;
/** At most this many photos on one fiche. */
export const MAX_PHOTOS = 20;
/** The largest photo a record may reference and the server takes (sync.md v2: ≤ 2 MiB). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * A group of fields: every field it has is named here, and any other makes the record invalid (sync.md: an unknown
 * field is refused, never stored nor silently dropped). validate.ts words the unknown field's message.
 */
function group<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.strictObject(entries, (issue) => (issue.expected === 'never' ? 'champ inconnu' : 'doit être un objet JSON'));
}

function uaiSchema() {
  return v.pipe(
    v.string('saisissez un UAI'),
    v.check(
      (uai) => uaiProblem(uai) === null,
      (issue) =>
        uaiProblem(issue.input) === 'format'
          ? `« ${excerpt(issue.input)} » n'est pas un UAI (7 chiffres puis une lettre, par exemple 0130569Y)`
          : `la lettre de contrôle de « ${issue.input} » est fausse (attendu : ${issue.input.slice(0, 7)}${uaiCheckLetter(issue.input.slice(0, 7))})`,
    ),
    documented('UAI : 7 chiffres puis la lettre de contrôle calculée sur eux (par exemple 0130569Y).', { pattern: UAI_PATTERN.source }),
  );
}

const campaignSchema = v.pipe(
  v.string('saisissez une campagne'),
  v.check((c) => {
    const m = /^(\d{4})-(\d{4})$/.exec(c);
    return m !== null && Number(m[2]) === Number(m[1]) + 1;
  }, (issue) => `saisissez une année scolaire comme 2026-2027${shown(issue.input)}`),
  documented('Année scolaire : deux années qui se suivent, par exemple 2026-2027.', { pattern: '^\\d{4}-\\d{4}$' }),
);

export const authorSchema = group({ name: text(100, 1), role: oneOf(AUTHOR_ROLES) });

/** A photo a fiche references: the image is not in the record (records.md v2), only its hash and what it shows. */
export const photoSchema = v.pipe(
  group({
    sha256: v.pipe(v.string("saisissez l'empreinte de la photo"), v.regex(SHA256_PATTERN, "n'est pas une empreinte SHA-256 (64 caractères hexadécimaux en minuscules)")),
    type: oneOf(PHOTO_TYPES),
    bytes: integerIn(1, PHOTO_MAX_BYTES),
    takenAt: v.pipe(v.string('saisissez une date'), v.isoTimestamp("n'est pas une date ISO 8601")),
    subject: oneOf(PHOTO_SUBJECTS),
    caption: v.nullable(text(200)),
  }),
  documented("Une photo de la fiche : l'image est envoyée à part (PUT /api/v1/attachments/<sha256>) avant la fiche."),
);

/** A fiche's photos (optional: absent reads as none), each image at most once. */
const photosSchema = v.optional(
  v.pipe(
    listOf(photoSchema, MAX_PHOTOS, { type: 'saisissez une liste de photos', max: `${MAX_PHOTOS} photos au plus par fiche` }),
    v.check((photos) => new Set(photos.map((p) => p.sha256)).size === photos.length, 'une même photo figure deux fois'),
  ),
);

export function classroomDataSchema(currentYear: number) {
  const year = v.nullable(yearUpTo(currentYear));
  const condition = v.nullable(oneOf(CONDITIONS));
  return group({
    label: text(60, 1),
    levels: setOf(CLASS_LEVELS),
    pupils: v.nullable(integerIn(0, 40)),
    display: group({
      type: v.nullable(oneOf(DISPLAY_TYPES)),
      condition,
      year,
      sizeInches: v.nullable(decimalIn(10, 120)),
    }),
    computer: group({
      type: v.nullable(oneOf(COMPUTER_TYPES)),
      condition,
      year,
      os: v.nullable(text(60)),
      ramGb: v.nullable(decimalIn(0.5, 256)),
      storage: v.nullable(oneOf(STORAGE_TYPES)),
      linkedToDisplay: v.nullable(yesNo),
      inventoryTag: v.nullable(text(60)),
    }),
    network: group({ access: v.nullable(oneOf(NETWORK_ACCESSES)), tested: v.nullable(yesNo) }),
    documentCamera: group({ present: v.nullable(yesNo), condition }),
    notes: text(2000),
    trainingNeeds: v.optional(setOf(TRAINING_NEED_IDS)),
    photos: photosSchema,
  });
}

function fleetSchema(currentYear: number) {
  return v.pipe(
    group({
      // Made on the device when the fleet is added, never changed: the merge matches fleets by it (records.md v2).
      id: text(64, 1),
      type: oneOf(FLEET_TYPES),
      count: integerIn(0, 5000),
      workingCount: integerIn(0, 5000),
      year: v.nullable(yearUpTo(currentYear)),
      charging: v.nullable(oneOf(CHARGINGS)),
      mdm: v.nullable(yesNo),
    }),
    v.forward(
      v.partialCheck(
        [['count'], ['workingCount']],
        (fleet) => fleet.workingCount <= fleet.count,
        (issue) => {
          const count = (issue.input as { count?: unknown }).count;
          return `ne peut pas dépasser le nombre d'appareils (${typeof count === 'number' ? frenchNumber(count) : String(count)})`;
        },
      ),
      ['workingCount'],
    ),
    documented("Une flotte d'appareils ; workingCount ne dépasse pas count."),
  );
}

export function schoolDataSchema(currentYear: number) {
  return group({
    visitDate: v.nullable(v.pipe(v.string('saisissez une date'), v.isoDate('saisissez une date comme 2026-11-28'))),
    status: oneOf(SCHOOL_STATUSES),
    classesCount: v.nullable(integerIn(1, 60)),
    pupils: v.nullable(integerIn(0, 2000)),
    newTeachers: v.nullable(integerIn(0, 60)),
    internet: group({
      access: v.nullable(oneOf(INTERNET_ACCESSES)),
      downloadMbps: v.nullable(decimalIn(0, 100_000)),
      uploadMbps: v.nullable(decimalIn(0, 100_000)),
    }),
    wifi: group({
      accessPoints: v.nullable(integerIn(0, 500)),
      coverage: v.nullable(oneOf(WIFI_COVERAGES)),
      switchable: v.nullable(yesNo),
    }),
    fleets: listOf(fleetSchema(currentYear), 50, { type: 'saisissez une liste de flottes', max: '50 flottes au plus' }),
    filtering: v.nullable(yesNo),
    usageCharter: v.nullable(yesNo),
    ent: group({ used: v.nullable(yesNo), name: v.nullable(text(100)) }),
    resources: v.nullable(yesNo),
    peripherals: group({
      printerScanner: v.nullable(yesNo),
      camera: v.nullable(yesNo),
      robots: v.nullable(integerIn(0, 1000)),
    }),
    trainingNeeds: setOf(TRAINING_NEED_IDS),
    needs: text(4000),
    notes: text(4000),
    photos: photosSchema,
  });
}

/** The envelope of every record but its revision numbers: what a fiche and a pushed record share. */
function envelopeEntries() {
  return {
    uai: uaiSchema(),
    campaign: campaignSchema,
    updatedAt: v.pipe(v.string('saisissez une date'), v.isoTimestamp("n'est pas une date ISO 8601")),
    createdAt: v.optional(v.pipe(v.string('saisissez une date'), v.isoTimestamp("n'est pas une date ISO 8601"))),
    deleted: v.boolean('doit valoir vrai ou faux'),
    author: authorSchema,
    referentialVersion: text(40, 1),
  };
}

const classroomId = v.pipe(v.string('saisissez un identifiant'), v.uuid("n'est pas un identifiant UUID"));
// A school fiche's id is derived from its campaign and UAI (sync.md v2): checked against them below.
const schoolId = v.pipe(v.string('saisissez un identifiant'), v.regex(/^ecole-\d{4}-\d{4}-[0-9]{7}[A-Z]$/, "n'est pas un identifiant de fiche école (ecole-<campagne>-<UAI>)"));

const KIND_MESSAGE = 'doit valoir « school » ou « classroom »';
const DERIVED_ID_MESSAGE = "ne correspond pas à la campagne et à l'UAI de la fiche";
const SCHOOL_FICHE_DESCRIPTION = "Fiche d'une école : son identifiant est ecole-<campagne>-<UAI>, de sa propre campagne et de son UAI.";

/** A fiche as held: on the device (its latest state) or on the server (a head, numbered by the server). */
export function ficheSchema(currentYear: number) {
  const envelope = { ...envelopeEntries(), rev: integerIn(1, Number.MAX_SAFE_INTEGER) };
  return v.variant(
    'kind',
    [
      v.pipe(
        group({ ...envelope, id: schoolId, kind: v.literal('school'), data: schoolDataSchema(currentYear) }),
        // A school fiche's id is `ecole-<campaign>-<uai>` of its own campaign and UAI.
        v.forward(v.partialCheck([['id'], ['campaign'], ['uai']], (f) => f.id === `ecole-${f.campaign}-${f.uai}`, DERIVED_ID_MESSAGE), ['id']),
        documented(SCHOOL_FICHE_DESCRIPTION),
      ),
      group({ ...envelope, id: classroomId, kind: v.literal('classroom'), data: classroomDataSchema(currentYear) }),
    ],
    KIND_MESSAGE,
  );
}

/** A fiche as pushed (sync.md v2): no `rev`, the head it was made on as `baseRev`. */
export function pushRecordSchema(currentYear: number) {
  const envelope = { ...envelopeEntries(), baseRev: integerIn(0, Number.MAX_SAFE_INTEGER) };
  return v.variant(
    'kind',
    [
      v.pipe(
        group({ ...envelope, id: schoolId, kind: v.literal('school'), data: schoolDataSchema(currentYear) }),
        // A school fiche's id is `ecole-<campaign>-<uai>` of its own campaign and UAI.
        v.forward(v.partialCheck([['id'], ['campaign'], ['uai']], (f) => f.id === `ecole-${f.campaign}-${f.uai}`, DERIVED_ID_MESSAGE), ['id']),
        documented(SCHOOL_FICHE_DESCRIPTION),
      ),
      group({ ...envelope, id: classroomId, kind: v.literal('classroom'), data: classroomDataSchema(currentYear) }),
    ],
    KIND_MESSAGE,
  );
}

export { uaiSchema, campaignSchema };

