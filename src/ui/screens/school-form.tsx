// The school fiche, in short sections that open one at a time on a tablet.
import type { ComponentChildren } from 'preact';
import type { FicheEditor } from '../../state/fiche-editor';
import type { Fleet, InternetAccess, WifiCoverage } from '../../model/types';
import { COVERAGE_LABELS, INTERNET_LABELS } from '../../model/labels';
import { bind, options } from '../bind';
import { SegmentedField, YES_NO } from '../components/segmented-field';
import { NumberField } from '../components/number-field';
import { TextField } from '../components/text-field';
import { TrainingNeedsField } from '../components/training-needs-field';
import { FleetsField } from './fleets-field';

function Section({ title, children, open }: { title: string; children: ComponentChildren; open?: boolean }) {
  return (
    <details class="section" open={open}>
      <summary>
        <h3>{title}</h3>
      </summary>
      <div class="section-body">{children}</div>
    </details>
  );
}

export function SchoolForm({ editor }: { editor: FicheEditor<'school'> }) {
  const b = <T,>(path: string) => bind<T>(editor, path);
  return (
    <form class="fiche-form" onSubmit={(event) => event.preventDefault()}>
      <Section title="Visite et effectifs" open>
        <TextField {...b<string | null>('visitDate')} label="Date de visite" type="date" nullable />
        <NumberField {...b<number | null>('classesCount')} label="Nombre de classes de l'école" />
        <NumberField {...b<number | null>('pupils')} label="Nombre d'élèves de l'école" />
        <NumberField {...b<number | null>('newTeachers')} label="Néo-titulaires à équiper" />
      </Section>
      <Section title="Connexion internet">
        <SegmentedField {...b<InternetAccess | null>('internet.access')} label="Accès internet" options={options(INTERNET_LABELS)} nullable />
        <NumberField {...b<number | null>('internet.downloadMbps')} label="Débit descendant" unit="Mb/s" decimal />
        <NumberField {...b<number | null>('internet.uploadMbps')} label="Débit montant" unit="Mb/s" decimal />
      </Section>
      <Section title="Wi-Fi">
        <NumberField {...b<number | null>('wifi.accessPoints')} label="Nombre de points d'accès" />
        <SegmentedField {...b<WifiCoverage | null>('wifi.coverage')} label="Classes couvertes" options={options(COVERAGE_LABELS)} nullable />
        <SegmentedField {...b<boolean | null>('wifi.switchable')} label="Wi-Fi débrayable (peut être coupé)" options={YES_NO} nullable />
      </Section>
      <Section title="Flottes mobiles">
        <FleetsField editor={editor} fleets={editor.data.value.fleets as Fleet[]} />
      </Section>
      <Section title="Sécurité et usages">
        <SegmentedField {...b<boolean | null>('filtering')} label="Filtrage internet en place" options={YES_NO} nullable />
        <SegmentedField {...b<boolean | null>('usageCharter')} label="Charte d'usage d'internet adoptée" options={YES_NO} nullable />
        <SegmentedField {...b<boolean | null>('ent.used')} label="ENT ou service de partage utilisé" options={YES_NO} nullable />
        <TextField {...b<string | null>('ent.name')} label="Nom de l'ENT ou du service" nullable maxLength={100} />
        <SegmentedField {...b<boolean | null>('resources')} label="Ressources pédagogiques numériques disponibles" options={YES_NO} nullable />
      </Section>
      <Section title="Périphériques">
        <SegmentedField {...b<boolean | null>('peripherals.printerScanner')} label="Imprimante-scanner" options={YES_NO} nullable />
        <SegmentedField {...b<boolean | null>('peripherals.camera')} label="Appareil photo" options={YES_NO} nullable />
        <NumberField {...b<number | null>('peripherals.robots')} label="Nombre de robots" />
      </Section>
      <Section title="Besoins de formation">
        <TrainingNeedsField {...b<string[]>('trainingNeeds')} value={editor.data.value.trainingNeeds} />
      </Section>
      <Section title="Besoins et remarques">
        <TextField {...b<string>('needs')} label="Besoins exprimés par l'école (ressources, matériel, accompagnement)" multiline maxLength={4000} />
        <TextField {...b<string>('notes')} label="Remarques" multiline maxLength={4000} />
      </Section>
    </form>
  );
}
