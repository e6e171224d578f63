/**
 * Validates task XML against the Task Scheduler schema with xmllint-wasm, many documents
 * per call. The schema is the dahall XSD of ../shared/corpus/schema, as xmllint can compile
 * it (`dahallXsd`), extended at test time with `WnfStateChangeTrigger` (below). Nothing of
 * the corpus is copied into the repository: the extended text is built from the corpus
 * file on every run, and building it fails loudly if that file no longer has the parts it
 * replaces.
 *
 * ## The extended schema: WnfStateChangeTrigger
 *
 * Windows 10/11 write `WnfStateChangeTrigger` in a fifth of their own tasks (10 corpus
 * files). Microsoft documents only its COM constant, `TASK_TRIGGER_CUSTOM_TRIGGER_01 = 12`
 * in `TASK_TRIGGER_TYPE2` (taskschd.h); neither the schema page
 * (MicrosoftDocs/win32 desktop-src/TaskSchd/task-scheduler-schema.md) nor [MS-TSCH] 2.5.3
 * "Triggers Schema Part" lists the element. The dahall XSD declares it as
 * `customTriggerType`: the trigger base followed by one `xs:any`, which libxml2 refuses to
 * compile (the wildcard overlaps the base's optional elements), so `dahallXsd` narrows it
 * to `##other` — and then every WNF child in the task namespace is invalid, although
 * Windows wrote and runs those files.
 *
 * The extension gives the element the structure every Windows-written file in the corpus
 * has (Windows writes the children in this order):
 *
 *     WnfStateChangeTrigger  (triggerBaseType: id, Repetition, StartBoundary, EndBoundary,
 *                             ExecutionTimeLimit, Enabled)
 *       Delay       xs:duration, optional (as every event-like trigger's Delay)
 *       StateName   required; the 64-bit WNF state name (WNF_STATE_NAME, two ULONGs) as
 *                   16 hex digits, e.g. 7508BCA3380C960C
 *       Data        optional xs:hexBinary, the state data that fires the trigger, e.g. 01
 *       DataOffset  optional xs:unsignedInt, where in the state data `Data` is compared
 *
 * What only Windows can confirm: whether Task Scheduler itself accepts more than this
 * (another child, a StateName of another length).
 */
import { validateXML } from 'xmllint-wasm';
import { declareEncoding } from '../../src/schtasks/encoding.js';
import { dahallXsd } from './corpus-files.js';

export interface XsdVerdict {
  valid: boolean;
  errors: string[];
}

/** `extended` (default): the dahall XSD with WnfStateChangeTrigger; `dahall`: without it (WNF children refused). */
export type TaskSchemaName = 'extended' | 'dahall';

const WNF_TRIGGER_TYPE = `
  <!-- WnfStateChangeTrigger: added by taskctl's tests (test/schtasks/xsd-validate.ts) from Windows' own task files. -->
  <xs:complexType name="wnfStateChangeTriggerType">
    <xs:complexContent>
      <xs:extension base="triggerBaseType">
        <xs:sequence>
          <xs:element name="Delay" type="xs:duration" default="PT0M" minOccurs="0" />
          <xs:element name="StateName" type="wnfStateNameType" />
          <xs:element name="Data" type="xs:hexBinary" minOccurs="0" />
          <xs:element name="DataOffset" type="xs:unsignedInt" minOccurs="0" />
        </xs:sequence>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:simpleType name="wnfStateNameType">
    <xs:restriction base="xs:hexBinary">
      <xs:length value="8" />
    </xs:restriction>
  </xs:simpleType>
`;

let extendedText: string | undefined;

/** The schema text `name` stands for. */
export function taskSchemaXsd(name: TaskSchemaName = 'extended'): string {
  if (name === 'dahall') return dahallXsd();
  extendedText ??= extendWithWnf(dahallXsd());
  return extendedText;
}

function extendWithWnf(xsd: string): string {
  const element = /<xs:element name="WnfStateChangeTrigger"(\s+)type="customTriggerType"/;
  const customType = /<xs:complexType name="customTriggerType">[\s\S]*?<\/xs:complexType>/;
  if (!element.test(xsd) || !customType.test(xsd)) {
    throw new Error('the corpus XSD no longer declares WnfStateChangeTrigger as customTriggerType; update extendWithWnf in test/schtasks/xsd-validate.ts');
  }
  // customTriggerType is used by WnfStateChangeTrigger alone: it is replaced, not kept beside.
  return xsd.replace(element, '<xs:element name="WnfStateChangeTrigger"$1type="wnfStateChangeTriggerType"').replace(customType, WNF_TRIGGER_TYPE.trim());
}

/** `documents` maps a name to XML text (any declaration; re-declared UTF-8 as xmllint requires). */
export async function validateAgainstXsd(documents: Record<string, string>, schema: TaskSchemaName = 'extended'): Promise<Record<string, XsdVerdict>> {
  const names = Object.keys(documents);
  const fileOf = (i: number) => `doc${i}.xml`;
  const result = await validateXML({
    xml: names.map((name, i) => ({ fileName: fileOf(i), contents: declareEncoding(documents[name]!, 'UTF-8') })),
    schema: { fileName: 'task.xsd', contents: taskSchemaXsd(schema) },
  });
  // xmllint also prints "docN.xml fails to validate" with no position: attribute it by name.
  const fileOfError = (e: (typeof result.errors)[number]) =>
    e.loc?.fileName ?? /^(doc\d+\.xml) fails to validate/.exec(e.rawMessage)?.[1];
  const verdicts: Record<string, XsdVerdict> = {};
  names.forEach((name, i) => {
    const errors = result.errors.filter((e) => fileOfError(e) === fileOf(i)).map((e) => e.message);
    verdicts[name] = { valid: errors.length === 0, errors };
  });
  const unplaced = result.errors.filter((e) => fileOfError(e) === undefined);
  if (unplaced.length > 0) throw new Error(`xmllint errors without a file: ${unplaced.map((e) => e.rawMessage).join('\n')}`);
  return verdicts;
}
