import { useId } from 'react';
import {
  isFiltering,
  TIME_RANGES,
  EMPTY_FILTERS,
  type FilterProblems,
  type FilterState,
  type TimeRangeId,
} from './filter-state';

interface FilterBarProps {
  readonly filters: FilterState;
  readonly problems: FilterProblems;
  readonly services: readonly string[];
  readonly spanNames: readonly string[];
  /** `typing` is true for text fields, whose queries wait for typing to settle. */
  readonly onChange: (next: FilterState, typing: boolean) => void;
}

const TYPED_FIELDS: ReadonlySet<keyof FilterState> = new Set([
  'spanName',
  'attributes',
  'minDuration',
  'maxDuration',
]);

function TextFilter(props: {
  readonly label: string;
  readonly value: string;
  readonly placeholder: string;
  readonly problem: string | undefined;
  readonly className?: string;
  readonly list?: string;
  readonly onChange: (value: string) => void;
}) {
  const problemId = useId();
  return (
    <label className={['filter-field', props.className].filter(Boolean).join(' ')}>
      <span className="filter-label">{props.label}</span>
      <input
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        list={props.list}
        spellCheck={false}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? problemId : undefined}
        className={props.problem ? 'invalid' : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.problem && (
        <span id={problemId} className="filter-problem">
          {props.problem}
        </span>
      )}
    </label>
  );
}

export function FilterBar({ filters, problems, services, spanNames, onChange }: FilterBarProps) {
  const spanNameListId = useId();
  const set = <K extends keyof FilterState>(key: K, value: FilterState[K]) =>
    onChange({ ...filters, [key]: value }, TYPED_FIELDS.has(key));
  // A service chosen earlier stays selectable even when its traces are gone.
  const serviceChoices =
    filters.service && !services.includes(filters.service)
      ? [filters.service, ...services]
      : services;
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <label className="filter-field">
        <span className="filter-label">Service</span>
        <select value={filters.service} onChange={(event) => set('service', event.target.value)}>
          <option value="">All services</option>
          {serviceChoices.map((service) => (
            <option key={service} value={service}>
              {service}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-field filter-span-name">
        <TextFilter
          label="Span name"
          value={filters.spanName}
          placeholder="text or /regex/"
          problem={problems.spanName}
          list={spanNameListId}
          onChange={(value) => set('spanName', value)}
        />
        <datalist id={spanNameListId}>
          {spanNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <label className="filter-field">
          <span className="filter-label">in</span>
          <select
            aria-label="Span name scope"
            value={filters.spanNameScope}
            onChange={(event) => set('spanNameScope', event.target.value as 'root' | 'any')}
          >
            <option value="any">any span</option>
            <option value="root">root span</option>
          </select>
        </label>
      </div>
      <TextFilter
        label="Attributes"
        className="filter-attributes"
        value={filters.attributes}
        placeholder='key=value key2="a b"'
        problem={problems.attributes}
        onChange={(value) => set('attributes', value)}
      />
      <TextFilter
        label="Min duration"
        className="filter-duration"
        value={filters.minDuration}
        placeholder="e.g. 250ms"
        problem={problems.minDuration}
        onChange={(value) => set('minDuration', value)}
      />
      <TextFilter
        label="Max duration"
        className="filter-duration"
        value={filters.maxDuration}
        placeholder="e.g. 1.5s"
        problem={problems.maxDuration}
        onChange={(value) => set('maxDuration', value)}
      />
      <label className="filter-field filter-check">
        <input
          type="checkbox"
          checked={filters.errorsOnly}
          onChange={(event) => set('errorsOnly', event.target.checked)}
        />
        <span>Errors only</span>
      </label>
      <label className="filter-field">
        <span className="filter-label">Time range</span>
        <select
          value={filters.timeRange}
          onChange={(event) => set('timeRange', event.target.value as TimeRangeId)}
        >
          {TIME_RANGES.map((range) => (
            <option key={range.id} value={range.id}>
              {range.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="filter-clear"
        disabled={!isFiltering(filters)}
        onClick={() => onChange(EMPTY_FILTERS, false)}
      >
        Clear filters
      </button>
    </form>
  );
}
