import { TextField, type TextFieldProps } from './text-field';

interface NumberFieldProps extends Omit<TextFieldProps, 'type' | 'inputMode' | 'min' | 'step'> {
  /** Defaults to 1: most numbers here are counts (requests, tokens) where 0 would mean nothing. */
  min?: number;
  /** Defaults to 1 (whole numbers); 0.01 for amounts in dollars and cents. */
  step?: number;
}

/**
 * A number kept as the text typed: empty stays empty (each form decides what "not set" means),
 * and a bad value goes to the API, whose message then shows at the field.
 */
export function NumberField({ min = 1, step = 1, ...props }: NumberFieldProps) {
  // Phones show a keypad with a decimal point only where the step allows fractions.
  const inputMode = Number.isInteger(step) ? 'numeric' : 'decimal';
  return <TextField {...props} type="number" min={min} step={step} inputMode={inputMode} />;
}
