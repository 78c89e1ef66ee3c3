/**
 * Small labelled form fields shared by the panels. Every input has a `<label>`; the config
 * problems that name a field are shown under it (`role="alert"`-free, linked with
 * aria-describedby), and typed text is committed on blur or Enter, never on every keystroke.
 * `TableField` builds a field of the field table (`config/fields.ts`) from these.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

/** A parse result: a value to commit, or a message shown beside the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses a number the way JSON would accept it; '' is `undefined` when `allowEmpty`. */
export function parseNumber(text: string, allowEmpty: boolean): Parsed<number | undefined> {
  const t = text.trim();
  if (t === '') {
    return allowEmpty ? { ok: true, value: undefined } : { ok: false, message: 'enter a number' };
  }
  const v = Number(t);
  if (!Number.isFinite(v) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
    return { ok: false, message: `'${t}' is not a number` };
  }
  return { ok: true, value: v };
}

export function formatNumber(v: number | undefined): string {
  return v === undefined ? '' : String(v);
}

/** Messages under a field. */
export function FieldMessages({
  id,
  messages,
  local,
}: {
  id: string;
  messages?: readonly string[];
  local?: string | null;
}) {
  if (!local && !messages?.length) return null;
  return (
    <ul className="panel-msgs" id={id}>
      {local ? <li className="panel-msg local">{local}</li> : null}
      {messages?.map((m, i) => (
        <li key={i} className="panel-msg">
          {m}
        </li>
      ))}
    </ul>
  );
}

export interface CommitFieldProps<T> {
  label: ReactNode;
  value: T;
  format(value: T): string;
  parse(text: string): Parsed<T>;
  onCommit(value: T): void;
  placeholder?: string;
  /** Config problems for this field (messages without the path). */
  messages?: readonly string[];
  inputMode?: 'decimal' | 'numeric' | 'text';
  className?: string;
  /** Extra text after the label (a symbol, a hint). */
  hint?: ReactNode;
  /** The unit, shown after the input. */
  unit?: ReactNode;
  /** One sentence about the field: the input's tooltip and accessible description. */
  description?: string;
  /** Further attributes of the input (`data-*`, `maxLength`). */
  attrs?: Readonly<Record<string, string | number>>;
  testId?: string;
}

/**
 * A text input the user types into freely; the text is parsed and committed on blur or Enter
 * (Escape reverts). Text that does not parse shows a local message and commits nothing.
 */
export function CommitField<T>({
  label,
  value,
  format,
  parse,
  onCommit,
  placeholder,
  messages,
  inputMode = 'decimal',
  className,
  hint,
  unit,
  description,
  attrs,
  testId,
}: CommitFieldProps<T>) {
  const id = useId();
  const msgId = `${id}-msg`;
  const [draft, setDraft] = useState<string | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const shown = draft ?? format(value);

  const commit = () => {
    if (draft === null) return;
    const parsed = parse(draft);
    if (!parsed.ok) {
      setLocal(parsed.message);
      return;
    }
    setLocal(null);
    setDraft(null);
    if (!Object.is(parsed.value, value)) onCommit(parsed.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      setDraft(null);
      setLocal(null);
    }
  };
  const invalid = Boolean(local) || Boolean(messages?.length);
  const input = (
    <input
      {...attrs}
      id={id}
      type="text"
      inputMode={inputMode}
      autoComplete="off"
      spellCheck={false}
      value={shown}
      placeholder={placeholder}
      title={description}
      aria-description={description}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? msgId : undefined}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
  return (
    <div className={`panel-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {hint ? <span className="panel-hint"> {hint}</span> : null}
      </label>
      {unit ? (
        <span className="panel-input">
          {input}
          <span className="panel-unit">{unit}</span>
        </span>
      ) : (
        input
      )}
      <FieldMessages id={msgId} messages={messages} local={local} />
    </div>
  );
}

/** A labelled `<select>` with the config problems for its field under it. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  messages,
  className,
  description,
  testId,
}: {
  label: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  messages?: readonly string[];
  className?: string;
  /** One sentence about the field: the select's tooltip and accessible description. */
  description?: string;
  testId?: string;
}) {
  const id = useId();
  const msgId = `${id}-msg`;
  const invalid = Boolean(messages?.length);
  return (
    <div className={`panel-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        title={description}
        aria-description={description}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? msgId : undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={msgId} messages={messages} />
    </div>
  );
}

/** Problems that name no field of a panel, shown at its top. */
export function ProblemList({
  problems,
  title = 'Please fix',
}: {
  problems: readonly string[];
  title?: string;
}) {
  if (!problems.length) return null;
  return (
    <div className="panel-problems" role="alert">
      <strong>{title}</strong>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
