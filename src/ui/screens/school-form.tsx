// The school fiche, in short sections that open one at a time on a tablet.
import type { ComponentChildren } from 'preact';
import type { FicheEditor } from '../../state/fiche-editor';
import { COVERAGE_LABELS, INTERNET_LABELS } from '../../model/labels';
import { bind, options } from '../bind';
import { SegmentedField, YES_NO } from '../components/segmented-field';
import { NumberField } from '../components/number-field';
import { TextField } from '../components/text-field';
import { TrainingNeedsField } from '../components/training-needs-field';
import { FleetsField } from './fleets-field';
import { PhotosField } from './photos-field';

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
  return (
    <form class="fiche-form" onSubmit={(event) => event.preventDefault()}>
      <Section title="Visite et effectifs" open>
        <TextField {...bind(editor, 'visitDate')} type="date" nullable />
        <NumberField {...bind(editor, 'classesCount')} />
        <NumberField {...bind(editor, 'pupils')} />
        <NumberField {...bind(editor, 'newTeachers')} />
      </Section>
      <Section title="Connexion internet">
        <SegmentedField {...bind(editor, 'internet.access')} options={options(INTERNET_LABELS)} nullable />
        <NumberField {...bind(editor, 'internet.downloadMbps')} unit="Mb/s" decimal />
        <NumberField {...bind(editor, 'internet.uploadMbps')} unit="Mb/s" decimal />
      </Section>
      <Section title="Wi-Fi">
        <NumberField {...bind(editor, 'wifi.accessPoints')} />
        <SegmentedField {...bind(editor, 'wifi.coverage')} options={options(COVERAGE_LABELS)} nullable />
        <SegmentedField {...bind(editor, 'wifi.switchable')} options={YES_NO} nullable />
      </Section>
      <Section title="Flottes mobiles">
        <FleetsField editor={editor} fleets={editor.data.value.fleets} />
      </Section>
      <Section title="Sécurité et usages">
        <SegmentedField {...bind(editor, 'filtering')} options={YES_NO} nullable />
        <SegmentedField {...bind(editor, 'usageCharter')} options={YES_NO} nullable />
        <SegmentedField {...bind(editor, 'ent.used')} options={YES_NO} nullable />
        <TextField {...bind(editor, 'ent.name')} nullable />
        <SegmentedField {...bind(editor, 'resources')} options={YES_NO} nullable />
      </Section>
      <Section title="Périphériques">
        <SegmentedField {...bind(editor, 'peripherals.printerScanner')} options={YES_NO} nullable />
        <SegmentedField {...bind(editor, 'peripherals.camera')} options={YES_NO} nullable />
        <NumberField {...bind(editor, 'peripherals.robots')} />
      </Section>
      <Section title="Besoins de formation">
        <TrainingNeedsField {...bind(editor, 'trainingNeeds')} />
      </Section>
      <Section title="Besoins et remarques">
        <TextField {...bind(editor, 'needs')} multiline />
        <TextField {...bind(editor, 'notes')} multiline />
      </Section>
      <Section title="Photos">
        <PhotosField editor={editor} />
      </Section>
    </form>
  );
}
