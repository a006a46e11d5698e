import type { ComponentChildren } from 'preact';

interface CheckboxProps {
  checked: boolean;
  onChange(checked: boolean): void;
  /** The label's text; clicking it toggles the box. */
  children: ComponentChildren;
}

export function Checkbox({ checked, onChange, children }: CheckboxProps) {
  return (
    <label class="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      {children}
    </label>
  );
}
