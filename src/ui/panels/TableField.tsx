/**
 * One field of the document, rendered from its entry in the field table (`config/fields.ts`):
 * the label and hint, the unit after the input, the help as the input's tooltip and accessible
 * description, the range as `data-min`/`data-max`/`data-step` and as a check before anything is
 * committed, the choices a problem is offered, and the widget of the entry's `input`:
 *
 * - number, integer, text, batch: a text input committed on blur or Enter (`CommitField`);
 * - choice: a select; boolean: a checkbox; color: a colour picker;
 * - widths: a list of whole numbers with "Add layer" / "Remove layer i" (the hidden layers);
 * - pair: two numbers labelled by the parts of the label ("β₁, β₂").
 *
 * The form decides whether the field shows (`fieldApplies`), which value it holds and what its
 * placeholder (the default that applies) is; a cleared optional field commits `undefined`.
 */
import { useId } from 'react';
import { FIELDS, type FieldInfo, type FieldPath, type ProblemKind } from '../../config/fields';
import {
  checkNumber,
  checkText,
  choicesFor,
  describeField,
  entryLabel,
  isWhole,
  rangeAttributes,
} from './fieldRules';
import {
  CommitField,
  FieldMessages,
  SelectField,
  formatNumber,
  parseNumber,
  type Parsed,
} from './fields';
import { useHidden } from '../useHidden';
import './TableField.css';

export interface TableFieldProps {
  /** The field's path in the table (`experiment.runs[].lr`). */
  path: FieldPath;
  /** The value as written (undefined: left out, the default applies); a list's entries. */
  value: unknown;
  /**
   * Called with the next value; `undefined` when an optional field is cleared. For a list, the
   * next entries and the index of the entry that changed (-1 when one was added or removed).
   */
  onChange(value: unknown, entry: number): void;
  /** Config problems naming the field (messages without the path). */
  messages?: readonly string[];
  /** A list's problems per entry. */
  entryMessages?(i: number): readonly string[] | undefined;
  /** The default that applies when the field is left out: a placeholder or the selected choice. */
  placeholder?: string | readonly string[];
  /** The problem the choices are offered for (default: every choice). */
  problem?: ProblemKind;
  /** The form's own hint, when it depends on the rest of the document (default: the table's). */
  hint?: string | null;
  /** Whether the field may not be left empty (it has no default). */
  required?: boolean;
}

/** A number typed into a field of `info`: parsed, then checked against the range. */
function parseIn(info: FieldInfo, text: string, required: boolean): Parsed<number | undefined> {
  const parsed = parseNumber(text, !required);
  if (!parsed.ok || parsed.value === undefined) return parsed;
  const message = checkNumber(info, parsed.value);
  return message ? { ok: false, message } : parsed;
}

/** A batch size typed: one of the choices' words, or a whole number in the range. */
function parseBatch(info: FieldInfo, text: string): Parsed<number | string | undefined> {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: true, value: undefined };
  const word = info.choices?.find((c) => c.value === t);
  if (word) return { ok: true, value: word.value };
  if (!/^\d+$/.test(t)) {
    const words = (info.choices ?? []).map((c) => `"${c.value}"`).join(' or ');
    return { ok: false, message: `'${text.trim()}' is not ${words} or a whole number` };
  }
  const message = checkNumber(info, Number(t));
  return message ? { ok: false, message } : { ok: true, value: Number(t) };
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function TableField(props: TableFieldProps) {
  // A classroom link may hide the field (by its table path).
  const hidden = useHidden(props.path);
  if (hidden) return null;
  const info: FieldInfo = FIELDS[props.path];
  const { value, onChange, messages, placeholder, problem, required = false } = props;
  const hint = props.hint === undefined ? info.hint : props.hint;
  const description = describeField(info);
  const single = typeof placeholder === 'string' ? placeholder : undefined;
  const common = {
    label: info.label,
    hint,
    unit: info.unit,
    description,
    messages,
    placeholder: single,
  };
  switch (info.input) {
    case 'number':
    case 'integer':
      return (
        <CommitField<number | undefined>
          {...common}
          inputMode={isWhole(info) ? 'numeric' : 'decimal'}
          attrs={rangeAttributes(info)}
          value={typeof value === 'number' ? value : undefined}
          format={formatNumber}
          parse={(text) => parseIn(info, text, required)}
          onCommit={(v) => onChange(v, -1)}
        />
      );
    case 'text':
      return (
        <CommitField<string | undefined>
          {...common}
          className="wide"
          inputMode="text"
          attrs={info.size ? { maxLength: info.size.max } : undefined}
          value={asString(value)}
          format={(v) => v ?? ''}
          parse={(text) => {
            const t = text.trim();
            if (t === '' && !required) return { ok: true, value: undefined };
            const message = checkText(info, t);
            return message ? { ok: false, message } : { ok: true, value: t };
          }}
          onCommit={(v) => onChange(v, -1)}
        />
      );
    case 'batch':
      return (
        <CommitField<number | string | undefined>
          {...common}
          inputMode="text"
          attrs={rangeAttributes(info)}
          value={typeof value === 'number' || typeof value === 'string' ? value : undefined}
          format={(v) => (v === undefined ? '' : String(v))}
          parse={(text) => parseBatch(info, text)}
          onCommit={(v) => onChange(v, -1)}
        />
      );
    case 'choice': {
      const current = asString(value) ?? single ?? info.choices?.[0]?.value ?? '';
      return (
        <SelectField<string>
          label={info.label}
          description={description}
          value={current}
          options={choicesFor(info, problem, current)}
          messages={messages}
          onChange={(v) => onChange(v, -1)}
        />
      );
    }
    case 'boolean':
      return <CheckField {...props} info={info} value={value === true} />;
    case 'color':
      return <ColorField {...props} info={info} value={asString(value) ?? single ?? ''} />;
    case 'widths':
    case 'pair':
      return <ListField info={info} {...props} />;
    default:
      throw new Error(`TableField: no widget for ${info.input} fields (${props.path})`);
  }
}

function CheckField({
  info,
  value,
  onChange,
  messages,
}: { info: FieldInfo; value: boolean } & TableFieldProps) {
  const id = useId();
  return (
    <div className="panel-field check">
      <label title={info.help}>
        <input
          type="checkbox"
          checked={value}
          aria-description={info.help}
          aria-invalid={messages?.length ? true : undefined}
          aria-describedby={messages?.length ? `${id}-msg` : undefined}
          onChange={(e) => onChange(e.target.checked, -1)}
        />{' '}
        {info.label}
      </label>
      <FieldMessages id={`${id}-msg`} messages={messages} />
    </div>
  );
}

function ColorField({
  info,
  value,
  onChange,
  messages,
}: { info: FieldInfo; value: string } & TableFieldProps) {
  const id = useId();
  return (
    <div className="panel-field color">
      <label htmlFor={id}>{info.label}</label>
      <input
        id={id}
        type="color"
        value={value.toLowerCase()}
        title={info.help}
        aria-description={info.help}
        aria-invalid={messages?.length ? true : undefined}
        aria-describedby={messages?.length ? `${id}-msg` : undefined}
        onChange={(e) => onChange(e.target.value, -1)}
      />
      <FieldMessages id={`${id}-msg`} messages={messages} />
    </div>
  );
}

/**
 * A list of numbers, each checked against the range: widths (entries required, added and removed
 * within `size`) under a legend, or a fixed pair (entries optional, each with its placeholder).
 */
function ListField({
  info,
  value,
  onChange,
  messages,
  entryMessages,
  placeholder,
}: { info: FieldInfo } & TableFieldProps) {
  const id = useId();
  const entries: (number | undefined)[] = Array.isArray(value)
    ? value.map((v) => (typeof v === 'number' ? v : undefined))
    : [];
  const size = info.size ?? { min: 2, max: 2 };
  const resizable = size.min < size.max;
  const list = resizable ? entries : Array.from({ length: size.max }, (_, i) => entries[i]);
  const fields = list.map((v, i) => {
    const field = (
      <CommitField<number | undefined>
        key={i}
        label={entryLabel(info, i)}
        unit={resizable ? info.unit : null}
        description={describeField(info, i)}
        inputMode={isWhole(info) ? 'numeric' : 'decimal'}
        attrs={rangeAttributes(info)}
        value={v}
        placeholder={Array.isArray(placeholder) ? placeholder[i] : undefined}
        messages={entryMessages?.(i)}
        format={formatNumber}
        parse={(text) => parseIn(info, text, resizable)}
        onCommit={(next) => {
          const out = list.slice();
          out[i] = next;
          onChange(out, i);
        }}
      />
    );
    if (!resizable) return field;
    return (
      <div className="panel-layer" key={i}>
        {field}
        <button
          type="button"
          className="panel-button small"
          aria-label={`Remove layer ${i + 1}`}
          disabled={list.length <= size.min}
          onClick={() =>
            onChange(
              list.filter((_, k) => k !== i),
              -1,
            )
          }
        >
          Remove
        </button>
      </div>
    );
  });
  if (!resizable) {
    // No name of its own: its entries are labelled, and a name "β₁, β₂" would match them both.
    return (
      <div className="panel-list" title={info.help}>
        {fields}
        <FieldMessages id={`${id}-msg`} messages={messages} />
      </div>
    );
  }
  return (
    <fieldset className="panel-layers" title={info.help}>
      <legend>{info.label}</legend>
      <div className="panel-row">
        {fields}
        <button
          type="button"
          className="panel-button"
          disabled={list.length >= size.max}
          onClick={() => onChange([...list, list[list.length - 1] ?? info.range?.min ?? 1], -1)}
        >
          Add layer
        </button>
      </div>
      <FieldMessages id={`${id}-msg`} messages={messages} />
    </fieldset>
  );
}
