/** A labelled form control with an optional hint and error, wired with aria-describedby. */
import { cloneElement, type ComponentChildren, type VNode } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  /** One control (input, select, textarea); it receives the id and the description ids. */
  children: VNode<Record<string, unknown>>;
  class?: string;
}

export function Field({ id, label, hint, error, children, class: className }: FieldProps) {
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div class={className ? `field ${className}` : 'field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {cloneElement(children, {
        id,
        'aria-describedby': described || undefined,
        'aria-invalid': error ? 'true' : undefined,
      })}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
